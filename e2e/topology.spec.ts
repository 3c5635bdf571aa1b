import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const FIXTURE = readFileSync(new URL('../src/pci/topology/fixtures/linuxhw_asus_aio_m3702wfa_amd_mendocino.lspci.txt', import.meta.url), 'utf8');

const groupsList = (page: Page) => page.getByRole('list', { name: 'IOMMU groups' });
/** The groups list item headed "Group N" (its members are nested items without that heading). */
const group = (page: Page, id: number) => groupsList(page).getByRole('listitem').filter({ has: page.getByText(`Group ${id}`, { exact: true }) });

async function openServer(page: Page): Promise<void> {
  await page.goto('/?view=groups');
  await expect(page.getByRole('radio', { name: '8-GPU server (two PCIe switches)' })).toBeChecked();
  await expect(group(page, 24)).toContainText('17:00.0');
}

test('clearing ReqRedir on a switch downstream port puts its GPU in the port\'s group', async ({ page }) => {
  await openServer(page);
  await expect(group(page, 4)).toContainText('1 function');
  await expect(group(page, 4)).not.toContainText('03:00.0');
  const acs = page.getByRole('region', { name: 'ACS control' });
  await acs.getByRole('checkbox', { name: 'ReqRedir (RR) on 0000:02:00.0' }).uncheck();
  await expect(group(page, 4)).toContainText('2 functions');
  await expect(group(page, 4)).toContainText('03:00.0 GPU 0');
  await expect(group(page, 4)).toContainText('not isolated below 0000:02:00.0, because 0000:02:00.0 (switch downstream port): ACSCtl lacks ReqRedir');
  await expect(acs).toContainText('setpci -s 0000:02:00.0 ECAP_ACS+0x6.w=0019');
  await acs.getByRole('checkbox', { name: 'ReqRedir (RR) on 0000:02:00.0' }).check();
  await expect(group(page, 4)).toContainText('1 function');
});

test('the peer write faults in the IOMMU with ACS redirect on and turns at the switch with it off', async ({ page }) => {
  await openServer(page);
  const p2p = page.getByRole('region', { name: 'Peer-to-peer path' });
  await expect(p2p.getByLabel('GPU A (writes)')).toHaveValue('0000:03:00.0');
  await expect(p2p.getByLabel('GPU B (its BAR is written)')).toHaveValue('0000:04:00.0');
  const route = p2p.getByRole('region', { name: 'Route of the write' });
  const walk = p2p.getByRole('region', { name: 'The IOMMU\'s walk' });
  await expect(route).toContainText('IOMMU fault');
  await expect(route.getByRole('list', { name: 'Route hops' })).toContainText('02:00.0 redirected');
  await expect(walk.getByRole('list').first()).toContainText('PDPE [2]');
  await expect(walk).toContainText('DMAR: [DMA Write NO_PASID] Request device [03:00.0] fault addr 0xa4000000 [fault reason 0x05] PTE Write access is not set');

  await p2p.getByRole('checkbox', { name: 'ACS redirect on the switch downstream ports' }).uncheck();
  await expect(route).toContainText('Delivered: turned inside the PCIe switch');
  await expect(route.getByRole('list', { name: 'Route hops' })).toContainText('02:00.0 across');
  await expect(walk).toContainText('No request reaches the IOMMU untranslated');

  await p2p.getByRole('checkbox', { name: 'ACS redirect on the switch downstream ports' }).check();
  await p2p.getByRole('radio', { name: 'iommu=pt (identity)' }).check();
  await expect(route).toContainText('Delivered: went up to the root complex and back down');
  await expect(walk).toContainText('HPA 0xa4000000 (pass-through)');
});

test('an imported lspci -vvv shows its groups beside the kernel\'s and survives a reload', async ({ page }) => {
  await openServer(page);
  await page.getByText('Import your own machine').click();
  await page.getByLabel('lspci -vvv output (run as root so the ACS lines are there)').fill(FIXTURE);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('radio', { name: /My machine \(imported lspci\)/ })).toBeChecked();
  await expect(group(page, 9)).toContainText('00:14.0 SMBus');
  await expect(group(page, 9)).toContainText('00:14.3 ISA bridge');
  await expect(group(page, 9)).toContainText('kernel: group 8');
  await expect(groupsList(page)).not.toContainText('disagrees');
  await page.reload();
  await expect(page.getByRole('radio', { name: /My machine \(imported lspci\)/ })).toBeChecked();
  await expect(group(page, 9)).toContainText('kernel: group 8');
});

test('a bad import is refused naming the line, and the shown machine stays', async ({ page }) => {
  await openServer(page);
  await page.getByText('Import your own machine').click();
  await page.getByLabel('lspci -vvv output (run as root so the ACS lines are there)').fill('\nhello world\nnot lspci');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('alert')).toContainText('line 2 ("hello world") does not start with a PCI address');
  await expect(page.getByRole('radio', { name: '8-GPU server (two PCIe switches)' })).toBeChecked();
  await expect(group(page, 24)).toContainText('17:00.0 Infiniband controller');
});
