import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './page-errors.ts';
import { answerKey } from '../src/exercises/answer-key.ts';
import { answerText, generateExercise, generateSheet, requestBdf } from '../src/exercises/exercise.ts';
import { CATALOGUES, type MessageKey } from '../app/i18n/catalogues.ts';
import { LESSONS } from '../app/lessons/lesson-data.ts';

const lessonRegion = (page: Page, name = 'Lesson') => page.getByRole('region', { name, exact: true });
const result = (page: Page) => page.getByRole('region', { name: 'Translation result' });
const next = (page: Page) => page.getByRole('button', { name: 'Next step' });

async function openLesson(page: Page, title: string) {
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: title, exact: true }).click();
  await expect(lessonRegion(page)).toContainText(/Step 1 of \d+/);
}

async function stepTo(page: Page, n: number) {
  await expect(lessonRegion(page)).toContainText(/Step \d+ of/);
  for (;;) {
    const text = (await lessonRegion(page).getByText(/^Step \d+ of \d+$/).textContent()) ?? '';
    const at = Number(/Step (\d+)/.exec(text)?.[1]);
    if (at === n) return;
    await next(page).click();
    await expect(lessonRegion(page)).toContainText(`Step ${at + 1} of`);
  }
}

test.describe('lessons drive the translation view', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/?view=lessons');
    await expect(lessonRegion(page)).toBeVisible();
  });

  test('the navigation lists the six lessons by title', async ({ page }) => {
    const nav = page.getByRole('navigation', { name: 'Lessons' });
    for (const title of ['How a DMA request is translated', 'IOMMU off, iommu=pt, and the DMA domain', 'VFIO passthrough', 'From firmware to translation', "RMRRs and why a device can't be passed through", 'ACS, IOMMU groups and GPU peer-to-peer (NCCL)']) {
      await expect(nav.getByRole('link', { name: title, exact: true })).toBeVisible();
    }
  });

  test('lesson 1: the walk grows entry by entry, then each fault the text names', async ({ page }) => {
    await openLesson(page, 'How a DMA request is translated');
    await expect(result(page)).toContainText('HPA 0x123456234');
    const steps = page.getByRole('list', { name: 'Translation steps' }).getByRole('listitem');
    const playback = page.getByRole('toolbar', { name: 'Walk playback' });
    await expect(playback).toContainText('Step 0 of 6');
    await stepTo(page, 2);
    await expect(playback).toContainText('Step 1 of 6');
    await stepTo(page, 3);
    await expect(playback).toContainText('Step 2 of 6');
    await stepTo(page, 6);
    await expect(playback).toContainText('Step 6 of 6');
    await expect(steps).toHaveCount(6);
    await stepTo(page, 7);
    await expect(result(page)).toContainText('Fault 6h');
    await expect(result(page)).toContainText('[DMA Read NO_PASID] Request device [03:00.0] fault addr 0x1000 [fault reason 0x06] PTE Read access is not set');
    await stepTo(page, 8);
    await expect(result(page)).toContainText('Fault 5h');
    await stepTo(page, 9);
    await expect(result(page)).toContainText('Fault 4h');
    await stepTo(page, 10);
    await expect(result(page)).toContainText('Fault 2h');
    await stepTo(page, 11);
    await expect(result(page)).toContainText('Fault 1h');
    await stepTo(page, 12);
    await expect(result(page)).toContainText('Interrupt message');
    await expect(next(page)).toBeDisabled();
  });

  test('lesson 2: off, pass-through, si_domain and the DMA domain give what the text says', async ({ page }) => {
    await openLesson(page, 'IOMMU off, iommu=pt, and the DMA domain');
    await expect(result(page)).toContainText('translation disabled');
    await stepTo(page, 4);
    await expect(result(page)).toContainText('pass-through (context TT=10)');
    await expect(result(page)).toContainText('HPA 0x123456234');
    await stepTo(page, 6);
    await expect(result(page)).toContainText('translated by the second-level tables; page size 0x40000000');
    await stepTo(page, 7);
    await expect(result(page)).toContainText('Fault 6h');
    await stepTo(page, 8);
    await expect(page.getByLabel('DMA address')).toHaveValue('0xffffc234');
    await expect(result(page)).toContainText('HPA 0x123456234');
    await stepTo(page, 10);
    await expect(result(page)).toContainText('Fault 5h');
  });

  test('lesson 3: the GPA is the IOVA of the VFIO domain', async ({ page }) => {
    await openLesson(page, 'VFIO passthrough');
    await expect(result(page)).toContainText('GPA 0x100234 → HPA 0x47ff00234');
    await stepTo(page, 3);
    await expect(result(page)).toContainText('HPA 0x3ffe00000');
    await expect(result(page)).toContainText('page size 0x200000');
    await stepTo(page, 4);
    await expect(result(page)).toContainText('Fault 6h');
  });

  test('every lesson steps to its end, and every translation step shows what its data claims', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    for (const lesson of LESSONS) {
      await openLesson(page, CATALOGUES.en[`lesson.${lesson.id}.title` as MessageKey].replaceAll('`', ''));
      for (const [i, step] of lesson.steps.entries()) {
        if (i > 0) await next(page).click();
        await expect(lessonRegion(page)).toContainText(`Step ${i + 1} of ${lesson.steps.length}`);
        await expect(lessonRegion(page).getByText('Setting up the engine')).toHaveCount(0);
        await expect(lessonRegion(page).getByRole('alert')).toHaveCount(0);
        const { drive } = step;
        if (drive.view !== 'translation') continue;
        if ('own' in drive) {
          // The learner's own table (the q35 sample here): the step quotes no number, but walks.
          await expect(page.getByRole('combobox', { name: 'Machine' })).toHaveValue('dmar');
          await expect(result(page)).toContainText(/HPA|Fault/);
          continue;
        }
        const { expect: claim } = drive;
        const shown = claim.kind === 'ok' ? `HPA ${claim.hpa}` : claim.kind === 'fault' ? `Fault ${claim.reason.toString(16).toUpperCase()}h` : 'Interrupt message';
        await expect(result(page), `${lesson.id} step ${i + 1}`).toContainText(shown);
      }
      await expect(next(page)).toBeDisabled();
    }
    expect(errors).toEqual([]);
  });

  test('the lesson and step are in the URL and survive a reload; arrows step, but not in a field', async ({ page }) => {
    await openLesson(page, 'VFIO passthrough');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(lessonRegion(page)).toContainText('Step 3 of 8');
    await expect(result(page)).toContainText('HPA 0x3ffe00000');
    await expect(page).toHaveURL(/lesson=vfio&step=3/);
    await page.reload();
    await expect(lessonRegion(page)).toContainText('Step 3 of 8');
    await expect(result(page)).toContainText('HPA 0x3ffe00000');
    await page.keyboard.press('ArrowLeft');
    await expect(lessonRegion(page)).toContainText('Step 2 of 8');
    await page.getByLabel('Your answer').press('ArrowRight');
    await expect(lessonRegion(page)).toContainText('Step 2 of 8');
  });

  test('presenter mode at 1024×768: the step text is large and → steps', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/presenter/);
    const body = lessonRegion(page).locator('.step-body');
    const size = await body.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
    await page.keyboard.press('ArrowRight');
    await expect(lessonRegion(page)).toContainText('Step 2 of');
    await expect(next(page)).toBeInViewport();
  });
});

test.describe('exercises', () => {
  test('the seed in the link gives the engine\'s exercise; answers are checked against it and survive a reload', async ({ page }) => {
    const made = generateExercise({ seed: 'e2e-one', level: 1 });
    if (!made.ok) throw new Error(made.error);
    await page.goto('/?view=lessons&level=1&seed=e2e-one');
    await expect(page.locator('.question')).toContainText(`Device ${requestBdf(made.exercise)} issues a DMA ${made.exercise.request.access}`);
    await page.getByLabel('Your answer').fill('7bf01234');
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.getByRole('status')).toContainText('"7bf01234" is neither an address (0x followed by hex digits) nor a fault');
    await page.getByLabel('Your answer').fill('0x1');
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.getByRole('status')).toContainText('Not quite');
    await expect(page.getByText(`Answer: ${answerText(made.exercise.answer)}`)).toHaveCount(0);
    await page.getByLabel('Your answer').fill(answerText(made.exercise.answer));
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.getByRole('status')).toContainText(`Correct: ${answerText(made.exercise.answer)}`);
    const question = await page.locator('.question').textContent();
    await page.reload();
    await expect(page.locator('.question')).toHaveText(question ?? '');
    await expect(page).toHaveURL(/seed=e2e-one/);
    await page.getByRole('button', { name: 'Show answer' }).click();
    await expect(page.getByText(`Answer: ${answerText(made.exercise.answer)}`)).toBeVisible();
    await page.getByRole('button', { name: 'New exercise' }).click();
    await expect(page).not.toHaveURL(/seed=e2e-one/);
    await expect(page.locator('.question')).not.toHaveText(question ?? '');
  });

  test('a level-3 exercise asks for the entries read and names the first wrong one', async ({ page }) => {
    const made = generateExercise({ seed: 'e2e-two', level: 3 });
    if (!made.ok) throw new Error(made.error);
    await page.goto('/?view=lessons&level=3&seed=e2e-two');
    const entries = made.exercise.entriesRead.map((a) => `0x${a.toString(16)}`);
    await page.getByLabel('Your answer').fill(answerText(made.exercise.answer));
    await page.getByLabel('Addresses of the entries read').fill(['0x1000', ...entries.slice(1)].join(' '));
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.getByRole('status')).toContainText(`The entries read go wrong at position 1 (of ${entries.length})`);
    await page.getByLabel('Addresses of the entries read').fill(entries.join(' '));
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.getByRole('status')).toContainText('The entries read are right too.');
  });

  test('an instructor prints a sheet and, separately, its answer key, which agrees with the engine', async ({ page }) => {
    await page.goto('/?view=lessons&level=2&seed=class-a');
    await page.getByLabel('Exercises on the sheet').fill('3');
    await page.getByRole('button', { name: 'Exercise sheet' }).click();
    const sheet = page.getByRole('region', { name: 'VT-d exercises · level 2 · seed class-a' });
    await expect(sheet.getByRole('article')).toHaveCount(3);
    await expect(sheet.getByText(/^Answer: 0x/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Answer key' }).click();
    const key = page.getByRole('region', { name: 'Answer key · level 2 · seed class-a' });
    const made = generateSheet({ seed: 'class-a', level: 2, count: 3 });
    if (!made.ok) throw new Error(made.error);
    const rows = key.getByRole('row');
    await expect(rows).toHaveCount(4);
    for (const row of answerKey(made.exercises)) await expect(rows.nth(row.number)).toContainText(row.answer);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Lessons' })).toBeHidden();
    await expect(key).toBeVisible();
  });
});

test('简体中文: every lesson renders from the catalogue, and the choice is remembered', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?view=lessons');
  await page.getByLabel('Language').selectOption('zh-CN');
  const zh = CATALOGUES['zh-CN'];
  const nav = page.getByRole('navigation', { name: zh['lessons.nav'] });
  for (const lesson of LESSONS) {
    await nav.getByRole('link', { name: zh[`lesson.${lesson.id}.title` as MessageKey].replaceAll('`', ''), exact: true }).click();
    const region = lessonRegion(page, zh['lesson.region']);
    await expect(region.getByRole('heading', { level: 3 })).toHaveText(zh[`lesson.${lesson.id}.1.title` as MessageKey].replaceAll('`', ''));
    await expect(region).toContainText(`第 1 步,共 ${lesson.steps.length} 步`);
  }
  await expect(page.getByRole('button', { name: zh['lesson.next'] })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: zh['exercises.new'] })).toBeVisible();
  await expect(page.getByLabel('语言')).toHaveValue('zh-CN');
  expect(errors).toEqual([]);
});

test('the lessons are reachable from every view: a lesson link opens the lesson and drives the translation view', async ({ page }) => {
  await page.goto('/?view=dmar');
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: 'VFIO passthrough' }).click();
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Lessons' })).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: 'VFIO passthrough' })).toHaveAttribute('aria-current', 'page');
});

test('a lesson step sets the whole set-up: the learner\'s kernel, RAM and device choices do not change its numbers', async ({ page }) => {
  await page.goto('/?mode=pt&kernel=6.12&ram=4GiB&dev=02:00.0&hwpt=0&sid=02:00.0&iova=0x1000');
  await expect(page.getByRole('region', { name: 'Translation result' })).toContainText(/HPA|Fault/);
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link', { name: 'How a DMA request is translated' }).click();
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kernel' })).toHaveValue('6.6');
  await expect(page.getByRole('combobox', { name: 'RAM' })).toHaveValue('16GiB');
  await expect(page.getByRole('combobox', { name: 'Device' })).toHaveValue('03:00.0');
});
