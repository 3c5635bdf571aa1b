import { hexOffset } from '../../src/acpi/dmar/diagnostics.ts';
import type { Checker, LintFinding } from '../../src/acpi/dmar/lint.ts';
import { useT } from '../i18n/i18n.ts';
import { blurHighlight, focusHighlight, hover, unhover } from './dmar-actions.ts';
import { useDmarStore, type DmarState, type Highlight } from './dmar-store.ts';

const selectLint = (s: DmarState) => s.shown?.load.analysis.lint;

/** The checkers by the names their projects use (only FWTS's needs a word translated). */
const CHECKER_NAMES: Record<Exclude<Checker, 'fwts'>, string> = {
  linux: 'Linux dmar.c',
  edk2: "edk2's dmar_parser.py",
  acpica: 'ACPICA',
};

const SEVERITY_MARK = { error: '✗', warning: '!', info: 'i' } as const;

/** One combined report: parser diagnostics and every checker's findings, each with its offset. */
export function LintPanel() {
  const t = useT();
  const lint = useDmarStore(selectLint) ?? [];
  const count = (severity: LintFinding['severity']) => lint.filter((f) => f.severity === severity).length;
  return (
    <section aria-labelledby="dmar-lint-heading" className="dmar-lint-panel">
      <div className="dmar-panel-head">
        <h3 id="dmar-lint-heading">{t('dmar.lint.heading')}</h3>
        <span className="hint">{t('dmar.lint.counts', { errors: count('error'), warnings: count('warning'), notes: count('info') })}</span>
      </div>
      {lint.length === 0 ? (
        <p>{t('dmar.lint.none')}</p>
      ) : (
        <ol aria-label={t('dmar.lint.list')} className="lint-list">
          {lint.map((finding, i) => (
            <LintItem key={i} finding={finding} />
          ))}
        </ol>
      )}
    </section>
  );
}

function LintItem({ finding }: { finding: LintFinding }) {
  const t = useT();
  const severity = { mark: SEVERITY_MARK[finding.severity], word: t(`dmar.lint.${finding.severity}`) };
  const checkerName = (c: Checker): string => (c === 'fwts' ? t('dmar.checker.fwts') : CHECKER_NAMES[c]);
  const highlight: Highlight = { kind: 'range', offset: finding.offset, length: finding.length, label: `${severity.word.toLowerCase()} ${finding.code}` };
  return (
    <li className={`lint-item sev-${finding.severity}`} onMouseEnter={() => hover(highlight)} onMouseLeave={() => unhover(highlight)}>
      <span className="sev">
        <span aria-hidden="true" className="sev-mark">
          {severity.mark}
        </span>{' '}
        {severity.word}
      </span>{' '}
      <button type="button" className="offset-button mono" aria-label={t('dmar.lint.bytesAt', { offset: hexOffset(finding.offset) })} onFocus={() => focusHighlight(highlight)} onBlur={() => blurHighlight(highlight)}>
        {hexOffset(finding.offset)}
      </button>{' '}
      <span className="lint-message">{finding.message}</span>{' '}
      <span className="lint-also">
        {finding.alsoReportedBy.length === 0 ? t('dmar.lint.only') : t('dmar.lint.also', { checkers: finding.alsoReportedBy.map(checkerName).join(', ') })}
      </span>
    </li>
  );
}
