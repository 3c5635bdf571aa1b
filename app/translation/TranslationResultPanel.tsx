import { toHex } from '../../src/hex.ts';
import { FAULT_REASONS, faultReasonHex, faultReasonSpec } from '../../src/vtd/fault-reason.ts';
import { useLabStore } from '../store/lab-store.ts';

const ROUTE_TEXT = {
  translated: 'translated by the second-level tables',
  'pass-through': 'pass-through (context TT=10): no page walk, the DMA address is the host address',
  'translation-disabled': 'translation disabled (GSTS.TES=0): the DMA address is the host address',
} as const;

export function TranslationResultPanel() {
  const result = useLabStore((s) => s.result);
  return (
    <section className="result" aria-labelledby="result-heading" aria-live="polite">
      <h2 id="result-heading">Translation result</h2>
      {result === undefined ? <p>Translating…</p> : <ResultBody />}
    </section>
  );
}

function ResultBody() {
  const result = useLabStore((s) => s.result);
  if (result === undefined) return null;
  const { translation } = result;
  switch (translation.kind) {
    case 'ok':
      return (
        <>
          <p className="outcome ok">
            HPA <code>{toHex(translation.hpa)}</code>
          </p>
          <p>{ROUTE_TEXT[translation.route]}; page size {toHex(translation.pageSize)} bytes.</p>
        </>
      );
    case 'interrupt':
      return <p className="outcome">Interrupt message: writes to 0xfee00000–0xfeefffff are interrupt requests, never DMA-remapped.</p>;
    case 'fault': {
      const reason = FAULT_REASONS[translation.fault.reason];
      return (
        <>
          <p className="outcome fault">
            Fault {faultReasonSpec(translation.fault.reason)} ({faultReasonHex(translation.fault.reason)}): {reason.name}
          </p>
          <p>{translation.fault.cause}. {reason.meaning}</p>
          {result.faultLog !== undefined ? <pre className="dmesg">{result.faultLog}</pre> : <p>Not recorded: the context entry sets FPD.</p>}
        </>
      );
    }
  }
}
