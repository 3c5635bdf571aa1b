import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript the built page loads before anything else: the entry script and the chunks it
 * preloads (lazy views and the worker come later), gzipped. Target (issue 6): ≤ 250 KB.
 */
export function initialJsGzipKB(dist: string): number | undefined {
  const html = join(dist, 'index.html');
  if (!existsSync(html)) return undefined;
  const text = readFileSync(html, 'utf8');
  const files = [...text.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);
  return Math.round(bytes / 102.4) / 10;
}
