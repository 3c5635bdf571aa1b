import { useEffect, useMemo, useRef } from 'react';
import { useLanguage, useT } from '../i18n/i18n.ts';
import { useLabStore } from '../store/lab-store.ts';
import { buildWalkModel, describeStep } from './walk-model.ts';
import { createWalkAnimator, type WalkAnimator } from './walk-animator.ts';

const reducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** The animated walk: React owns the <svg> and its text alternative, d3 the drawing. */
export function WalkDiagram() {
  const result = useLabStore((s) => s.result);
  const revealed = useLabStore((s) => s.playback.revealed);
  const speed = useLabStore((s) => s.playback.speed);
  const t = useT();
  const language = useLanguage();
  const svgRef = useRef<SVGSVGElement>(null);
  const animator = useRef<WalkAnimator | undefined>(undefined);
  // The model holds the diagram's words, so it is rebuilt in a newly chosen language.
  const model = useMemo(() => (result === undefined ? undefined : buildWalkModel(result)), [result, language]);

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

  const words = model === undefined ? t('tr.walk.none') : model.columns.filter((c) => c.revealAt <= revealed).map((c) => `${c.title} ${c.subtitle}: ${c.note}`).join(t('tr.walk.then'));
  return (
    <section className="walk" aria-labelledby="walk-heading">
      <h2 id="walk-heading">{t('tr.walk.heading')}</h2>
      <div className="walk-scroll">
        <svg ref={svgRef} className="walk-svg" role="img" aria-label={t('tr.walk.alt', { n: revealed, words })} />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {model === undefined ? '' : describeStep(model, revealed)}
      </p>
    </section>
  );
}
