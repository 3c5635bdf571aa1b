import { ACS_ON, pciFunction, type FunctionSpec } from './build-topology.ts';
import { probeOrder, type Bar, type Topology } from './topology.ts';

/**
 * Two hand-built machines for the views and lessons. IDs are real devices' IDs; addresses and
 * BARs are made up but consistent (each bridge's bus range holds its children).
 */
const mem = (index: number, address: bigint, size: bigint, prefetchable = false): Bar => ({ index, kind: 'memory', address, size, prefetchable, bits64: true });

const GIB = 1n << 30n;
const MIB = 1n << 20n;

function gpu(at: string, n: number): FunctionSpec {
  const base = 0x20_0000_0000n + BigInt(n) * 0x20_0000_0000n; // 128 GiB apart
  return {
    at, ids: '10de:2330', classCode: 0x0302, description: `3D controller: NVIDIA Corporation GH100 [H100 SXM5 80GB] (GPU ${n})`, type: 'endpoint', ats: true, driver: 'nvidia',
    bars: [mem(0, 0xa000_0000n + BigInt(n) * 0x0400_0000n, 16n * MIB), mem(1, base, 64n * GIB, true), mem(3, base + 64n * GIB, 32n * MIB, true)],
  };
}

/** One PCIe switch: upstream port on `bus`, four GPU downstream ports and one NIC port. */
function pcieSwitch(bus: number, firstGpu: number): FunctionSpec[] {
  const h = (n: number): string => n.toString(16).padStart(2, '0');
  const inner = bus + 1;
  const out: FunctionSpec[] = [
    { at: `${h(bus)}:00.0`, ids: '1000:c030', classCode: 0x0604, description: 'PCI bridge: Broadcom / LSI PEX890xx PCIe Gen 5 Switch (upstream port)', type: 'upstream-port', buses: `${h(inner)}-${h(inner + 6)}`, driver: 'pcieport' },
  ];
  for (let port = 0; port < 5; port++) {
    const sec = inner + 1 + port;
    out.push({ at: `${h(inner)}:${h(port)}.0`, ids: '1000:c030', classCode: 0x0604, description: `PCI bridge: Broadcom / LSI PEX890xx PCIe Gen 5 Switch (downstream port ${port})`, type: 'downstream-port', acs: ACS_ON, buses: `${h(sec)}-${h(sec)}`, driver: 'pcieport' });
    out.push(port < 4 ? gpu(`${h(sec)}:00.0`, firstGpu + port)
      : { at: `${h(sec)}:00.0`, ids: '15b3:1021', classCode: 0x0207, description: 'Infiniband controller: Mellanox Technologies MT2910 Family [ConnectX-7]', type: 'endpoint', ats: true, driver: 'mlx5_core', bars: [mem(0, 0xb000_0000n + BigInt(bus) * 0x0200_0000n, 32n * MIB, true)] });
  }
  return out;
}

/** An 8-GPU server: two root ports, each above a PCIe switch with four H100s and a ConnectX-7. */
export function eightGpuServer(): Topology {
  const specs: FunctionSpec[] = [
    { at: '00:00.0', ids: '8086:09a2', classCode: 0x0600, description: 'Host bridge: Intel Corporation Ice Lake Memory Map/VT-d', type: 'pci' },
    { at: '00:01.0', ids: '8086:347a', classCode: 0x0604, description: 'PCI bridge: Intel Corporation Ice Lake PCIe Root Port (to switch A)', type: 'root-port', acs: ACS_ON, buses: '01-08', driver: 'pcieport' },
    { at: '00:03.0', ids: '8086:347a', classCode: 0x0604, description: 'PCI bridge: Intel Corporation Ice Lake PCIe Root Port (to switch B)', type: 'root-port', acs: ACS_ON, buses: '11-18', driver: 'pcieport' },
    ...pcieSwitch(0x01, 0),
    ...pcieSwitch(0x11, 4),
  ];
  return { functions: probeOrder(specs.map(pciFunction)) };
}

/**
 * A consumer desktop (Coffee Lake CPU, Cannon Lake PCH): the CPU's PEG root port has no ACS
 * capability, so the graphics card shares a group with it; the PCH ports have ACS.
 */
export function consumerDesktop(): Topology {
  const pch = (at: string, ids: string, classCode: number, description: string, driver?: string): FunctionSpec =>
    ({ at, ids, classCode, description, type: 'pci', multifunction: true, ...(driver === undefined ? {} : { driver }) });
  const specs: FunctionSpec[] = [
    { at: '00:00.0', ids: '8086:3e30', classCode: 0x0600, description: 'Host bridge: Intel Corporation 8th/9th Gen Core 8-core Desktop Processor Host Bridge/DRAM Registers', type: 'pci', driver: 'skl_uncore' },
    { at: '00:01.0', ids: '8086:1901', classCode: 0x0604, description: 'PCI bridge: Intel Corporation 6th-10th Gen Core Processor PCIe Controller (x16)', type: 'root-port', buses: '01-01', driver: 'pcieport' },
    { at: '00:02.0', ids: '8086:3e98', classCode: 0x0300, description: 'VGA compatible controller: Intel Corporation CoffeeLake-S GT2 [UHD Graphics 630]', type: 'pci', driver: 'i915' },
    pch('00:14.0', '8086:a36d', 0x0c03, 'USB controller: Intel Corporation Cannon Lake PCH USB 3.1 xHCI Host Controller', 'xhci_hcd'),
    pch('00:14.2', '8086:a36f', 0x0500, 'RAM memory: Intel Corporation Cannon Lake PCH Shared SRAM'),
    { at: '00:17.0', ids: '8086:a352', classCode: 0x0106, description: 'SATA controller: Intel Corporation Cannon Lake PCH SATA AHCI Controller', type: 'pci', driver: 'ahci' },
    { at: '00:1c.0', ids: '8086:a338', classCode: 0x0604, description: 'PCI bridge: Intel Corporation Cannon Lake PCH PCI Express Root Port #1', type: 'root-port', acs: ACS_ON, buses: '02-02', driver: 'pcieport' },
    { at: '00:1d.0', ids: '8086:a330', classCode: 0x0604, description: 'PCI bridge: Intel Corporation Cannon Lake PCH PCI Express Root Port #9', type: 'root-port', acs: ACS_ON, buses: '03-03', driver: 'pcieport' },
    pch('00:1f.0', '8086:a305', 0x0601, 'ISA bridge: Intel Corporation Z390 Chipset LPC/eSPI Controller'),
    pch('00:1f.3', '8086:a348', 0x0403, 'Audio device: Intel Corporation Cannon Lake PCH cAVS', 'snd_hda_intel'),
    pch('00:1f.4', '8086:a323', 0x0c05, 'SMBus: Intel Corporation Cannon Lake PCH SMBus Controller', 'i801_smbus'),
    pch('00:1f.5', '8086:a324', 0x0c80, 'Serial bus controller: Intel Corporation Cannon Lake PCH SPI Controller'),
    { at: '01:00.0', ids: '10de:2484', classCode: 0x0300, description: 'VGA compatible controller: NVIDIA Corporation GA104 [GeForce RTX 3070]', type: 'legacy-endpoint', multifunction: true, driver: 'vfio-pci',
      bars: [mem(0, 0xf600_0000n, 16n * MIB), mem(1, 0xe000_0000n, 256n * MIB, true), mem(3, 0xf000_0000n, 32n * MIB, true)] },
    { at: '01:00.1', ids: '10de:228b', classCode: 0x0403, description: 'Audio device: NVIDIA Corporation GA104 High Definition Audio Controller', type: 'endpoint', multifunction: true, driver: 'snd_hda_intel' },
    { at: '02:00.0', ids: '10ec:8168', classCode: 0x0200, description: 'Ethernet controller: Realtek Semiconductor Co., Ltd. RTL8111/8168/8411 PCI Express Gigabit Ethernet Controller', type: 'endpoint', driver: 'r8169' },
    { at: '03:00.0', ids: '144d:a808', classCode: 0x0108, description: 'Non-Volatile memory controller: Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983', type: 'endpoint', driver: 'nvme' },
  ];
  return { functions: probeOrder(specs.map(pciFunction)) };
}
