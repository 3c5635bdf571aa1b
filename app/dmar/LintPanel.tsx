import { hexOffset } from '../../src/acpi/dmar/diagnostics.ts';
import type { Checker, LintFinding } from '../../src/acpi/dmar/lint.ts';
import { blurHighlight, focusHighlight, hover, unhover } from './dmar-actions.ts';
import { useDmarStore, type DmarState, type Highlight } from './dmar-store.ts';

const selectLint = (s: DmarState) => s.shown?.load.analysis.lint;

const CHECKER_NAMES: Record<Checker, string> = {
  fwts: 'FWTS dmar test',
  linux: 'Linux dmar.c',
  edk2: "edk2's dmar_parser.py",
  acpica: 'ACPICA',
};

const SEVERITY = { error: { mark: '✗', word: 'Error' }, warning: { mark: '!', word: 'Warning' }, info: { mark: 'i', word: 'Note' } } as const;

/** One combined report: parser diagnostics and every checker's findings, each with its offset. */
export function LintPanel() {
  const lint = useDmarStore(selectLint) ?? [];
  const count = (severity: LintFinding['severity']) => lint.filter((f) => f.severity === severity).length;
  return (
    <section aria-labelledby="dmar-lint-heading" className="dmar-lint-panel">
      <div className="dmar-panel-head">
        <h3 id="dmar-lint-heading">Lint report</h3>
        <span className="hint">
          {count('error')} error(s), {count('warning')} warning(s), {count('info')} note(s) — what FWTS, Linux, edk2 and ACPICA check, and more
        </span>
      </div>
      {lint.length === 0 ? (
        <p>No findings: every checker would accept this table.</p>
      ) : (
        <ol aria-label="Lint findings" className="lint-list">
          {lint.map((finding, i) => (
            <LintItem key={i} finding={finding} />
          ))}
        </ol>
      )}
    </section>
  );
}

function LintItem({ finding }: { finding: LintFinding }) {
  const severity = SEVERITY[finding.severity];
  const highlight: Highlight = { kind: 'range', offset: finding.offset, length: finding.length, label: `${severity.word.toLowerCase()} ${finding.code}` };
  return (
    <li className={`lint-item sev-${finding.severity}`} onMouseEnter={() => hover(highlight)} onMouseLeave={() => unhover(highlight)}>
      <span className="sev">
        <span aria-hidden="true" className="sev-mark">
          {severity.mark}
        </span>{' '}
        {severity.word}
      </span>{' '}
      <button type="button" className="offset-button mono" aria-label={`Bytes at ${hexOffset(finding.offset)}`} onFocus={() => focusHighlight(highlight)} onBlur={() => blurHighlight(highlight)}>
        {hexOffset(finding.offset)}
      </button>{' '}
      <span className="lint-message">{finding.message}</span>{' '}
      <span className="lint-also">
        {finding.alsoReportedBy.length === 0 ? 'Only IOMMU Lab reports this.' : `Also reported by: ${finding.alsoReportedBy.map((c) => CHECKER_NAMES[c]).join(', ')}.`}
      </span>
    </li>
  );
}
