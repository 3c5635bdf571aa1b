/**
 * A machine file the user loaded into the translation view, kept in this browser's localStorage
 * (never sent anywhere) so it survives a reload.
 */
const KEY = 'iommu-lab/machine-file';

export interface StoredMachineFile {
  readonly name: string;
  readonly text: string;
}

export function readStoredMachineFile(): StoredMachineFile | undefined {
  try {
    const record: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? 'null');
    if (typeof record !== 'object' || record === null) return undefined;
    const { name, text } = record as { name?: unknown; text?: unknown };
    return typeof name === 'string' && typeof text === 'string' ? { name, text } : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the file; returns why it could not (quota, storage disabled), or undefined. */
export function storeMachineFile(file: StoredMachineFile): string | undefined {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(file));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
