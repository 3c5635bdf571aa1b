import { t } from '../i18n/i18n.ts';
import type { ImportedDump, MachineChoice } from './topology-store.ts';

/**
 * The topology view's memory across reloads (localStorage): which machine was shown and the last
 * lspci text that imported. The text is the user's own; it never leaves the browser.
 */
const KEY = 'iommu-lab:topology';
const MACHINES: readonly MachineChoice[] = ['server', 'desktop', 'imported'];

export interface SavedTopology {
  readonly machine: MachineChoice;
  readonly imported: ImportedDump | undefined;
  /** Why the saved state was not used, when it was unreadable. */
  readonly problem: string | undefined;
}

const DEFAULT: SavedTopology = { machine: 'server', imported: undefined, problem: undefined };

export function readSavedTopology(): SavedTopology {
  let text: string | null;
  try {
    text = window.localStorage.getItem(KEY);
  } catch {
    return DEFAULT; // storage disabled (private mode): nothing was saved
  }
  if (text === null) return DEFAULT;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ...DEFAULT, problem: t('topo.saved.notJson', { key: KEY }) };
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const machine = MACHINES.find((m) => m === record.machine);
  const imported = record.imported as Record<string, unknown> | undefined;
  const dump = typeof imported?.name === 'string' && typeof imported.text === 'string' ? { name: imported.name, text: imported.text } : undefined;
  if (machine === undefined) return { ...DEFAULT, imported: dump, problem: t('topo.saved.unknown', { machine: JSON.stringify(record.machine) ?? 'undefined' }) };
  return { machine, imported: dump, problem: undefined };
}

export function saveTopology(machine: MachineChoice, imported: ImportedDump | undefined): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ machine, imported }));
  } catch {
    // Storage full or disabled: the import lasts until the page is closed.
  }
}
