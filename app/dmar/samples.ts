import type { MessageKey } from '../i18n/i18n.ts';

/**
 * The sample DMAR tables in public/samples/dmar/, with the credits of its CREDITS.md: each is a
 * real machine's table, copied byte for byte from the project's fixture corpus.
 */
export interface SampleTable {
  readonly file: string;
  readonly machine: string;
  /** What the table shows: its catalogue key. */
  readonly shows: MessageKey;
  /** Where the bytes come from, as CREDITS.md records it. */
  readonly source: string;
}

export const DEFAULT_SAMPLE = 'qemu_q35_dmar.bin';

const LINUXHW = 'linuxhw/ACPI (Linux Hardware Project, hw-probe)';

export const SAMPLE_TABLES: readonly SampleTable[] = [
  {
    file: 'qemu_q35_dmar.bin',
    machine: 'QEMU q35 (intel-iommu, intremap=on, device-iotlb=on)',
    shows: 'dmar.sample.qemu',
    source: 'QEMU repository, tests/data/acpi/q35/DMAR.dmar (patch by Igor Mammedov, 2021)',
  },
  {
    file: 'lenovo_thinkpad_x1carbon7_whl.bin',
    machine: 'Lenovo ThinkPad X1 Carbon 7th gen (Whiskey Lake)',
    shows: 'dmar.sample.thinkpad',
    source: `${LINUXHW}, commit eb81d802`,
  },
  {
    file: 'hp_proliant_dl380e_gen8.bin',
    machine: 'HP ProLiant DL380e Gen8',
    shows: 'dmar.sample.proliant',
    source: `${LINUXHW}, commit f2fce81c (rebuilt from its Raw Table Data)`,
  },
  {
    file: 'framework_laptop13_mtl_satc.bin',
    machine: 'Framework Laptop 13 (Meteor Lake)',
    shows: 'dmar.sample.framework',
    source: `${LINUXHW}, commit eb81d802`,
  },
  {
    file: 'apple_macbookpro14_3_andd.bin',
    machine: 'Apple MacBook Pro 14,3 (2017)',
    shows: 'dmar.sample.macbook',
    source: `${LINUXHW}, commit 7e3282f4 (rebuilt from its Raw Table Data)`,
  },
  {
    file: 'hp_compaq_6730b_zero_rmrr.bin',
    machine: 'HP Compaq 6730b (2008)',
    shows: 'dmar.sample.compaq',
    source: `${LINUXHW}, commit 3e009e5a (rebuilt from its Raw Table Data)`,
  },
];

export const sampleNamed = (file: string): SampleTable | undefined => SAMPLE_TABLES.find((s) => s.file === file);
