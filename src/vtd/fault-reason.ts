/**
 * Legacy-mode DMA-remapping fault reasons, VT-d 4.1 Appendix A. `kernel` is Linux's decode string
 * (dma_remap_fault_reasons[] in drivers/iommu/intel/dmar.c), as dmesg prints it; `qemu` the
 * VTDFaultReason name (hw/i386/intel_iommu_internal.h); `qualified` whether context FPD=1
 * suppresses its recording (QEMU vtd_qualified_faults).
 */
export const FAULT_REASONS = {
  0x1: { qemu: 'VTD_FR_ROOT_ENTRY_P', kernel: 'Present bit in root entry is clear', qualified: false, name: 'Root entry not present', meaning: 'The root entry for the request\'s bus has P=0: no context table exists for any device on that bus.' },
  0x2: { qemu: 'VTD_FR_CONTEXT_ENTRY_P', kernel: 'Present bit in context entry is clear', qualified: true, name: 'Context entry not present', meaning: 'The context entry for the request\'s device and function has P=0: the device is not attached to any domain.' },
  0x3: { qemu: 'VTD_FR_CONTEXT_ENTRY_INV', kernel: 'Invalid context entry', qualified: true, name: 'Invalid context entry', meaning: 'The context entry is programmed with something the hardware does not support: an AW not in CAP.SAGAW, TT=01 without ECAP.DT, TT=10 without ECAP.PT, or the reserved TT=11.' },
  0x4: { qemu: 'VTD_FR_ADDR_BEYOND_MGAW', kernel: 'Access beyond MGAW', qualified: true, name: 'Address beyond the domain\'s address width', meaning: 'The DMA address has bits set at or above the smaller of the context entry\'s AGAW and CAP.MGAW, so no second-level table can map it.' },
  0x5: { qemu: 'VTD_FR_WRITE', kernel: 'PTE Write access is not set', qualified: true, name: 'Write not allowed', meaning: 'A write request met a second-level entry with W=0 on its walk (a missing entry has W=0 too).' },
  0x6: { qemu: 'VTD_FR_READ', kernel: 'PTE Read access is not set', qualified: true, name: 'Read not allowed', meaning: 'A read request met a second-level entry with R=0 on its walk (a missing entry has R=0 too).' },
  0x7: { qemu: 'VTD_FR_PAGING_ENTRY_INV', kernel: 'Next page table ptr is invalid', qualified: true, name: 'Invalid next-table pointer', meaning: 'Reading a second-level table failed.' },
  0x8: { qemu: 'VTD_FR_ROOT_TABLE_INV', kernel: 'Root table address invalid', qualified: false, name: 'Invalid root table address', meaning: 'Reading the root table failed.' },
  0x9: { qemu: 'VTD_FR_CONTEXT_TABLE_INV', kernel: 'Context table ptr is invalid', qualified: false, name: 'Invalid context-table pointer', meaning: 'Reading the context table failed.' },
  0xa: { qemu: 'VTD_FR_ROOT_ENTRY_RSVD', kernel: 'non-zero reserved fields in RTP', qualified: false, name: 'Reserved bits set in root entry', meaning: 'The root entry has a reserved bit set (bits 11:1, the high qword, or address bits at or above the host address width).' },
  0xb: { qemu: 'VTD_FR_CONTEXT_ENTRY_RSVD', kernel: 'non-zero reserved fields in CTP', qualified: false, name: 'Reserved bits set in context entry', meaning: 'The context entry has a reserved bit set (bits 11:4, 71, 127:88, or address bits at or above the host address width).' },
  0xc: { qemu: 'VTD_FR_PAGING_ENTRY_RSVD', kernel: 'non-zero reserved fields in PTE', qualified: true, name: 'Reserved bits set in second-level entry', meaning: 'A second-level entry that allows the access has a reserved bit set: address bits at or above the host address width, TM, SNP without snoop control, PS in a PML4E, or a superpage frame that is not aligned.' },
} as const;

export type FaultReason = keyof typeof FAULT_REASONS;

/** "0x05", as the kernel formats a reason (%02x after 0x). */
export const faultReasonHex = (reason: FaultReason): string => `0x${reason.toString(16).padStart(2, '0')}`;
/** "5h", as the VT-d specification writes a reason. */
export const faultReasonSpec = (reason: FaultReason): string => `${reason.toString(16).toUpperCase()}h`;
