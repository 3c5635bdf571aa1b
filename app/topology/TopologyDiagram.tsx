import { useEffect, useMemo, useRef } from 'react';
import type { TopologyReport } from '../../src/pci/topology/topology-report.ts';
import type { P2pAnswer } from '../../src/pci/topology/topology-requests.ts';
import { acsSummary, deviceWords, functionName, shortAddress } from './names.ts';
import { createTopologyAnimator, type RouteDatum, type TopologyAnimator, type TreeNodeDatum } from './topology-animator.ts';
import { selectFunction } from './topology-actions.ts';
import { t, useLanguage, useT } from '../i18n/i18n.ts';
import { useTopologyStore } from './topology-store.ts';
import { FunctionDetail } from './FunctionDetail.tsx';

const reducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
const PORTS = new Set(['root-port', 'downstream-port']);

function treeOf(report: TopologyReport): TreeNodeDatum {
  const build = (parent: string | undefined): TreeNodeDatum[] =>
    report.functions.filter((f) => f.parent === parent).map((f) => {
      const detail = PORTS.has(f.portType) || typeof f.acs === 'object' ? acsSummary(f) : f.driver === undefined ? t('topo.tree.noDriver') : t('topo.tree.driver', { driver: f.driver });
      return {
        id: f.address,
        address: shortAddress(f.address),
        name: functionName(f),
        detail,
        warn: PORTS.has(f.portType) && (detail.includes('−') || f.acs === 'absent'),
        group: f.group,
        title: t('topo.tree.title', { address: f.address, ids: f.ids, words: deviceWords(f), described: f.described, group: f.group, detail }),
        children: build(f.address),
      };
    });
  return { id: 'rc', address: '', name: t('topo.tree.rcName'), detail: t('topo.tree.rcDetail'), warn: false, group: undefined, title: t('topo.tree.rcTitle'), children: build(undefined) };
}

function routeOf(answer: P2pAnswer | undefined): RouteDatum | undefined {
  if (answer === undefined || answer.outcome.kind === 'invalid') return undefined;
  const path = [answer.from];
  for (const hop of answer.hops) {
    const id = hop.at === 'IOMMU' || hop.at === 'root complex' ? 'rc' : hop.at;
    if (path[path.length - 1] !== id) path.push(id);
  }
  const fault = answer.walks.find((w) => w.outcome.kind === 'fault')?.outcome;
  switch (answer.outcome.kind) {
    case 'delivered':
      if (path[path.length - 1] !== answer.to) path.push(answer.to);
      return { path, outcome: 'ok', endLabel: t('topo.tree.delivered') };
    case 'iommu-fault':
      return { path, outcome: 'fault', endLabel: t('topo.tree.fault', { reason: fault?.kind === 'fault' ? fault.reason : '' }) };
    case 'dropped':
      return { path, outcome: 'fault', endLabel: t('topo.tree.dropped') };
  }
}

/** The PCIe tree with its groups outlined and the peer write's route; React owns the words, d3 the drawing. */
export function TopologyDiagram() {
  const report = useTopologyStore((s) => s.report);
  const p2pAnswer = useTopologyStore((s) => s.p2pAnswer);
  const selected = useTopologyStore((s) => s.selected);
  const svgRef = useRef<SVGSVGElement>(null);
  const animator = useRef<TopologyAnimator | undefined>(undefined);
  const t = useT();
  // The tree and the route hold their words, so they are rebuilt in a newly chosen language.
  const language = useLanguage();
  const root = useMemo(() => (report === undefined ? undefined : treeOf(report)), [report, language]);
  const route = useMemo(() => routeOf(p2pAnswer), [p2pAnswer, language]);

  useEffect(() => {
    if (svgRef.current === null) return undefined;
    const created = createTopologyAnimator(svgRef.current, (id) => selectFunction(id === 'rc' ? undefined : id));
    animator.current = created;
    return () => {
      created.destroy();
      animator.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (root !== undefined) animator.current?.show(root, route, { duration: reducedMotion() ? 0 : 900, selected });
  }, [root, route, selected]);

  const words = report === undefined ? t('topo.tree.none')
    : t('topo.tree.alt', { functions: report.functions.length, groups: report.groups.length }) +
      (route === undefined ? '' : t('topo.tree.altRoute', { path: route.path.map((id) => (id === 'rc' ? t('topo.tree.rcAndIommu') : shortAddress(id))).join(' → '), end: route.endLabel.slice(2) }));
  return (
    <section className="topology-diagram" aria-labelledby="topology-tree-heading">
      <h2 id="topology-tree-heading">{t('topo.tree.heading')}</h2>
      <p className="hint">{t('topo.tree.hint')}</p>
      <div className="topology-body">
        <div className="topology-scroll">
          <svg ref={svgRef} className="topology-svg" role="img" aria-label={words} />
        </div>
        <FunctionDetail />
      </div>
    </section>
  );
}
