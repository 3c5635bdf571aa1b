import type { ScenarioMode } from '../../src/linux/scenario.ts';
import type { SampleTopologyId } from '../../src/pci/topology/topology-source.ts';
import type { Access } from '../../src/vtd/translate.ts';

/** A translation-view state: the kernel's set-up, the request (the mode's default if absent), how much of the walk is drawn. */
export interface TranslationDrive {
  readonly view: 'translation';
  readonly mode: ScenarioMode;
  readonly hwPassThrough?: boolean;
  readonly request?: { readonly sourceId: string; readonly iova: string; readonly access: Access };
  /** How many of the walk's entries are drawn (playback); all if absent. */
  readonly reveal?: number;
  /** What the engine answers: the lesson text quotes it, the tests check it. */
  readonly expect: { readonly kind: 'ok'; readonly hpa: string } | { readonly kind: 'fault'; readonly reason: number } | { readonly kind: 'interrupt' };
}

/**
 * The translation view on the DMAR table the learner loaded in the DMAR view (the QEMU q35 sample
 * until they load their own): its numbers are theirs, so the step quotes none.
 */
export interface OwnTableDrive {
  readonly view: 'translation';
  readonly own: true;
}

export interface DmarDrive {
  readonly view: 'dmar';
  /** A file of public/samples/dmar/. */
  readonly sample: string;
}

export interface GroupsDrive {
  readonly view: 'groups';
  readonly topology: SampleTopologyId;
  /** ACS Control written on ports before the step ("0000:02:00.0" → bits); omitted: as booted. */
  readonly acs?: 'redirect-off';
  readonly p2p?: readonly [from: string, to: string];
  readonly ncclDisable?: boolean;
}

export type Drive = TranslationDrive | OwnTableDrive | DmarDrive | GroupsDrive;

/** A step: its text is `lesson.<id>.<n>.title` / `.body` in the catalogues, with the drive's values as {placeholders}. */
export interface LessonStep {
  readonly drive: Drive;
}

export interface Lesson {
  readonly id: string;
  readonly steps: readonly LessonStep[];
}

const tr = (mode: ScenarioMode, expect: TranslationDrive['expect'], more: Partial<Omit<TranslationDrive, 'view' | 'mode' | 'expect'>> = {}): LessonStep => ({ drive: { view: 'translation', mode, expect, ...more } });
const req = (sourceId: string, iova: string, access: Access = 'read') => ({ sourceId, iova, access });
const ok = (hpa: string) => ({ kind: 'ok', hpa }) as const;
const fault = (reason: number) => ({ kind: 'fault', reason }) as const;
const dmar = (sample: string): LessonStep => ({ drive: { view: 'dmar', sample } });
const groups = (topology: SampleTopologyId, more: Partial<Omit<GroupsDrive, 'view' | 'topology'>> = {}): LessonStep => ({ drive: { view: 'groups', topology, ...more } });

const NVME_BUFFER = req('03:00.0', '0xffffc234');
const GPU_A = '0000:03:00.0';
const GPU_B = '0000:04:00.0';

/** The lessons, in the order of the "Lessons" navigation. Request values come from the sample platform. */
export const LESSONS: readonly Lesson[] = [
  {
    id: 'translation-walk',
    steps: [
      tr('dma', ok('0x123456234'), { request: NVME_BUFFER, reveal: 0 }),
      tr('dma', ok('0x123456234'), { request: NVME_BUFFER, reveal: 1 }),
      tr('dma', ok('0x123456234'), { request: NVME_BUFFER, reveal: 2 }),
      tr('dma', ok('0x123456234'), { request: NVME_BUFFER, reveal: 3 }),
      tr('dma', ok('0x123456234'), { request: NVME_BUFFER, reveal: 5 }),
      tr('dma', ok('0x123456234'), { request: NVME_BUFFER }),
      tr('dma', fault(6), { request: req('03:00.0', '0x1000') }),
      tr('dma', fault(5), { request: req('03:00.0', '0x1000', 'write') }),
      tr('dma', fault(4), { request: req('03:00.0', '0x8000000000') }),
      tr('dma', fault(2), { request: req('03:00.1', '0xffffc234') }),
      tr('dma', fault(1), { request: req('05:00.0', '0xffffc234') }),
      tr('dma', { kind: 'interrupt' }, { request: req('03:00.0', '0xfee00000', 'write') }),
    ],
  },
  {
    id: 'linux-modes',
    steps: [
      tr('disabled', ok('0x123456234'), { request: req('03:00.0', '0x123456234') }),
      tr('disabled', ok('0x1000'), { request: req('03:00.0', '0x1000', 'write') }),
      tr('disabled', ok('0x76000000'), { request: req('02:00.0', '0x76000000') }),
      tr('pt', ok('0x123456234'), { hwPassThrough: true, request: req('03:00.0', '0x123456234') }),
      tr('pt', ok('0x1000'), { hwPassThrough: true, request: req('03:00.0', '0x1000', 'write') }),
      tr('pt', ok('0x123456234'), { hwPassThrough: false, request: req('03:00.0', '0x123456234') }),
      tr('pt', fault(6), { hwPassThrough: false, request: req('03:00.0', '0xfffff234') }),
      tr('dma', ok('0x123456234'), { request: NVME_BUFFER }),
      tr('dma', fault(6), { request: req('03:00.0', '0x123456234') }),
      tr('dma', fault(5), { request: req('03:00.0', '0x1000', 'write') }),
    ],
  },
  {
    id: 'vfio',
    steps: [
      tr('vfio', ok('0x47ff00234'), { request: req('01:00.0', '0x100234') }),
      tr('vfio', ok('0x47ff00234'), { request: req('01:00.1', '0x100234') }),
      tr('vfio', ok('0x3ffe00000'), { request: req('01:00.0', '0x100000000') }),
      tr('vfio', fault(6), { request: req('01:00.0', '0x80000000') }),
      tr('vfio', fault(6), { request: req('01:00.0', '0xa0000') }),
      tr('vfio', fault(6), { request: req('03:00.0', '0x100234') }),
      tr('vfio', ok('0x47ff00234'), { request: req('01:00.0', '0x100234', 'write') }),
      tr('vfio', { kind: 'interrupt' }, { request: req('01:00.0', '0xfee00000', 'write') }),
    ],
  },
  {
    id: 'firmware',
    steps: [
      dmar('qemu_q35_dmar.bin'),
      dmar('lenovo_thinkpad_x1carbon7_whl.bin'),
      dmar('hp_proliant_dl380e_gen8.bin'),
      dmar('framework_laptop13_mtl_satc.bin'),
      dmar('apple_macbookpro14_3_andd.bin'),
      tr('disabled', ok('0xffffc234'), { request: NVME_BUFFER }),
      tr('dma', fault(1), { request: req('05:00.0', '0x1000') }),
      tr('dma', ok('0x123456234'), { request: NVME_BUFFER, reveal: 2 }),
      { drive: { view: 'translation', own: true } },
    ],
  },
  {
    id: 'rmrr',
    steps: [
      dmar('lenovo_thinkpad_x1carbon7_whl.bin'),
      tr('dma', ok('0x7a1a3000'), { request: req('00:14.0', '0x7a1a3000') }),
      tr('dma', fault(6), { request: req('00:14.0', '0x7a1c3000') }),
      tr('pt', ok('0x7a1a3000'), { hwPassThrough: false, request: req('00:14.0', '0x7a1a3000') }),
      tr('vfio', ok('0x405fa3000'), { request: req('01:00.0', '0x7a1a3000') }),
      dmar('hp_proliant_dl380e_gen8.bin'),
      dmar('hp_compaq_6730b_zero_rmrr.bin'),
    ],
  },
  {
    id: 'acs-p2p',
    steps: [
      groups('desktop'),
      groups('server'),
      groups('server', { p2p: [GPU_A, GPU_B] }),
      tr('dma', fault(5), { request: req('03:00.0', '0x4010000000', 'write') }),
      groups('server', { p2p: [GPU_A, GPU_B], acs: 'redirect-off' }),
      groups('server', { p2p: [GPU_A, GPU_B], ncclDisable: true }),
      tr('pt', ok('0x4010000000'), { hwPassThrough: true, request: req('03:00.0', '0x4010000000', 'write') }),
      groups('server'),
    ],
  },
];

export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);

/** The values a step's text may quote: the request and what the engine answers. */
export function stepParams(step: LessonStep): Record<string, string> {
  const { drive } = step;
  if (drive.view === 'dmar') return { sample: drive.sample };
  if (drive.view === 'groups') return { from: drive.p2p?.[0] ?? '', to: drive.p2p?.[1] ?? '' };
  if ('own' in drive) return {};
  const { expect } = drive;
  return {
    ...(drive.request ?? {}),
    ...(expect.kind === 'ok' ? { hpa: expect.hpa } : expect.kind === 'fault' ? { fault: `${expect.reason.toString(16).toUpperCase()}h` } : {}),
  };
}
