import { select, transition, type Selection } from 'd3';
import { KIND_COLOUR } from './palette.ts';
import type { ModelColumn, WalkModel } from './walk-model.ts';

const COLUMN_WIDTH = 178;
const GAP = 26;
const HEADER = 44;
const ROW = 21;
const TOP = 8;

export interface WalkAnimator {
  /** Draws the model with `revealed` steps shown, tweening from what is drawn now. */
  show(model: WalkModel, revealed: number, options: { duration: number }): void;
  destroy(): void;
}

const ROW_GAP = 34;
const BOX_HEIGHT = HEADER + 5 * ROW + 26;

const columnHeight = (c: ModelColumn): number => HEADER + Math.max(c.rows.length, 2) * ROW + 26;

/** Long walks wrap onto a second line, so the text stays readable on a projector. */
function layout(count: number): { perLine: number; x(i: number): number; y(i: number): number } {
  const perLine = count > 6 ? Math.ceil(count / 2) : count;
  return {
    perLine,
    x: (i) => (i % perLine) * (COLUMN_WIDTH + GAP),
    y: (i) => TOP + Math.floor(i / perLine) * (BOX_HEIGHT + ROW_GAP),
  };
}

/**
 * The walk diagram's d3 side: React mounts the <svg> and feeds this object the model and the
 * step; d3 owns the drawing and the tweening. A new step interrupts a running transition, so
 * stepping, jumping and replaying all land on the same picture.
 */
export function createWalkAnimator(svgElement: SVGSVGElement): WalkAnimator {
  const svg = select(svgElement);
  const defs = svg.append('defs');
  defs
    .append('marker')
    .attr('id', 'walk-arrow')
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('orient', 'auto-start-reverse')
    .append('path')
    .attr('d', 'M 0 0 L 10 5 L 0 10 z')
    .attr('fill', '#1c1e24');
  const arrows = svg.append('g').attr('class', 'arrows');
  const columns = svg.append('g').attr('class', 'columns');
  let drawn: WalkModel | undefined;

  function rebuild(model: WalkModel): void {
    const place = layout(model.columns.length);
    const lines = Math.ceil(model.columns.length / place.perLine);
    const width = place.perLine * (COLUMN_WIDTH + GAP) - GAP + 2;
    const height = lines * (BOX_HEIGHT + ROW_GAP) - ROW_GAP + TOP * 2;
    svg.attr('viewBox', `0 0 ${width} ${height}`).style('max-width', `${width * 1.35}px`);
    columns.selectAll('*').remove();
    arrows.selectAll('*').remove();
    const groups = columns
      .selectAll<SVGGElement, ModelColumn>('g.column')
      .data(model.columns, (d) => d.id)
      .join('g')
      .attr('class', (d) => `column kind-${d.kind}${d.faulted ? ' faulted' : ''}`)
      .attr('transform', (_, i) => `translate(${place.x(i) + 1},${place.y(i)})`)
      .attr('opacity', 0);
    drawColumn(groups);
    arrows
      .selectAll<SVGPathElement, ModelColumn>('path')
      .data(model.columns.slice(1), (d) => d.id)
      .join('path')
      .attr('marker-end', 'url(#walk-arrow)')
      .attr('d', (_, i) => arrowPath(model.columns[i], i, place))
      .attr('stroke', (d) => (d.faulted ? KIND_COLOUR.fault : '#1c1e24'))
      .attr('stroke-width', 2)
      .attr('fill', 'none')
      .attr('stroke-dasharray', (d) => (d.faulted ? '6 4' : null))
      .attr('opacity', 0);
  }

  return {
    show(model, revealed, { duration }) {
      if (drawn !== model) {
        rebuild(model);
        drawn = model;
      }
      const visible = (d: ModelColumn) => (d.revealAt <= revealed ? 1 : 0);
      // One shared transition for the step: boxes and arrows fade together.
      const step = transition('walk-step').duration(duration);
      columns.selectAll<SVGGElement, ModelColumn>('g.column').interrupt('walk-step').transition(step).attr('opacity', visible);
      arrows.selectAll<SVGPathElement, ModelColumn>('path').interrupt('walk-step').transition(step).attr('opacity', visible);
    },
    destroy() {
      svg.selectAll('*').remove();
    },
  };
}

function arrowPath(from: ModelColumn | undefined, i: number, place: ReturnType<typeof layout>): string {
  const row = from?.rows.findIndex((r) => r.active) ?? -1;
  const x1 = place.x(i) + COLUMN_WIDTH;
  const y1 = place.y(i) + (row >= 0 ? HEADER + row * ROW + ROW / 2 : HEADER / 2);
  const x2 = place.x(i + 1) - 2;
  const y2 = place.y(i + 1) + HEADER / 2;
  if (y2 === place.y(i) + HEADER / 2) return `M ${x1} ${y1} C ${x1 + GAP / 2} ${y1}, ${x2 - GAP / 2} ${y2}, ${x2} ${y2}`;
  // To the next line: out to the right, down into the gap between the lines, back to its start.
  const gapY = place.y(i) + BOX_HEIGHT + ROW_GAP / 2;
  return `M ${x1} ${y1} h ${GAP / 2 - 2} V ${gapY} H ${x2 - GAP / 2} V ${y2} H ${x2}`;
}

function drawColumn(groups: Selection<SVGGElement, ModelColumn, SVGGElement, unknown>): void {
  groups
    .append('rect')
    .attr('class', 'box')
    .attr('width', COLUMN_WIDTH)
    .attr('height', columnHeight)
    .attr('rx', 6)
    .attr('fill', 'var(--panel)')
    .attr('stroke', (d) => (d.faulted ? KIND_COLOUR.fault : KIND_COLOUR[d.kind]))
    .attr('stroke-width', (d) => (d.faulted ? 3 : 1.5));
  groups
    .append('rect')
    .attr('width', COLUMN_WIDTH)
    .attr('height', 6)
    .attr('rx', 3)
    .attr('fill', (d) => KIND_COLOUR[d.kind]);
  groups
    .append('text')
    .attr('class', 'title')
    .attr('x', 8)
    .attr('y', 22)
    .text((d) => `${d.faulted ? '✗ ' : ''}${d.title}`);
  groups.append('text').attr('class', 'subtitle').attr('x', 8).attr('y', 37).text((d) => d.subtitle);
  const rows = groups
    .selectAll<SVGGElement, ModelColumn['rows'][number]>('g.row')
    .data((d) => d.rows)
    .join('g')
    .attr('class', (r) => `row${r.active ? ' active' : ''}${r.present ? '' : ' empty'}`)
    .attr('transform', (_, i) => `translate(0,${HEADER + i * ROW})`);
  rows
    .append('rect')
    .attr('x', 3)
    .attr('width', COLUMN_WIDTH - 6)
    .attr('height', ROW - 2)
    .attr('rx', 3)
    .attr('fill', (r) => (r.active ? 'var(--active-row)' : 'transparent'));
  rows
    .append('text')
    .attr('class', 'mono')
    .attr('x', 8)
    .attr('y', 14)
    .text((r) => `${r.active ? '▶' : ' '}${r.label} ${r.value}`);
  groups
    .append('text')
    .attr('class', 'note')
    .attr('x', 8)
    .attr('y', (d) => columnHeight(d) - 9)
    .text((d) => shorten(d.note, 30));
  groups.append('title').text((d) => `${d.title} ${d.subtitle}\n${d.note}`);
}

const shorten = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
