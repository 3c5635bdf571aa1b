import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.ts';

/** node:util parseArgs, with its errors turned into one clear usage line. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs's messages run on with advice about '--'; the first sentence says what is wrong.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(/^[^.]*(?:\.(?=\S)[^.]*)*/.exec(message)?.[0] ?? message);
  }
}

/** A file's text, or a usage error naming the file. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? `: ${code}` : ''}`);
  }
}

/** A file's bytes, or a usage error naming the file. */
export function readBinaryFile(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? `: ${code}` : ''}`);
  }
}
