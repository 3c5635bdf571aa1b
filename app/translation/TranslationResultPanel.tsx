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
  const vfio = useLabStore((s) => s.machine.scenario?.mode === 'vfio');
  return (
    <section className="result" aria-labelledby="result-heading">
      <h2 id="result-heading">Translation result</h2>
      {result === undefined ? <p>Translating…</p> : <ResultBody vfio={vfio} />}
    </section>
  );
}

function ResultBody({ vfio }: { vfio: boolean }) {
  const result = useLabStore((s) => s.result);
  if (result === undefined) return null;
  const { translation, request } = result;
  switch (translation.kind) {
    case 'ok':
      return (
        <>
          {vfio ? (
            <p className="outcome ok">
              GPA <code>{request.iova}</code> → HPA <code>{toHex(translation.hpa)}</code>
            </p>
          ) : (
            <p className="outcome ok">
              HPA <code>{toHex(translation.hpa)}</code>
            </p>
          )}
          <p>
            {ROUTE_TEXT[translation.route]}; page size {toHex(translation.pageSize)} bytes.
          </p>
        </>
      );
    case 'interrupt':
      return <p className="outcome">Interrupt message: a request to 0xfee00000–0xfeefffff is an interrupt, never DMA-remapped.</p>;
    case 'fault': {
      const { fault } = translation;
      const reason = FAULT_REASONS[fault.reason];
      const step = translation.steps[fault.stepIndex];
      return (
        <>
          <p className="outcome fault">
            Fault {faultReasonSpec(fault.reason)} ({faultReasonHex(fault.reason)}): {reason.name}
          </p>
          <p>
            At the {step?.name ?? 'request'}: {fault.cause}.
          </p>
          <p>{reason.meaning}</p>
          {result.faultLog !== undefined ? (
            <>
              <p className="log-caption">The kernel logs:</p>
              <pre className="dmesg">{result.faultLog}</pre>
            </>
          ) : (
            <p>Not recorded: the context entry sets FPD (fault processing disable); the DMA still fails.</p>
          )}
        </>
      );
    }
  }
}
