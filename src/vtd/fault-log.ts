import { toHex } from '../hex.ts';
import { formatSourceId } from '../pci/source-id.ts';
import { FAULT_REASONS, faultReasonHex } from './fault-reason.ts';
import type { Fault, TranslationRequest } from './translate.ts';

/**
 * The line Linux prints for a recorded DMA-remapping fault, current format (dmar_fault_do_one in
 * drivers/iommu/intel/dmar.c, Linux 6.x): the address is the fault record's FI field, the
 * faulting page (VT-d §11.4.14, FRCD bits 63:12).
 */
export function faultLogLine(request: TranslationRequest, fault: Fault): string {
  const kind = request.access === 'write' ? 'DMA Write' : 'DMA Read';
  const page = request.iova & ~0xfffn;
  return `DMAR: [${kind} NO_PASID] Request device [${formatSourceId(request.sourceId)}] fault addr ${toHex(page)} [fault reason ${faultReasonHex(fault.reason)}] ${FAULT_REASONS[fault.reason].kernel}`;
}
