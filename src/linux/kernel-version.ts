/**
 * The kernel version a scenario follows, and the behaviour changes between versions that the
 * scenarios show. Boundaries are the releases the changes landed in, as far as they were read
 * (see each constant); a version is MAJOR.MINOR.
 */
export interface KernelVersion {
  readonly major: number;
  readonly minor: number;
}

export type KernelVersionResult = { readonly ok: true; readonly value: KernelVersion } | { readonly ok: false; readonly error: string };

/** The CLI's and the app's default: an LTS kernel that still has si_domain. */
export const DEFAULT_KERNEL: KernelVersion = { major: 6, minor: 6 };
/** The "current" kernel the current-style call paths are written against. */
export const CURRENT_KERNEL: KernelVersion = { major: 6, minor: 12 };
/** The 4.x kernel the legacy call paths are written against. */
export const LEGACY_KERNEL: KernelVersion = { major: 4, minor: 19 };

const at = (major: number, minor: number): KernelVersion => ({ major, minor });

/**
 * v5.11: the Intel driver dropped its own dma_map_ops (intel_map_page, __intel_map_single,
 * intel_alloc_iova) for dma-iommu (iommu_dma_map_page).
 */
export const DMA_IOMMU_SINCE = at(5, 11);
/**
 * si_domain's identity page tables removed: an identity domain is always hardware pass-through
 * and a unit without ECAP.PT gives devices a DMA domain (device_def_domain_type). The release is
 * approximate (vtd.md §7.3: ~v6.11–6.12); 6.11 is used.
 */
export const NO_SI_DOMAIN_SINCE = at(6, 11);
/** v5.2: iommu_subsys_init() prints "Default domain type: …". */
export const DEFAULT_DOMAIN_LOG_SINCE = at(5, 2);
/** v5.15: DMA_FQ domains and "DMA domain TLB invalidation policy: … mode". */
export const TLB_POLICY_LOG_SINCE = at(5, 15);

export const atLeast = (version: KernelVersion, since: KernelVersion): boolean =>
  version.major > since.major || (version.major === since.major && version.minor >= since.minor);

export const formatKernel = (version: KernelVersion): string => `${version.major}.${version.minor}`;

/** Parses "6.12" (or "6.12.3", "v6.12"); versions outside 4.0–6.99 are refused with a reason. */
export function parseKernelVersion(text: string): KernelVersionResult {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!m) return { ok: false, error: `"${text}" is not a kernel version (expected MAJOR.MINOR, e.g. 6.12)` };
  const value = { major: Number(m[1]), minor: Number(m[2]) };
  if (value.major < 4 || value.major > 6) return { ok: false, error: `kernel ${text}: only versions 4.0 to 6.x are modelled` };
  return { ok: true, value };
}
