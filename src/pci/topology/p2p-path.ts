import { iova } from '../../hex.ts';
import { sourceId } from '../source-id.ts';
import { faultLogLine } from '../../vtd/fault-log.ts';
import type { TranslationRequest } from '../../vtd/translate.ts';
import { ACS, bridgesAbove, formatAddress, type PciFunction, type Topology } from './topology.ts';

/**
 * GPU A writes into GPU B's BAR: which way the request goes and what happens to it. The ACS
 * controls act at the downstream port where the request enters a switch (PCIe r6.0 §6.12.1.1):
 * P2P Request Redirect sends it up to the root complex instead of across; Direct Translated P2P
 * exempts requests whose address was already translated through ATS. Upstream it meets the IOMMU.
 */
export interface P2pSettings {
  /** The requester's IOMMU domain: translated ('dma'), identity (iommu=pt) or no IOMMU. */
  readonly iommu: 'dma' | 'pt' | 'off';
  /** The peer's BAR is mapped in the requester's domain (dma_map_resource / P2PDMA); CUDA P2P does not do this. */
  readonly peerMapped: boolean;
  /** The root complex forwards peer requests between its root ports (many do not, or slowly). */
  readonly rootComplexP2p: boolean;
  /** The requester sends ATS-translated requests (it has ATS and its driver uses it). */
  readonly atsTranslated: boolean;
}

export interface Hop {
  /** A function's address, or 'root complex' / 'IOMMU'. */
  readonly at: string;
  readonly action: 'up' | 'across' | 'down' | 'redirected' | 'translated' | 'passed' | 'fault' | 'dropped';
  readonly note: string;
}

export type P2pResult =
  | { readonly kind: 'delivered'; readonly route: 'switch' | 'direct-translated' | 'root-complex' | 'same-device'; readonly hops: readonly Hop[] }
  | { readonly kind: 'iommu-fault'; readonly hops: readonly Hop[]; readonly request: TranslationRequest; readonly dmesg: string }
  | { readonly kind: 'dropped'; readonly hops: readonly Hop[]; readonly message: string }
  | { readonly kind: 'invalid'; readonly message: string };

const name = (f: PciFunction): string => formatAddress(f.address);
const ctlHas = (f: PciFunction, bit: number): boolean => typeof f.acs === 'object' && (f.acs.ctl & bit) !== 0;

/** The lowest bridge above both, or undefined when they meet only in the root complex. */
function commonBridge(topology: Topology, a: PciFunction, b: PciFunction): PciFunction | undefined {
  const above = bridgesAbove(topology, b);
  return bridgesAbove(topology, a).find((bridge) => above.includes(bridge));
}

/** The first memory BAR of the target: what its peer writes to. */
const targetBar = (f: PciFunction) => f.bars.find((b) => b.kind === 'memory' && b.address !== undefined);

export function p2pWrite(topology: Topology, from: PciFunction, to: PciFunction, settings: P2pSettings): P2pResult {
  const bar = targetBar(to);
  if (bar?.address === undefined) return { kind: 'invalid', message: `${name(to)} has no assigned memory BAR to write to` };
  if (from === to) return { kind: 'invalid', message: 'a device writing its own BAR is not peer-to-peer' };
  const hops: Hop[] = [];
  const upA = bridgesAbove(topology, from);
  const upB = bridgesAbove(topology, to);
  const common = commonBridge(topology, from, to);
  const translated = settings.atsTranslated && from.ats;
  if (common !== undefined) {
    const ingress = upA[upA.indexOf(common) - 1];
    if (ingress === undefined) return { kind: 'delivered', route: 'same-device', hops: [{ at: name(from), action: 'across', note: 'both functions sit on one link below the same port: the request never reaches a switch' }] };
    for (const b of upA.slice(0, upA.indexOf(ingress))) hops.push({ at: name(b), action: 'up', note: 'forwarded upstream' });
    const rr = ctlHas(ingress, ACS.RR);
    const dt = ctlHas(ingress, ACS.DT);
    if (!rr || (translated && dt)) {
      hops.push({ at: name(ingress), action: 'across', note: !rr ? 'ACSCtl ReqRedir-: the switch routes the write by address straight to the peer\'s port' : 'ReqRedir+ but DirectTrans+ and the request is ATS-translated: routed straight to the peer' });
      for (const b of upB.slice(0, upB.indexOf(common)).reverse()) hops.push({ at: name(b), action: 'down', note: 'forwarded to the peer' });
      return { kind: 'delivered', route: !rr ? 'switch' : 'direct-translated', hops };
    }
    hops.push({ at: name(ingress), action: 'redirected', note: 'ACSCtl ReqRedir+: peer requests are redirected upstream to the root complex' });
    for (const b of upA.slice(upA.indexOf(ingress) + 1)) hops.push({ at: name(b), action: 'up', note: 'forwarded upstream' });
  } else {
    for (const b of upA) hops.push({ at: name(b), action: 'up', note: 'forwarded upstream: the peer is under another root port' });
  }
  return throughRootComplex(topology, { from, to, bar: bar.address, hops, settings, translated, upB });
}

function throughRootComplex(_topology: Topology, x: { from: PciFunction; to: PciFunction; bar: bigint; hops: Hop[]; settings: P2pSettings; translated: boolean; upB: readonly PciFunction[] }): P2pResult {
  const { from, bar, hops, settings } = x;
  if (settings.iommu === 'dma' && !x.translated) {
    const request: TranslationRequest = { sourceId: sourceId(from.address.bus, from.address.device, from.address.fn), iova: iova(bar), access: 'write' };
    if (!settings.peerMapped) {
      const dmesg = faultLogLine(request, { reason: 0x5, stepIndex: 0, cause: 'the peer BAR address is not mapped in the requester\'s domain', bits: [], recorded: true });
      hops.push({ at: 'IOMMU', action: 'fault', note: `${formatAddress(x.to.address)}'s BAR address ${'0x' + bar.toString(16)} is used as an IOVA in ${formatAddress(from.address)}'s DMA domain, where nothing maps it` });
      return { kind: 'iommu-fault', hops, request, dmesg };
    }
    hops.push({ at: 'IOMMU', action: 'translated', note: 'the peer BAR is mapped in the domain (dma_map_resource / P2PDMA): translated to its host address' });
  } else {
    hops.push({ at: 'IOMMU', action: 'passed', note: x.translated ? 'ATS-translated request: the IOMMU does not translate it again' : settings.iommu === 'pt' ? 'identity domain (iommu=pt): the address passes untranslated' : 'no IOMMU: the address is used as is' });
  }
  if (!settings.rootComplexP2p) {
    hops.push({ at: 'root complex', action: 'dropped', note: 'this root complex does not forward peer-to-peer between root ports' });
    return { kind: 'dropped', hops, message: 'the root complex drops (or completes with Unsupported Request) peer writes between root ports: NCCL transfers hang or fail' };
  }
  hops.push({ at: 'root complex', action: 'across', note: 'routed back down toward the peer (through the CPU: lower bandwidth, higher latency)' });
  for (const b of [...x.upB].reverse()) hops.push({ at: formatAddress(b.address), action: 'down', note: 'forwarded to the peer' });
  return { kind: 'delivered', route: 'root-complex', hops };
}
