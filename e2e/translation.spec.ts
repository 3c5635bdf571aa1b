import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './page-errors.ts';

const result = (page: Page) => page.getByRole('region', { name: 'Translation result' });
const steps = (page: Page) => page.getByRole('list', { name: 'Translation steps' }).getByRole('listitem');
const mode = (page: Page, name: string) => page.getByRole('radiogroup', { name: 'IOMMU mode' }).getByRole('radio', { name, exact: true });

async function translate(page: Page, sid: string, address: string, access: 'Read' | 'Write' = 'Read') {
  await page.getByLabel('Source ID (BDF)').fill(sid);
  await page.getByLabel('DMA address').fill(address);
  await page.getByRole('radio', { name: access, exact: true }).check();
  await page.getByRole('button', { name: 'Translate' }).click();
}

test.beforeEach(async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(result(page)).toContainText('HPA');
  expect(errors).toEqual([]);
});

test('the default request is translated on load: the DMA domain walk of the NVMe, six entries', async ({ page }) => {
  await expect(mode(page, 'DMA domain')).toBeChecked();
  await expect(result(page)).toContainText(/HPA 0x[0-9a-f]+/);
  await expect(steps(page)).toHaveCount(6);
  const names = await steps(page).allInnerTexts();
  expect(names.map((n) => n.split(' [')[0])).toEqual(['root entry', 'context entry', 'PML4E', 'PDPE', 'PDE', 'PTE']);
});

test('each mode puts its own default request in the fields and translates it at once', async ({ page }) => {
  await mode(page, 'IOMMU disabled').check();
  await expect(result(page)).toContainText('translation disabled');
  await expect(steps(page)).toHaveCount(0);

  await mode(page, 'iommu=pt').check();
  await expect(result(page)).toContainText('pass-through (context TT=10)');
  await expect(steps(page)).toHaveCount(2);

  await page.getByRole('checkbox', { name: 'hardware pass-through supported' }).uncheck();
  await expect(result(page)).toContainText('translated by the second-level tables');
  expect(await steps(page).count()).toBeGreaterThanOrEqual(4);

  await mode(page, 'VFIO passthrough').check();
  await expect(result(page)).toContainText(/GPA 0x[0-9a-f]+ → HPA 0x[0-9a-f]+/);
  await expect(page.getByLabel('Source ID (BDF)')).toHaveValue('01:00.0');
});

test.describe('faults name their reason, the step that raised it and the kernel line', () => {
  test('an unmapped IOVA read: 6h at a second-level entry', async ({ page }) => {
    await translate(page, '03:00.0', '0x1000');
    await expect(result(page)).toContainText('Fault 6h (0x06): Read not allowed');
    await expect(result(page)).toContainText('DMAR: [DMA Read NO_PASID] Request device [03:00.0] fault addr 0x1000 [fault reason 0x06] PTE Read access is not set');
    await expect(page.getByRole('list', { name: 'Translation steps' })).toContainText('faulted here');
  });
  test('an unmapped IOVA write: 5h', async ({ page }) => {
    await translate(page, '03:00.0', '0x1000', 'Write');
    await expect(result(page)).toContainText('Fault 5h (0x05): Write not allowed');
  });
  test('a bus with no root entry: 1h at the root entry', async ({ page }) => {
    await translate(page, '7f:00.0', '0x1000');
    await expect(result(page)).toContainText('Fault 1h (0x01): Root entry not present');
    await expect(steps(page)).toHaveCount(1);
  });
  test('a function with no context entry: 2h', async ({ page }) => {
    await translate(page, '00:05.3', '0x1000');
    await expect(result(page)).toContainText('Fault 2h (0x02): Context entry not present');
  });
  test('an IOVA beyond the domain width: 4h', async ({ page }) => {
    await translate(page, '03:00.0', '0x1000000000000000');
    await expect(result(page)).toContainText('Fault 4h (0x04)');
  });
  test('the interrupt window is not remapped', async ({ page }) => {
    await translate(page, '03:00.0', '0xfee00000', 'Write');
    await expect(result(page)).toContainText('Interrupt message');
  });
});

test('stepping back and forth moves through the walk, by button and by key', async ({ page }) => {
  const position = page.getByRole('toolbar', { name: 'Walk playback' });
  await expect(position).toContainText('Step 6 of 6');
  await page.getByRole('button', { name: '|◀ Start' }).click();
  await expect(position).toContainText('Step 0 of 6');
  await page.getByRole('button', { name: 'Step forward ▶' }).click();
  await expect(position).toContainText('Step 1 of 6');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(position).toContainText('Step 3 of 6');
  await page.keyboard.press('ArrowLeft');
  await expect(position).toContainText('Step 2 of 6');
  await expect(page.getByRole('region', { name: /^context entry at/ })).toBeVisible();
  await page.keyboard.press('End');
  await expect(position).toContainText('Step 6 of 6');
});

test('a bad BDF or address is named in an alert and nothing typed is lost', async ({ page }) => {
  await translate(page, '0g:00.0', '0x1000');
  await expect(page.getByRole('alert')).toContainText('Source ID (BDF): "0g:00.0" is not a PCI address');
  await expect(page.getByLabel('Source ID (BDF)')).toHaveValue('0g:00.0');
  await translate(page, '03:00.0', '12345');
  await expect(page.getByRole('alert')).toContainText('DMA address: "12345" is not a hex string');
  await expect(page.getByLabel('DMA address')).toHaveValue('12345');
  await expect(result(page)).toContainText('HPA');
});

test('mode and request survive a reload and travel in the URL; Back returns to the previous mode', async ({ page, context }) => {
  await mode(page, 'VFIO passthrough').check();
  await expect(result(page)).toContainText('GPA');
  await translate(page, '01:00.0', '0x100000', 'Write');
  await expect(result(page)).toContainText('GPA 0x100000');
  await page.reload();
  await expect(mode(page, 'VFIO passthrough')).toBeChecked();
  await expect(page.getByLabel('DMA address')).toHaveValue('0x100000');
  await expect(result(page)).toContainText('GPA 0x100000');

  const shared = await context.newPage();
  await shared.goto(page.url());
  await expect(result(shared)).toContainText('GPA 0x100000');
  await expect(shared.getByRole('radio', { name: 'Write', exact: true })).toBeChecked();

  await page.goBack();
  await expect(page.getByLabel('DMA address')).not.toHaveValue('0x100000');
  await page.goBack();
  await expect(mode(page, 'DMA domain')).toBeChecked();
  await expect(steps(page)).toHaveCount(6);
});

test('a link with a bad mode says so and opens the default', async ({ page }) => {
  await page.goto('/?mode=turbo&sid=03:00.0&iova=0x1000');
  await expect(page.getByRole('alert')).toContainText('the link\'s mode "turbo" is not one of disabled, pt, dma, vfio');
  await expect(mode(page, 'DMA domain')).toBeChecked();
});

test('keyboard only: reach the mode group, change mode with arrows, translate with Enter', async ({ page }) => {
  await mode(page, 'DMA domain').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(mode(page, 'iommu=pt')).toBeChecked();
  await expect(result(page)).toContainText('pass-through');
  await page.getByLabel('DMA address').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0x2000');
  await page.keyboard.press('Enter');
  await expect(result(page)).toContainText('HPA 0x2000');
  // Typed into a field, '?' is text; from a button it opens the shortcuts.
  await page.keyboard.press('Tab');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});

test('presenter mode toggles with p', async ({ page }) => {
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/presenter/);
});

test('no serious or critical accessibility violations (axe)', async ({ page }) => {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('map a buffer in the DMA domain: Linux hands out an IOVA and its new entries are walked', async ({ page }) => {
  const panel = page.getByRole('region', { name: 'Map a buffer' });
  await panel.getByLabel('Buffer physical address').fill('0x200000abc');
  await panel.getByLabel('Buffer size').fill('0x2000');
  await panel.getByRole('button', { name: 'Map buffer' }).click();
  await expect(panel.getByRole('status')).toContainText(/returned 0x[0-9a-f]*abc for HPA 0x200000abc/);
  await expect(result(page)).toContainText('HPA 0x200000abc');
  await panel.getByLabel('Buffer physical address').fill('0xfee00000');
  await panel.getByRole('button', { name: 'Map buffer' }).click();
  await expect(panel.getByRole('alert')).toContainText('Buffer address:');
  await expect(result(page)).toContainText('HPA 0x200000abc');
});

test('the kernel version decides what iommu=pt gives without hardware pass-through: si_domain up to 6.10, a DMA domain after', async ({ page }) => {
  await mode(page, 'iommu=pt').check();
  await page.getByRole('checkbox', { name: 'hardware pass-through supported' }).uncheck();
  const kernel = page.getByRole('region', { name: 'What the kernel did' });
  await expect(kernel).toContainText('si_domain identity tables');
  await page.getByRole('combobox', { name: 'Kernel' }).selectOption('6.12');
  await expect(kernel).toContainText('DMA domain');
  await page.getByRole('combobox', { name: 'RAM' }).selectOption('4GiB');
  await expect(page).toHaveURL(/ram=4GiB/);
  await expect(result(page)).toContainText('HPA');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Kernel' })).toHaveValue('6.12');
  await expect(page.getByRole('combobox', { name: 'RAM' })).toHaveValue('4GiB');
});

test.describe('a machine file walks every fault kind the engine knows', () => {
  const zoo = 'e2e/fixtures/fault-zoo.machine.json';
  test.beforeEach(async ({ page }) => {
    await page.getByLabel('Load machine file').setInputFiles(zoo);
    await expect(page.getByRole('combobox', { name: 'Machine' })).toHaveValue('file');
  });
  for (const [sid, address, access, expected] of [
    ['00:02.0', '0x1234', 'Read', 'HPA 0x7bf01234'],
    ['02:00.0', '0x1234', 'Read', 'Fault Ah (0x0a): Reserved bits set in root entry'],
    ['00:01.0', '0x1234', 'Read', 'Fault Bh (0x0b): Reserved bits set in context entry'],
    ['00:03.0', '0x1234', 'Read', 'Fault 3h (0x03): Invalid context entry'],
    ['00:02.0', '0x5000', 'Read', 'Fault Ch (0x0c): Reserved bits set in second-level entry'],
    ['00:02.0', '0x2000', 'Write', 'Fault 5h (0x05): Write not allowed'],
  ] as const) {
    test(`${sid} ${access} ${address}: ${expected}`, async ({ page }) => {
      await translate(page, sid, address, access);
      await expect(result(page)).toContainText(expected);
    });
  }

  test('survives a reload; a bad machine file is named and the loaded one stays', async ({ page }) => {
    await translate(page, '02:00.0', '0x1234');
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Machine' })).toHaveValue('file');
    await expect(result(page)).toContainText('Fault Ah');
    await page.getByLabel('Load machine file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"iommu-lab/machine","version":1,"haw":99}') });
    await expect(page.getByRole('alert')).toContainText('machine file broken.json: haw: expected a whole number of bits from 12 to 52');
    await translate(page, '00:02.0', '0x1234');
    await expect(result(page)).toContainText('HPA 0x7bf01234');
  });
});

test('with the IOMMU off, a device whose DMA mask cannot reach the buffer gets a swiotlb bounce slot', async ({ page }) => {
  await mode(page, 'IOMMU disabled').check();
  await expect(result(page)).toContainText('translation disabled');
  await page.getByRole('combobox', { name: 'Device' }).selectOption('02:00.0');
  await expect(page.getByLabel('Source ID (BDF)')).toHaveValue('02:00.0');
  await expect(page.getByRole('region', { name: 'Mappings' })).toContainText('bounced via swiotlb from 0x123456000');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Device' })).toHaveValue('02:00.0');
  await expect(page.getByRole('region', { name: 'Mappings' })).toContainText('bounced via swiotlb');
});
