import { expect, test } from '@playwright/test';

test('the sample machine is loaded in the worker and its default request translated', async ({ page }) => {
  await page.goto('/');
  const result = page.getByRole('region', { name: 'Translation result' });
  await expect(result).toContainText('HPA 0x7bf01234');
  const steps = page.getByRole('list', { name: 'Translation steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(6);
  await expect(steps.first()).toContainText('root entry');
  await expect(steps.nth(1)).toContainText('context entry');
  await expect(steps.last()).toContainText('PTE');
});

test('a write to a read-only page faults 5h with the kernel\'s line; a bad address is named and the fields are kept', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Translation result' })).toContainText('HPA');
  await page.getByLabel('DMA address').fill('0xfffd0010');
  await page.getByRole('radio', { name: 'Write' }).check();
  await page.getByRole('button', { name: 'Translate' }).click();
  const result = page.getByRole('region', { name: 'Translation result' });
  await expect(result).toContainText('Fault 5h');
  await expect(result).toContainText('DMAR: [DMA Write NO_PASID] Request device [00:02.0] fault addr 0xfffd0000 [fault reason 0x05] PTE Write access is not set');
  await page.getByLabel('DMA address').fill('0xnothex');
  await page.getByRole('button', { name: 'Translate' }).click();
  await expect(page.getByRole('alert')).toContainText('DMA address: "0xnothex" is not a hex string');
  await expect(page.getByLabel('DMA address')).toHaveValue('0xnothex');
  await expect(page.getByLabel('Source ID (BDF)')).toHaveValue('00:02.0');
});
