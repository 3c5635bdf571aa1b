import { t } from '../i18n/i18n.ts';

/**
 * The table the user loaded, kept in this browser's localStorage (never sent anywhere) so it
 * survives a reload. Bytes are stored as base64 inside a small JSON record.
 */
export const DMAR_STORAGE_KEY = 'iommu-lab.dmar-table';

export interface StoredTable {
  readonly name: string;
  readonly origin: TableOrigin;
  readonly bytes: Uint8Array;
}

/** Where the table came from: a sample (by file name), a file, or pasted text. */
export type TableOrigin = { readonly kind: 'sample'; readonly file: string } | { readonly kind: 'file' } | { readonly kind: 'paste' };

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Stores the table; returns why it could not (quota, storage disabled), or undefined. */
export function storeTable(table: StoredTable): string | undefined {
  try {
    const record = { version: 1, name: table.name, origin: table.origin, base64: toBase64(table.bytes) };
    window.localStorage.setItem(DMAR_STORAGE_KEY, JSON.stringify(record));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export type StoredRead = { readonly kind: 'none' } | { readonly kind: 'table'; readonly table: StoredTable } | { readonly kind: 'unreadable'; readonly reason: string };

/** The stored table; a record this code cannot read is reported, not thrown. */
export function readStoredTable(): StoredRead {
  let text: string | null;
  try {
    text = window.localStorage.getItem(DMAR_STORAGE_KEY);
  } catch (error) {
    return { kind: 'unreadable', reason: t('dmar.err.storageUnreadable', { error: error instanceof Error ? error.message : String(error) }) };
  }
  if (text === null) return { kind: 'none' };
  try {
    const record: unknown = JSON.parse(text);
    if (typeof record !== 'object' || record === null) throw new Error(t('dmar.err.notRecord'));
    const { name, origin, base64 } = record as { name?: unknown; origin?: unknown; base64?: unknown };
    if (typeof name !== 'string' || typeof base64 !== 'string' || !isOrigin(origin)) throw new Error(t('dmar.err.fieldMissing'));
    return { kind: 'table', table: { name, origin, bytes: fromBase64(base64) } };
  } catch (error) {
    return { kind: 'unreadable', reason: t('dmar.err.damaged', { error: error instanceof Error ? error.message : String(error) }) };
  }
}

function isOrigin(value: unknown): value is TableOrigin {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, file } = value as { kind?: unknown; file?: unknown };
  return kind === 'file' || kind === 'paste' || (kind === 'sample' && typeof file === 'string');
}
