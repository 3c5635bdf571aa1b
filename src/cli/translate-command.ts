import { parseHex, toHex, iova as asIova } from '../hex.ts';
import { loadMachineText } from '../machine-file.ts';
import { formatSourceId, parseSourceId } from '../pci/source-id.ts';
import { FAULT_REASONS, faultReasonSpec } from '../vtd/fault-reason.ts';
import { faultLogLine } from '../vtd/fault-log.ts';
import type { Step } from '../vtd/trace.ts';
import { translate, type Translation, type TranslationRequest } from '../vtd/translate.ts';
import { parseCommandArgs, readTextFile } from './args.ts';
import { UsageError } from './errors.ts';

/** `translate MACHINE.json --sid BB:DD.F --iova 0x… [--write] [--json]` */
export function translateCommand(args: string[]): string {
  const { values, positionals } = parseCommandArgs(args, {
    sid: { type: 'string' },
    iova: { type: 'string' },
    write: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('missing MACHINE.json');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (values.sid === undefined) throw new UsageError('missing --sid BB:DD.F');
  if (values.iova === undefined) throw new UsageError('missing --iova 0x…');
  const sourceId = parseSourceId(values.sid);
  if (!sourceId.ok) throw new UsageError(`--sid: ${sourceId.error}`);
  const address = parseHex(values.iova);
  if (!address.ok) throw new UsageError(`--iova: ${address.error}`);
  const loaded = loadMachineText(readTextFile(file));
  if (!loaded.ok) throw new UsageError(`${file}: ${loaded.error}`);
  const request: TranslationRequest = { sourceId: sourceId.value, iova: asIova(address.value), access: values.write ? 'write' : 'read' };
  const translation = translate(loaded.machine, request);
  return values.json ? JSON.stringify(translationJson(request, translation)) : translationTable(request, translation);
}

/** The CLI's JSON form of a translation: addresses and values as "0x…" strings. */
export function translationJson(request: TranslationRequest, translation: Translation): Record<string, unknown> {
  const head = { sourceId: formatSourceId(request.sourceId), iova: toHex(request.iova), access: request.access };
  const steps = translation.steps.map(stepJson);
  switch (translation.kind) {
    case 'ok':
      return { ok: true, ...head, route: translation.route, hpa: toHex(translation.hpa), pageSize: toHex(translation.pageSize), steps };
    case 'interrupt':
      return { ok: false, ...head, interrupt: true, message: interruptText(request), steps };
    case 'fault': {
      const { fault } = translation;
      const reason = FAULT_REASONS[fault.reason];
      return {
        ok: false,
        ...head,
        faultReason: fault.reason,
        faultName: reason.name,
        name: reason.name,
        kernelMessage: reason.kernel,
        meaning: reason.meaning,
        faultStep: fault.stepIndex,
        cause: fault.cause,
        causeBits: fault.bits,
        recorded: fault.recorded,
        ...(fault.recorded ? { faultLog: faultLogLine(request, fault) } : {}),
        steps,
      };
    }
  }
}

function stepJson(step: Step): Record<string, unknown> {
  const fields = step.fields.map((f) => ({ name: f.name, bits: f.hi === f.lo ? `${f.hi}` : `${f.hi}:${f.lo}`, value: toHex(f.value) }));
  const base = {
    kind: step.kind,
    name: step.name,
    entryAddress: toHex(step.entryAddress),
    tableAddress: toHex(step.tableAddress),
    index: step.index,
    indexedBy: step.indexedBy,
  };
  switch (step.kind) {
    case 'root': {
      const [lo, hi] = step.raw;
      const { present, ctp } = step.rootEntry;
      return { ...base, raw: raw128(lo, hi), rawLo: toHex(lo, 16), rawHi: toHex(hi, 16), decoded: { present, ctp: toHex(ctp) }, fields };
    }
    case 'context': {
      const [lo, hi] = step.raw;
      const { present, fpd, tt, slptptr, aw, did } = step.contextEntry;
      return { ...base, raw: raw128(lo, hi), rawLo: toHex(lo, 16), rawHi: toHex(hi, 16), decoded: { present, fpd, tt, slptptr: toHex(slptptr), aw, did }, fields };
    }
    default: {
      const { r, w, ps, snp, address } = step.slpte;
      return { ...base, level: step.level, raw: toHex(step.raw, 16), leaf: step.leaf, decoded: { r, w, ps, snp, address: toHex(address) }, allowed: step.allowed, fields };
    }
  }
}

const raw128 = (lo: bigint, hi: bigint): string => toHex((hi << 64n) | lo, 32);

function translationTable(request: TranslationRequest, translation: Translation): string {
  const who = `${formatSourceId(request.sourceId)} ${request.access} ${toHex(request.iova)}`;
  const lines: string[] = [];
  switch (translation.kind) {
    case 'ok':
      lines.push(`${who} -> HPA ${toHex(translation.hpa)} (${translation.route}, ${toHex(translation.pageSize)}-byte page)`);
      break;
    case 'interrupt':
      lines.push(`${who}: ${interruptText(request)}`);
      break;
    case 'fault': {
      const reason = FAULT_REASONS[translation.fault.reason];
      lines.push(`${who} -> FAULT ${faultReasonSpec(translation.fault.reason)} ${reason.name}: ${translation.fault.cause}`);
      if (translation.fault.recorded) lines.push(faultLogLine(request, translation.fault));
      else lines.push('(not recorded: the context entry sets FPD)');
    }
  }
  if (translation.steps.length === 0) return lines.join('\n');
  lines.push('', `${'step'.padEnd(8)}${'entry address'.padEnd(20)}${'raw'.padEnd(36)}fields`);
  for (const step of translation.steps) {
    const raw = step.kind === 'root' || step.kind === 'context' ? raw128(step.raw[0], step.raw[1]) : toHex(step.raw, 16);
    const fields = step.fields
      .filter((f) => !/^(Reserved|Ignored)$/.test(f.name) || f.value !== 0n)
      .map((f) => `${f.name}=${f.address ? toHex(f.value << BigInt(f.lo)) : f.hi - f.lo >= 8 ? toHex(f.value) : f.value.toString()}`)
      .join(' ');
    lines.push(`${step.kind.padEnd(8)}${toHex(step.entryAddress, 16).padEnd(20)}${raw.padEnd(36)}${fields}`);
  }
  return lines.join('\n');
}

/**
 * Requests to 0xfee00000–0xfeefffff never reach DMA remapping (VT-d 4.1 §3.14): a write is an
 * interrupt message (remapped by interrupt remapping, if on); a read is no interrupt and is
 * rejected (QEMU's vtd_mem_ir_read; newer QEMU reports it as an illegal access).
 */
function interruptText(request: TranslationRequest): string {
  return request.access === 'write'
    ? 'a write to 0xfee00000-0xfeefffff is an interrupt message, not DMA: it is not remapped'
    : 'a read of 0xfee00000-0xfeefffff is not DMA-remapped either: the interrupt range is not memory, and the read is rejected';
}
