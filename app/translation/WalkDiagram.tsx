import { useEffect, useMemo, useRef } from 'react';
import { useLabStore } from '../store/lab-store.ts';
import { buildWalkModel, describeStep } from './walk-model.ts';
import { createWalkAnimator, type WalkAnimator } from './walk-animator.ts';

const reducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** The animated walk: React owns the <svg> and its text alternative, d3 the drawing. */
export function WalkDiagram() {
  const result = useLabStore((s) => s.result);
  const revealed = useLabStore((s) => s.playback.revealed);
  const speed = useLabStore((s) => s.playback.speed);
  const svgRef = useRef<SVGSVGElement>(null);
  const animator = useRef<WalkAnimator | undefined>(undefined);
  const model = useMemo(() => (result === undefined ? undefined : buildWalkModel(result)), [result]);

  useEffect(() => {
    if (svgRef.current === null) return undefined;
    const created = createWalkAnimator(svgRef.current);
    animator.current = created;
    return () => {
      created.destroy();
      animator.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (model === undefined) return;
    animator.current?.show(model, revealed, { duration: reducedMotion() ? 0 : Math.min(450, 700 / speed) });
  }, [model, revealed, speed]);

  const words = model === undefined ? 'No translation yet.' : model.columns.filter((c) => c.revealAt <= revealed).map((c) => `${c.title} ${c.subtitle}: ${c.note}`).join('; then ');
  return (
    <section className="walk" aria-labelledby="walk-heading">
      <h2 id="walk-heading">The walk</h2>
      <div className="walk-scroll">
        <svg ref={svgRef} className="walk-svg" role="img" aria-label={`The walk, step ${revealed}: ${words}`} />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {model === undefined ? '' : describeStep(model, revealed)}
      </p>
    </section>
  );
}
