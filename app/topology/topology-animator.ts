import { easeCubicInOut, hierarchy, linkHorizontal, select, tree, type HierarchyPointNode } from 'd3';
import { groupColour } from './names.ts';
import { t } from '../i18n/i18n.ts';

/** One box of the diagram: a PCI function, or the root complex (id 'rc'). */
export interface TreeNodeDatum {
  readonly id: string;
  /** "03:00.0", or '' for the root complex. */
  readonly address: string;
  readonly name: string;
  /** Third line: the ACS summary of a port, the driver of an endpoint. */
  readonly detail: string;
  /** The detail says something is wrong (an ACS control that isolation needs is off). */
  readonly warn: boolean;
  readonly group: number | undefined;
  readonly title: string;
  readonly children: readonly TreeNodeDatum[];
}

/** The peer write drawn over the tree: the node ids it passes, in order. */
export interface RouteDatum {
  readonly path: readonly string[];
  readonly outcome: 'ok' | 'fault';
  /** Words at the route's end: "✓ delivered", "✗ DMAR fault 5h". */
  readonly endLabel: string;
}

export interface TopologyAnimator {
  show(root: TreeNodeDatum, route: RouteDatum | undefined, options: { duration: number; selected: string | undefined }): void;
  destroy(): void;
}

const NODE_W = 164;
const NODE_H = 50;
const ROW = 58;
const COL = 200;
const PAD = 14;
const RC_W = 120;

type Placed = HierarchyPointNode<TreeNodeDatum>;
const widthOf = (n: Placed): number => (n.data.id === 'rc' ? RC_W : NODE_W);
/** Box top-left: d3's tree lays out top-down, so x is the row and y the depth. */
const left = (n: Placed): number => n.y + (n.data.id === 'rc' ? NODE_W - RC_W : 0);
const top = (n: Placed): number => n.x - NODE_H / 2;

/**
 * The PCIe tree's d3 side: React mounts the <svg>, its text alternative and every control; this
 * object lays the tree out left to right (root complex, root ports, switches, endpoints), outlines
 * the groups and draws the peer write's route, tweening the route in.
 */
export function createTopologyAnimator(svgElement: SVGSVGElement, onSelect: (id: string) => void): TopologyAnimator {
  const svg = select(svgElement);
  svg.append('defs').append('marker')
    .attr('id', 'route-arrow').attr('viewBox', '0 0 10 10').attr('refX', 8).attr('refY', 5)
    .attr('markerWidth', 6).attr('markerHeight', 6).attr('orient', 'auto-start-reverse')
    .append('path').attr('d', 'M 0 0 L 10 5 L 0 10 z').attr('fill', 'context-stroke');
  const outlines = svg.append('g').attr('class', 'outlines');
  const links = svg.append('g').attr('class', 'links');
  // The route runs under the boxes, so it shows between them and enters and leaves each one.
  const routeLayer = svg.append('g').attr('class', 'route');
  const nodes = svg.append('g').attr('class', 'nodes');
  const labels = svg.append('g').attr('class', 'route-labels');
  let lastRouteKey = '';

  function layout(root: TreeNodeDatum): Placed[] {
    const placed = tree<TreeNodeDatum>().nodeSize([ROW, COL]).separation((a, b) => (a.parent === b.parent ? 1 : 1.2))(hierarchy(root, (d) => [...d.children]));
    return placed.descendants();
  }

  function drawOutlines(all: Placed[]): void {
    const byGroup = new Map<number, Placed[]>();
    for (const n of all) if (n.data.group !== undefined) byGroup.set(n.data.group, [...(byGroup.get(n.data.group) ?? []), n]);
    // One box per tree column the group spans, joined across the gaps: a single bounding box
    // would also cover the non-members between a port and its children.
    const boxes: { key: string; id: number; x0: number; y0: number; x1: number; y1: number }[] = [];
    for (const [id, members] of byGroup) {
      if (members.length < 2) continue;
      const columns = [...new Set(members.map((m) => m.depth))].sort((a, b) => a - b);
      const columnBox = (depth: number) => {
        const inColumn = members.filter((m) => m.depth === depth);
        return {
          x0: Math.min(...inColumn.map(left)) - 6, y0: Math.min(...inColumn.map(top)) - 6,
          x1: Math.max(...inColumn.map((m) => left(m) + widthOf(m))) + 6, y1: Math.max(...inColumn.map((m) => top(m) + NODE_H)) + 6,
        };
      };
      columns.forEach((depth, i) => {
        const box = columnBox(depth);
        boxes.push({ key: `${id}-${depth}`, id, ...box });
        const next = columns[i + 1];
        if (next === undefined) return;
        const after = columnBox(next);
        const y0 = Math.max(box.y0, after.y0) + 8;
        const y1 = Math.min(box.y1, after.y1) - 8;
        if (y1 > y0) boxes.push({ key: `${id}-${depth}-join`, id, x0: box.x1, y0, x1: after.x0, y1 });
      });
    }
    outlines.selectAll('rect').data(boxes, (d) => (d as { key: string }).key).join('rect')
      .attr('x', (d) => d.x0).attr('y', (d) => d.y0).attr('width', (d) => d.x1 - d.x0).attr('height', (d) => d.y1 - d.y0)
      .attr('rx', (d) => (d.key.endsWith('join') ? 0 : 10)).attr('fill', (d) => groupColour(d.id)).attr('fill-opacity', 0.08)
      .attr('stroke', (d) => (d.key.endsWith('join') ? 'none' : groupColour(d.id))).attr('stroke-width', 2).attr('stroke-dasharray', '7 4');
  }

  function drawNodes(all: Placed[], selected: string | undefined): void {
    const link = linkHorizontal<{ source: Placed; target: Placed }, [number, number]>()
      .source((d) => [left(d.source) + widthOf(d.source), d.source.x]).target((d) => [left(d.target), d.target.x]);
    links.selectAll('path').data(all.filter((n) => n.parent !== null).map((n) => ({ source: n.parent as Placed, target: n })), (d) => (d as { target: Placed }).target.data.id)
      .join('path').attr('d', link).attr('fill', 'none').attr('stroke', '#9aa1b2').attr('stroke-width', 1.5);
    const boxes = nodes.selectAll<SVGGElement, Placed>('g.node').data(all, (d) => d.data.id).join((enter) => {
      const g = enter.append('g').attr('class', 'node');
      g.append('rect').attr('class', 'box');
      g.append('text').attr('class', 'address').attr('x', 8).attr('y', 16);
      g.append('text').attr('class', 'badge').attr('y', 16).attr('text-anchor', 'end');
      g.append('text').attr('class', 'name').attr('x', 8).attr('y', 31);
      g.append('text').attr('class', 'detail').attr('x', 8).attr('y', 44);
      g.append('title');
      return g;
    });
    boxes.attr('transform', (d) => `translate(${left(d)},${top(d)})`)
      .classed('selected', (d) => d.data.id === selected)
      .on('click', (_, d) => onSelect(d.data.id));
    boxes.select('rect.box').attr('width', widthOf).attr('height', NODE_H).attr('rx', 6)
      .attr('fill', 'var(--panel)')
      .attr('stroke', (d) => (d.data.group === undefined ? '#5a6070' : groupColour(d.data.group)))
      .attr('stroke-width', (d) => (d.data.id === selected ? 4 : 2));
    boxes.select('text.address').text((d) => d.data.address || t('topo.tree.rc'));
    boxes.select('text.badge').attr('x', (d) => widthOf(d) - 7).attr('fill', (d) => (d.data.group === undefined ? '#5a6070' : groupColour(d.data.group)))
      .text((d) => (d.data.group === undefined ? '' : t('topo.tree.group', { n: d.data.group })));
    boxes.select('text.name').text((d) => clip(d.data.name, d.data.id === 'rc' ? 17 : 24));
    boxes.select('text.detail').classed('warn', (d) => d.data.warn).text((d) => clip(d.data.detail, d.data.id === 'rc' ? 17 : 25));
    boxes.select('title').text((d) => d.data.title);
  }

  function drawRoute(all: Placed[], route: RouteDatum | undefined, duration: number): void {
    const key = route === undefined ? '' : `${route.path.join('>')}|${route.outcome}|${route.endLabel}`;
    if (key === lastRouteKey) return;
    lastRouteKey = key;
    routeLayer.selectAll('*').interrupt().remove();
    labels.selectAll('*').interrupt().remove();
    if (route === undefined) return;
    const at = new Map(all.map((n) => [n.data.id, n]));
    const points = route.path.flatMap((id) => (at.get(id) === undefined ? [] : [at.get(id) as Placed]));
    const first = points[0];
    if (first === undefined) return;
    let d = `M ${left(first) + widthOf(first) / 2} ${first.x + 8}`;
    for (let i = 1; i < points.length; i++) d += segment(points[i - 1] as Placed, points[i] as Placed);
    const colour = route.outcome === 'ok' ? 'var(--ok)' : 'var(--fault)';
    const path = routeLayer.append('path').attr('d', d).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 4)
      .attr('stroke-linecap', 'round').attr('marker-end', 'url(#route-arrow)').attr('opacity', 0.9);
    const last = points[points.length - 1] as Placed;
    const label = labels.append('text').attr('class', `route-label ${route.outcome}`)
      .attr('x', left(last) + widthOf(last) / 2).attr('y', top(last) - 5).attr('text-anchor', 'middle').text(route.endLabel);
    const length = path.node()?.getTotalLength() ?? 0;
    if (duration <= 0 || length === 0) return;
    path.attr('stroke-dasharray', `${length} ${length}`).attr('stroke-dashoffset', length)
      .transition('route').duration(duration).ease(easeCubicInOut).attr('stroke-dashoffset', 0)
      .on('end', () => path.attr('stroke-dasharray', null));
    label.attr('opacity', 0).transition('route').delay(duration).duration(200).attr('opacity', 1);
  }

  return {
    show(root, route, { duration, selected }) {
      const all = layout(root);
      const xs = all.map(top);
      const minY = Math.min(...xs) - PAD - 10;
      const maxY = Math.max(...xs) + NODE_H + PAD;
      const maxX = Math.max(...all.map((n) => left(n) + widthOf(n))) + PAD;
      const minX = Math.min(...all.map(left)) - PAD;
      svg.attr('viewBox', `${minX} ${minY} ${maxX - minX} ${maxY - minY}`).style('width', `${maxX - minX}px`).style('max-width', '100%');
      drawOutlines(all);
      drawNodes(all, selected);
      drawRoute(all, route, duration);
    },
    destroy() {
      svg.selectAll('*').interrupt().remove();
    },
  };
}

/** From one node to the next along the tree: up or down a level through the box sides, or round a sibling. */
function segment(from: Placed, to: Placed): string {
  const fy = from.x + 8;
  const ty = to.x + 8;
  if (from.depth === to.depth) {
    const x = left(from) - 2;
    return ` L ${x} ${fy} C ${x - 36} ${fy}, ${x - 36} ${ty}, ${x} ${ty}`;
  }
  const goingUp = to.depth < from.depth;
  const x1 = goingUp ? left(from) : left(from) + widthOf(from);
  const x2 = goingUp ? left(to) + widthOf(to) : left(to);
  const mid = (x1 + x2) / 2;
  return ` L ${x1} ${fy} C ${mid} ${fy}, ${mid} ${ty}, ${x2} ${ty}`;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
