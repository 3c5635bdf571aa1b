import { ACS, type AcsBit, type AcsState, type Bar, type PciFunction, type PortType } from './topology.ts';

/**
 * Hand-built functions for samples and tests, written the way lspci shows them: "02:00.0",
 * "10de:2330", ACS bits by lspci name. Bad text is a programming error here (samples are code),
 * so it throws.
 */
export interface FunctionSpec {
  readonly at: string; // "[DDDD:]BB:DD.F"
  readonly ids: string; // "vvvv:dddd"
  readonly classCode: number;
  readonly description: string;
  readonly type: PortType;
  readonly multifunction?: boolean;
  /** Bits that are capable / enabled; omitted = no ACS capability. */
  readonly acs?: { readonly cap: readonly AcsBit[]; readonly ctl: readonly AcsBit[] } | 'unknown';
  /** "01-03": secondary-subordinate bus numbers of a bridge. */
  readonly buses?: string;
  readonly bars?: readonly Bar[];
  readonly ats?: boolean;
  readonly driver?: string;
}

const raw = (bits: readonly AcsBit[]): number => bits.reduce((v, b) => v | ACS[b], 0);

export function pciFunction(spec: FunctionSpec): PciFunction {
  const m = /^(?:([0-9a-f]{4}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i.exec(spec.at);
  const ids = /^([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(spec.ids);
  if (!m || !ids) throw new Error(`bad sample function ${spec.at} ${spec.ids}`);
  const address = { domain: Number.parseInt(m[1] ?? '0', 16), bus: Number.parseInt(m[2] ?? '', 16), device: Number.parseInt(m[3] ?? '', 16), fn: Number(m[4]) };
  const buses = spec.buses?.split('-').map((b) => Number.parseInt(b, 16));
  const acs: AcsState = spec.acs === undefined ? 'absent' : spec.acs === 'unknown' ? 'unknown' : { cap: raw(spec.acs.cap), ctl: raw(spec.acs.ctl) };
  return {
    address,
    vendorId: Number.parseInt(ids[1] ?? '', 16),
    deviceId: Number.parseInt(ids[2] ?? '', 16),
    classCode: spec.classCode,
    description: spec.description,
    portType: spec.type,
    multifunction: spec.multifunction ?? false,
    acs,
    busRange: buses === undefined ? undefined : { primary: address.bus, secondary: buses[0] ?? 0, subordinate: buses[1] ?? buses[0] ?? 0 },
    bars: spec.bars ?? [],
    ats: spec.ats ?? false,
    driver: spec.driver,
    reportedGroup: undefined,
  };
}

/** ACS as Linux leaves a port it enabled (pci_std_enable_acs): SV RR CR UF on, DT off. */
export const ACS_ON = { cap: ['SV', 'TB', 'RR', 'CR', 'UF', 'EC', 'DT'], ctl: ['SV', 'RR', 'CR', 'UF'] } as const satisfies FunctionSpec['acs'];
/** The same port after `setpci … ECAP_ACS+0x6.w=0000` or a BIOS "ACS off". */
export const ACS_OFF = { cap: ['SV', 'TB', 'RR', 'CR', 'UF', 'EC', 'DT'], ctl: [] } as const satisfies FunctionSpec['acs'];
