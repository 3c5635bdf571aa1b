import type { FieldTree } from '../../src/acpi/dmar/field-tree.ts';

const cache = new WeakMap<FieldTree, readonly string[]>();

/**
 * For each byte, the kind of the group the engine placed it in ('header', 'DRHD', …), so the hex
 * view can tint bytes by structure (class names: 'DRHD' or 'DRHD alt'). Read from the engine's tree, once per tree.
 */
export function structureKinds(tree: FieldTree): readonly string[] {
  const known = cache.get(tree);
  if (known !== undefined) return known;
  const kinds = new Array<string>(tree.byteField.length).fill('none');
  // Every other structure is marked 'alt', so two DRHDs in a row still show where one ends.
  for (const [index, group] of [tree.header, ...tree.structures].entries()) {
    const end = Math.min(kinds.length, group.offset + group.length);
    const kind = index % 2 === 0 ? `${group.kind} alt` : group.kind;
    for (let i = group.offset; i < end; i++) kinds[i] = kind;
  }
  cache.set(tree, kinds);
  return kinds;
}
