import { create } from 'zustand';
import type { DmarAnalysis, DmarExplorerLoad } from '../../src/acpi/dmar/explorer.ts';
import type { FieldNode, FieldTree } from '../../src/acpi/dmar/field-tree.ts';
import type { OwnerAnswer } from '../../src/acpi/dmar/scope-ownership.ts';
import type { TableOrigin } from './table-storage.ts';

/** A table on screen: the engine's answer for it, and where it came from. */
export interface ShownTable {
  readonly name: string;
  readonly origin: TableOrigin;
  /** How it got here: loaded now, restored from the last visit, or the first-visit sample. */
  readonly arrival: 'loaded' | 'restored' | 'first-visit';
  readonly load: DmarExplorerLoad & { readonly analysis: DmarAnalysis };
}

/** An upload with errors: reported, not shown; the table before it stays. */
export interface Rejection {
  readonly name: string;
  readonly origin: TableOrigin;
  readonly load: DmarExplorerLoad;
}

/** What is highlighted in the tree and the hex view: one field, or a byte range (a lint finding). */
export type Highlight = { readonly kind: 'field'; readonly id: number } | { readonly kind: 'range'; readonly offset: number; readonly length: number; readonly label: string };

export interface OwnerQuery {
  readonly device: string;
  readonly status: 'idle' | 'asking' | 'answered' | 'invalid';
  readonly answer: OwnerAnswer | undefined;
  readonly error: string | undefined;
}

export interface DmarState {
  readonly shown: ShownTable | undefined;
  readonly loading: boolean;
  readonly rejection: Rejection | undefined;
  /** The engine threw or stopped; the table shown is unchanged. */
  readonly engineError: string | undefined;
  /** Why the table could not be stored or restored, if it could not. */
  readonly storageNote: string | undefined;
  /** Under the mouse, and under keyboard focus: the mouse wins while it hovers. */
  readonly hovered: Highlight | undefined;
  readonly focused: Highlight | undefined;
  readonly pasteText: string;
  readonly ownerQuery: OwnerQuery;
}

export const useDmarStore = create<DmarState>()(() => ({
  shown: undefined,
  loading: false,
  rejection: undefined,
  engineError: undefined,
  storageNote: undefined,
  hovered: undefined,
  focused: undefined,
  pasteText: '',
  ownerQuery: { device: '00:1f.3', status: 'idle', answer: undefined, error: undefined },
}));

const fieldIndexes = new WeakMap<FieldTree, ReadonlyMap<number, FieldNode>>();

/** The tree's fields by id (built once per tree). */
export function fieldsById(tree: FieldTree): ReadonlyMap<number, FieldNode> {
  let index = fieldIndexes.get(tree);
  if (index === undefined) {
    const map = new Map<number, FieldNode>();
    const groups = [tree.header, ...tree.structures.flatMap((s) => [s, ...s.children])];
    for (const group of groups) for (const field of group.fields) map.set(field.id, field);
    index = map;
    fieldIndexes.set(tree, index);
  }
  return index;
}

/** The highlighted byte range and the field it is (if it is one), or undefined. */
export interface ActiveRange {
  readonly offset: number;
  readonly length: number;
  readonly field: FieldNode | undefined;
  readonly label: string;
}

export const selectTree = (s: DmarState): FieldTree | undefined => s.shown?.load.analysis.tree;
const selectHighlight = (s: DmarState): Highlight | undefined => s.hovered ?? s.focused;

export function activeRange(tree: FieldTree | undefined, highlight: Highlight | undefined): ActiveRange | undefined {
  if (tree === undefined || highlight === undefined) return undefined;
  if (highlight.kind === 'range') return { offset: highlight.offset, length: highlight.length, field: undefined, label: highlight.label };
  const field = fieldsById(tree).get(highlight.id);
  return field === undefined ? undefined : { offset: field.offset, length: field.length, field, label: field.path.join(' › ') };
}

export const useHighlight = () => useDmarStore(selectHighlight);
const selectActiveFieldId = (s: DmarState): number | undefined => {
  const h = selectHighlight(s);
  return h?.kind === 'field' ? h.id : undefined;
};
export const useActiveFieldId = () => useDmarStore(selectActiveFieldId);
