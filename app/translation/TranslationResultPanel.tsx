import { toHex } from '../../src/hex.ts';
import { FAULT_REASONS, faultReasonHex, faultReasonSpec } from '../../src/vtd/fault-reason.ts';
import { useLabStore } from '../store/lab-store.ts';
import { useT } from '../i18n/i18n.ts';

export function TranslationResultPanel() {
  const t = useT();
  const result = useLabStore((s) => s.result);
  const vfio = useLabStore((s) => s.machine.scenario?.mode === 'vfio');
  return (
    <section className="result" aria-labelledby="result-heading">
      <h2 id="result-heading">{t('tr.result')}</h2>
      {result === undefined ? <p>{t('tr.translating')}</p> : <ResultBody vfio={vfio} />}
    </section>
  );
}

function ResultBody({ vfio }: { vfio: boolean }) {
  const t = useT();
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
            {t('tr.result.pageSize', { route: t(`tr.route.${translation.route}`), size: toHex(translation.pageSize) })}
          </p>
        </>
      );
    case 'interrupt':
      return <p className="outcome">{t('tr.result.interrupt')}</p>;
    case 'fault': {
      const { fault } = translation;
      const reason = FAULT_REASONS[fault.reason];
      const step = translation.steps[fault.stepIndex];
      return (
        <>
          <p className="outcome fault">
            {t('tr.result.fault', { spec: faultReasonSpec(fault.reason), hex: faultReasonHex(fault.reason), name: reason.name })}
          </p>
          <p>
            {t('tr.result.at', { where: step?.name ?? t('tr.result.request'), cause: fault.cause })}
          </p>
          <p>{reason.meaning}</p>
          {result.faultLog !== undefined ? (
            <>
              <p className="log-caption">{t('tr.result.kernelLogs')}</p>
              <pre className="dmesg">{result.faultLog}</pre>
            </>
          ) : (
            <p>{t('tr.result.notRecorded')}</p>
          )}
        </>
      );
    }
  }
}
