import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { preview } from 'vite';

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserNumbers {
  readonly firstResultMs: number;
  readonly frameP95Ms: number;
  readonly frames: number;
}

/**
 * Serves the built app (dist/) and measures, in headless Chromium: the time from navigation to
 * the first translated result on screen (the app's performance mark), best of three loads; and
 * the requestAnimationFrame intervals while the walk plays, at its fastest speed.
 */
export async function measureInBrowser(): Promise<BrowserNumbers | undefined> {
  if (!existsSync('dist/index.html') || (CHROMIUM !== '' && !existsSync(CHROMIUM))) return undefined;
  const server = await preview({ preview: { port: 4199, strictPort: false, host: '127.0.0.1' }, logLevel: 'silent' });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4199/';
  const browser = await chromium.launch({ ...(CHROMIUM ? { executablePath: CHROMIUM } : {}), args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    let firstResultMs = Infinity;
    for (let round = 0; round < 3; round++) {
      await page.goto(`${url}?mode=dma`);
      const mark = await page.waitForFunction(() => performance.getEntriesByName('iommu-lab:first-result')[0]?.startTime, undefined, { timeout: 10_000 });
      firstResultMs = Math.min(firstResultMs, Number(await mark.jsonValue()));
    }
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('3');
    await page.getByRole('button', { name: '|◀ Start' }).click();
    const frames = await page.evaluate(async () => {
      const intervals: number[] = [];
      let last = performance.now();
      let running = true;
      const tick = (now: number) => {
        intervals.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const play = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Play'));
      play?.click();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      running = false;
      return intervals.slice(1);
    });
    const sorted = [...frames].sort((a, b) => a - b);
    const frameP95Ms = sorted[Math.floor(sorted.length * 0.95)] ?? NaN;
    return { firstResultMs: Math.round(firstResultMs), frameP95Ms: Number(frameP95Ms.toFixed(1)), frames: frames.length };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
