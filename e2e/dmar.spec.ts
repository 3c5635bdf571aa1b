import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './page-errors.ts';

// Fixtures are real tables (src/acpi/dmar/fixtures/); expected values below are read from the
// iasl -d listing beside each one, not from our parser.
const fixture = (name: string): Buffer => readFileSync(new URL(`../src/acpi/dmar/fixtures/${name}`, import.meta.url));

const structures = (page: Page) => page.getByRole('list', { name: 'Remapping structures' }).getByRole('listitem');
const fileInput = (page: Page) => page.getByLabel('Load DMAR table', { exact: true });
const selectedBytes = (page: Page) => page.getByRole('grid', { name: 'Table bytes' }).getByRole('gridcell', { selected: true });

async function types(page: Page): Promise<string[]> {
  return (await structures(page).allInnerTexts()).map((text) => text.trim().split(/[#\s]/)[0] ?? '');
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await fileInput(page).setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

// supermicro_x10dai_2s_hsw.dsl: Subtable Types 0,0,0,1,2,3,3; DRHD#0 Register Base Address 00000000FBFFC000 at [038h]
const SUPERMICRO_TYPES = ['DRHD', 'DRHD', 'DRHD', 'RMRR', 'ATSR', 'RHSA', 'RHSA'];
// lenovo_thinkpad_x1carbon7_whl.dsl: Subtable Types 0,0,1,1,1
const LENOVO_TYPES = ['DRHD', 'DRHD', 'RMRR', 'RMRR', 'RMRR'];

test.beforeEach(async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?view=dmar');
  await expect(structures(page).first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the first visit shows the QEMU q35 sample, and says it is a sample', async ({ page }) => {
  await expect(page.getByRole('status').filter({ hasText: 'sample table' })).toContainText('QEMU q35');
  // qemu_q35_dmar.dsl: one Hardware Unit Definition, one Root Port ATS Capability
  expect(await types(page)).toEqual(['DRHD', 'ATSR']);
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('an uploaded table lists one item per structure, starting with its type, and expands to every field', async ({ page }) => {
  await upload(page, 'supermicro.bin', fixture('supermicro_x10dai_2s_hsw.bin'));
  await expect(structures(page)).toHaveCount(SUPERMICRO_TYPES.length);
  expect(await types(page)).toEqual(SUPERMICRO_TYPES);
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('supermicro.bin');

  const drhd = structures(page).first();
  const toggle = drhd.getByRole('button', { expanded: false });
  await toggle.click();
  await expect(drhd.getByRole('button', { expanded: true })).toBeVisible();
  const base = drhd.getByRole('row', { name: /Register Base Address/ }).first();
  await expect(base).toContainText('0xfbffc000');
  await expect(drhd).toContainText('Start Bus Number');
  await expect(drhd).toContainText('scope#0');
});

test('focusing a field highlights its bytes; focusing a byte highlights its field', async ({ page }) => {
  await upload(page, 'supermicro.bin', fixture('supermicro_x10dai_2s_hsw.bin'));
  await expect(structures(page)).toHaveCount(SUPERMICRO_TYPES.length);
  const drhd = structures(page).first();
  await drhd.getByRole('button', { expanded: false }).click();

  await drhd.getByRole('button', { name: 'Register Base Address', exact: true }).focus();
  // 0xfbffc000 little-endian over 8 bytes at 0x38
  await expect(selectedBytes(page)).toHaveText(['00', 'c0', 'ff', 'fb', '00', '00', '00', '00']);

  const grid = page.getByRole('grid', { name: 'Table bytes' });
  await grid.getByRole('gridcell').nth(0x24).focus(); // Host Address Width
  await expect(selectedBytes(page)).toHaveCount(1);
  await expect(page.getByRole('row', { name: /Host Address Width/ })).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('ArrowRight'); // 0x25: Flags
  await expect(page.getByRole('row', { name: /^Flags/ }).first()).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('ArrowDown'); // 0x35: DRHD#0 Size
  await expect(drhd.getByRole('row', { name: /^Size/ })).toHaveAttribute('aria-current', 'true');
});

test('a bad upload is reported with its offset, and the table shown before stays', async ({ page }) => {
  await upload(page, 'supermicro.bin', fixture('supermicro_x10dai_2s_hsw.bin'));
  await expect(structures(page)).toHaveCount(SUPERMICRO_TYPES.length);

  await upload(page, 'truncated.bin', fixture('supermicro_x10dai_2s_hsw.bin').subarray(0, 0x100));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('truncated.bin was not loaded');
  await expect(alert).toContainText('offset 0x');
  await expect(alert).toContainText('0x100');
  expect(await types(page)).toEqual(SUPERMICRO_TYPES);

  await upload(page, 'notes.txt', Buffer.from('these are my notes, not a table\n'));
  await expect(page.getByRole('alert')).toContainText('notes.txt was not loaded');
  await expect(page.getByRole('alert')).toContainText('offset 0x0');
  expect(await types(page)).toEqual(SUPERMICRO_TYPES);

  // A reload brings back the last table that loaded, not the bad uploads.
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('restored');
  await expect(structures(page)).toHaveCount(SUPERMICRO_TYPES.length);
  expect(await types(page)).toEqual(SUPERMICRO_TYPES);
});

test('pasted acpidump text loads, and ownership is answered for a BDF', async ({ page }) => {
  await page.getByLabel('Paste acpidump or iasl text').fill(fixture('acpidump_thinkpad_x1carbon7_linuxhw.txt').toString('latin1'));
  await page.getByRole('button', { name: 'Load pasted text' }).click();
  await expect(structures(page)).toHaveCount(LENOVO_TYPES.length);
  expect(await types(page)).toEqual(LENOVO_TYPES);
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('acpidump');

  // lenovo_thinkpad_x1carbon7_whl.dsl: the second DRHD (FED91000) has INCLUDE_PCI_ALL (Flags 01)
  await page.getByLabel('Device (BDF)').fill('00:1f.3');
  await page.getByRole('button', { name: 'Find owner' }).click();
  await expect(page.getByRole('region', { name: 'Device ownership' }).getByRole('status')).toContainText('DRHD#1 (registers at 0xfed91000)');
  await page.getByLabel('Device (BDF)').fill('00:zz');
  await page.getByRole('button', { name: 'Find owner' }).click();
  await expect(page.getByRole('region', { name: 'Device ownership' }).getByRole('alert')).toContainText('not a PCI address');
});

test('a sample is picked from the list and the RMRRs say what passthrough meets', async ({ page }) => {
  await page.getByLabel('Sample table').selectOption('hp_proliant_dl380e_gen8.bin');
  await page.getByRole('button', { name: 'Load sample' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('HP ProLiant DL380e Gen8');
  await expect(page.getByRole('list', { name: 'RMRR explanations' }).getByRole('listitem').filter({ hasText: /^RMRR#/ })).toHaveCount(9);
  await expect(page.getByRole('region', { name: 'RMRRs and passthrough' })).toContainText('Firmware has requested this device have a 1:1 IOMMU mapping');
});

test('a loaded table becomes the translation view\'s machine; its units take the CAP/ECAP the user gives them', async ({ page }) => {
  await page.goto('/?view=dmar');
  await page.getByLabel('Load DMAR table').setInputFiles('src/acpi/dmar/fixtures/qemu_q35_dmar.bin');
  await expect(page.getByRole('list', { name: 'Remapping structures' }).getByRole('listitem').first()).toContainText('DRHD');
  const ecap = page.getByLabel('ECAP of DRHD#0');
  await ecap.fill('0xnope');
  await ecap.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'ECAP of DRHD#0' })).toContainText('is not a hex string');
  await ecap.fill('0x0');
  await ecap.press('Enter');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Translation' }).click();
  await page.getByRole('combobox', { name: 'Machine' }).selectOption('dmar');
  await page.getByRole('radiogroup', { name: 'IOMMU mode' }).getByRole('radio', { name: 'iommu=pt', exact: true }).check();
  // ECAP 0: no pass-through, so iommu=pt needs si_domain's identity tables (Linux ≤ 6.10).
  await expect(page.getByRole('region', { name: 'What the kernel did' })).toContainText('si_domain identity tables');
  await expect(page.getByRole('combobox', { name: 'Device' })).toContainText('00:1f.2');
  await expect(page.getByRole('region', { name: 'Translation result' })).toContainText('HPA');
});
