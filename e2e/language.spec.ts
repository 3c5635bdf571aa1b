import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './page-errors.ts';
import { CATALOGUES } from '../app/i18n/catalogues.ts';

const zh = CATALOGUES['zh-CN'];
const en = CATALOGUES.en;

const views = (page: Page, name: string) => page.getByRole('navigation', { name });

test('the header switches every view to 简体中文, the choice survives a reload, and English comes back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Translation result' })).toContainText('HPA');
  const banner = page.getByRole('banner');
  await banner.getByLabel('Language').selectOption('zh-CN');

  // The translation view: headings, the mode radios and the form, from the zh-CN catalogue.
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: zh['tr.result'] })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: zh['tr.mode.label'] })).toBeVisible();
  await expect(page.getByRole('radio', { name: zh['tr.mode.dma'] })).toBeChecked();
  await expect(page.getByRole('button', { name: zh['tr.translate'], exact: true })).toBeEnabled();
  await expect(page.getByRole('list', { name: zh['tr.steps.list'] }).getByRole('listitem').first()).toContainText('root entry');
  await expect(page.getByRole('heading', { name: zh['tr.kernel.heading'] })).toBeVisible();

  // The DMAR explorer, reached through the translated navigation.
  await views(page, zh['shell.views']).getByRole('link', { name: zh['shell.view.dmar'] }).click();
  await expect(page.getByRole('heading', { name: zh['dmar.heading'], exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: zh['dmar.structures.heading'] })).toBeVisible();
  // Structure types stay as ACPI names them.
  await expect(page.getByRole('list', { name: zh['dmar.structures.heading'] }).getByRole('listitem').first()).toContainText('DRHD');

  await page.reload();
  await expect(page.getByRole('heading', { name: zh['dmar.heading'], exact: true })).toBeVisible();
  await expect(banner.getByLabel('语言')).toHaveValue('zh-CN');
  await views(page, zh['shell.views']).getByRole('link', { name: zh['shell.view.groups'] }).click();
  await expect(page.getByRole('heading', { name: zh['topo.tree.heading'] })).toBeVisible();

  // Back to English: the exact names the contract fixes are there again.
  await banner.getByLabel('语言').selectOption('en');
  await views(page, en['shell.views']).getByRole('link', { name: 'Translation', exact: true }).click();
  await expect(page.getByRole('radiogroup', { name: 'IOMMU mode' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'DMA domain', exact: true })).toBeChecked();
  await expect(page.getByLabel('Source ID (BDF)')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Translation result' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Translate', exact: true })).toBeVisible();
  await expect(banner.getByLabel('Language')).toHaveValue('en');
  expect(errors).toEqual([]);
});
