/**
 * ARM GICv3 + ITS interrupt state in guest memory (domain.md section 4, seed 001_): where the tables
 * live (this file), and what KVM reads, in which order, when the target restores them before resume
 * (gic-restore.ts). Pure and deterministic; used by the request schema (a layout that does not fit is
 * a 400) and by the engine.
 *
 * Kernel facts (Linux, cited in docs/hazards.md):
 *  - Documentation/virt/kvm/devices/arm-vgic-its.rst, "ITS Restore Sequence": redistributors, ITS
 *    base address, GITS_CBASER and the other GITS_ registers (GITS_IIDR, whose revision field
 *    selects the table ABI, GITS_CREADR after GITS_CBASER), then KVM_DEV_ARM_ITS_RESTORE_TABLES,
 *    then GITS_CTLR, "then vcpus can be started". "ITS Table ABI REV0": all entries are 8 bytes;
 *    DTE = V | next | ITT_addr[51:8] (ITT 256-byte aligned) | Size; CTE = V | RDBase | ICID;
 *    ITE = next | pINTID | ICID. Errors: -EINVAL inconsistent restored data, -EFAULT invalid guest
 *    RAM access, -EBUSY one or more vCPUs running.
 *  - arch/arm64/kvm/vgic/vgic-its.c: vgic_its_restore_tables_v0 restores the collection table, then
 *    the device tables; scan_its_table() reads one 8-byte entry per kvm_read_guest_lock() call and
 *    follows the entries' `next` offsets (an invalid entry steps by one); the collection table is
 *    read until its first invalid entry; a two-level device table has 64 KiB level-2 tables
 *    (SZ_64K / 8 = 8192 DeviceIDs each); a CTE whose RDBase is not an online vCPU, or an ITE naming a
 *    collection that does not exist, is -EINVAL; every restored ITE maps its LPI with
 *    vgic_add_lpi(), which reads one byte of the LPI property table (update_lpi_config) and one byte
 *    of the target redistributor's pending table (vgic_v3_lpi_sync_pending_status). The vITS
 *    reports 16 DeviceID and 16 EventID bits (VITS_TYPER_DEVBITS, VITS_TYPER_IDBITS) and uses
 *    64 KiB table pages (GITS_BASER_NR_PAGES * SZ_64K).
 *  - GICv3 architecture: GICR_PROPBASER holds address bits [51:12] (4 KiB aligned), GICR_PENDBASER
 *    bits [51:16] (64 KiB aligned); the property table has one byte per LPI (INTID 8192 and up), the
 *    pending table one bit per INTID.
 */
import { Rng } from './rng.js';

export const FRAME_BYTES = 4096;
/** ABI REV0: DTE, CTE, ITE and level-1 device-table entries are all 8 bytes. */
export const ENTRY_BYTES = 8;
/** KVM's vITS table page (GITS_BASER page size) and level-2 device table size. */
const ITS_PAGE = 65536;
export const L2_DEVICE_IDS = ITS_PAGE / ENTRY_BYTES; // 8192
export const DEVICE_ID_BITS = 16; // VITS_TYPER_DEVBITS
export const EVENT_ID_BITS = 16; // VITS_TYPER_IDBITS
export const LPI_OFFSET = 8192; // GIC_LPI_OFFSET: the first LPI INTID
const ITT_ALIGN = 256;
const PROP_ALIGN = 4096;
const PEND_ALIGN = 65536;
/**
 * KVM_SET_DEVICE_ATTR writes per redistributor: QEMU's GICv3 put writes GICR_PROPBASER,
 * GICR_PENDBASER, GICR_CTLR and the SGI/PPI group, enable, pending, active, priority and
 * configuration registers of each redistributor, then its CPU-interface system registers.
 */
export const REDIST_ATTRS_PER_VCPU = 24;

/** Guest-memory tables of the GIC/ITS (stored as codes in restore reads: append-only). */
export const GIC_TABLES = ['property_table', 'pending_table', 'collection_table', 'device_table', 'device_table_l2', 'itt'] as const;
type GicTableKind = (typeof GIC_TABLES)[number];
/** Codes of GIC_TABLES. */
export const T_PROP = 0;
export const T_PEND = 1;
export const T_COLL = 2;
export const T_DEV = 3;
export const T_L2 = 4;
export const T_ITT = 5;

interface GicDeviceInput {
  deviceId: number;
  events: number;
  collectionId?: number;
  ittAddress?: number;
}
interface GicCollectionInput {
  id: number;
  targetVcpu: number;
}
export interface GicInput {
  lpiIdBits: number;
  propertyTableAddress?: number;
  pendingTableAddresses?: number[];
  its: {
    deviceTable: 'flat' | 'two_level';
    deviceTableAddress?: number;
    collectionTableAddress?: number;
    devices?: GicDeviceInput[];
    collections?: GicCollectionInput[];
  };
}

/** The GIC of an arm64 request that does not describe one (vm.gic omitted). */
export const DEFAULT_GIC: GicInput = { lpiIdBits: 16, its: { deviceTable: 'two_level' } };

/** The devices a default arm64 virt machine has behind its ITS: virtio-net and virtio-blk (MSI-X). */
function defaultDevices(vcpus: number): GicDeviceInput[] {
  const q = Math.min(vcpus, 16);
  return [
    { deviceId: 0x08, events: 2 * q + 2 }, // virtio-net at 00:01.0: a vector per rx/tx queue + config + control
    { deviceId: 0x10, events: q + 1 }, // virtio-blk at 00:02.0: a vector per queue + config
  ];
}

/** One collection per vCPU (Linux allocates one per CPU and maps it to that CPU's redistributor). */
function defaultCollections(vcpus: number): GicCollectionInput[] {
  return Array.from({ length: vcpus }, (_, i) => ({ id: i, targetVcpu: i }));
}

export interface GicTable {
  kind: GicTableKind;
  /** vCPU (pending table), DeviceID (ITT), level-1 index (level-2 device table), else null. */
  owner: number | null;
  address: number;
  bytes: number;
  /** The request gave the address (otherwise placed as a guest OS would). */
  given: boolean;
}

export interface GicIssue {
  path: (string | number)[];
  message: string;
}

export interface GicLayout {
  tables: GicTable[];
  /** Sorted by DeviceID (KVM saves and restores the device table in DeviceID order). */
  devices: GicDeviceInput[];
  deviceTable: 'flat' | 'two_level';
  collections: GicCollectionInput[];
  prop: GicTable;
  pend: GicTable[];
  coll: GicTable;
  dev: GicTable;
  l2: Map<number, GicTable>;
  itt: Map<number, GicTable>;
  /** First LPI INTID of each device (by DeviceID). */
  lpiBase: Map<number, number>;
}

function alignUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

/** Event-ID bits of a device's ITT: Linux sizes it for max(2, nvecs) events, rounded to a power of two. */
function eventIdBits(events: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(2, events))));
}

/** Half-open [start, end) byte intervals, kept sorted and disjoint. */
class Intervals {
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  /** The end of an interval overlapping [a, b), or -1. */
  overlap(a: number, b: number): number {
    // First interval whose end > a.
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (this.ends[m] > a) hi = m;
      else lo = m + 1;
    }
    return lo < this.starts.length && this.starts[lo] < b ? this.ends[lo] : -1;
  }

  add(a: number, b: number): void {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (this.starts[m] < a) lo = m + 1;
      else hi = m;
    }
    this.starts.splice(lo, 0, a);
    this.ends.splice(lo, 0, b);
  }
}

/**
 * Lays out the GIC/ITS tables. Addresses the request gives are checked (alignment, inside guest
 * memory, not overlapping another table or a poisoned page); the others are placed as a guest OS
 * allocates them: at seeded random addresses with the architecture's alignment, avoiding every
 * table already placed and every poisoned page. `poison` holds sorted, disjoint [start, end) gfn
 * ranges (already widened to whole huge pages on hugetlbfs).
 */
export function gicLayout(gic: GicInput, vcpus: number, memoryBytes: number, seed: number, poison: [number, number][]): { layout: GicLayout | null; issues: GicIssue[] } {
  const issues: GicIssue[] = [];
  const its = gic.its;
  const devices = [...(its.devices ?? defaultDevices(vcpus))].sort((a, b) => a.deviceId - b.deviceId);
  const collections = its.collections ?? defaultCollections(vcpus);
  const seenDev = new Set<number>();
  (its.devices ?? []).forEach((d, i) => {
    if (seenDev.has(d.deviceId)) issues.push({ path: ['vm', 'gic', 'its', 'devices', i, 'deviceId'], message: `DeviceID ${d.deviceId} appears twice: each device has one device-table entry` });
    seenDev.add(d.deviceId);
  });
  const seenColl = new Set<number>();
  (its.collections ?? []).forEach((c, i) => {
    if (seenColl.has(c.id)) issues.push({ path: ['vm', 'gic', 'its', 'collections', i, 'id'], message: `collection ${c.id} appears twice: KVM refuses a duplicate collection-table entry (-EEXIST)` });
    seenColl.add(c.id);
  });
  const lpis = devices.reduce((s, d) => s + d.events, 0);
  const maxLpis = 2 ** gic.lpiIdBits - LPI_OFFSET;
  if (lpis > maxLpis) {
    issues.push({ path: ['vm', 'gic', 'its', 'devices'], message: `the devices have ${lpis} events in all, but ${gic.lpiIdBits} LPI ID bits give only ${maxLpis} LPIs (INTIDs ${LPI_OFFSET} to ${2 ** gic.lpiIdBits - 1})` });
  }
  if (gic.pendingTableAddresses !== undefined && gic.pendingTableAddresses.length !== vcpus) {
    issues.push({ path: ['vm', 'gic', 'pendingTableAddresses'], message: `one LPI pending table per redistributor: ${vcpus} vCPUs need ${vcpus} addresses, got ${gic.pendingTableAddresses.length}` });
  }
  if (issues.length > 0) return { layout: null, issues };

  const rng = new Rng((seed ^ 0x6a09e667) >>> 0);
  const used = new Intervals();
  const poisonBytes = new Intervals();
  for (const [a, b] of poison) poisonBytes.add(a * FRAME_BYTES, b * FRAME_BYTES);
  const tables: GicTable[] = [];

  const clash = (a: number, b: number): number => {
    const e1 = used.overlap(a, b);
    const e2 = poisonBytes.overlap(a, b);
    return Math.max(e1, e2);
  };
  const place = (kind: GicTableKind, owner: number | null, bytes: number, align: number, given: number | undefined, path: (string | number)[], what: string): GicTable | null => {
    if (given !== undefined) {
      let ok = true;
      if (given % align !== 0) {
        issues.push({ path, message: `${what} at ${hex(given)} is not ${alignName(align)}-aligned, as the architecture requires` });
        ok = false;
      } else if (given + bytes > memoryBytes) {
        issues.push({ path, message: `${what} (${hex(given)}, ${bytes} bytes) does not fit in guest memory (${memoryBytes} bytes)` });
        ok = false;
      } else if (poisonBytes.overlap(given, given + bytes) >= 0) {
        issues.push({ path, message: `${what} (${hex(given)}, ${bytes} bytes) overlaps a hardware-poisoned page (vm.poisonedPages; on hugetlbfs the whole huge page is unreachable)` });
        ok = false;
      } else if (used.overlap(given, given + bytes) >= 0) {
        issues.push({ path, message: `${what} (${hex(given)}, ${bytes} bytes) overlaps another GIC/ITS table` });
        ok = false;
      }
      if (!ok) return null;
      used.add(given, given + bytes);
      const t: GicTable = { kind, owner, address: given, bytes, given: true };
      tables.push(t);
      return t;
    }
    const slots = Math.floor((memoryBytes - bytes) / align) + 1;
    let addr = -1;
    if (slots > 0) {
      for (let i = 0; i < 8 && addr < 0; i++) {
        const a = rng.below(slots) * align;
        if (clash(a, a + bytes) < 0) addr = a;
      }
      // Crowded memory: first fit, skipping obstacles.
      for (let a = 0; addr < 0 && a + bytes <= memoryBytes; ) {
        const e = clash(a, a + bytes);
        if (e < 0) addr = a;
        else a = alignUp(e, align);
      }
    }
    if (addr < 0) {
      issues.push({ path: ['vm', 'gic'], message: `the GIC/ITS tables do not fit in guest memory (${memoryBytes} bytes): no ${alignName(align)}-aligned room for ${what} (${bytes} bytes)` });
      return null;
    }
    used.add(addr, addr + bytes);
    const t: GicTable = { kind, owner, address: addr, bytes, given: false };
    tables.push(t);
    return t;
  };

  // Given addresses first (so that placed tables avoid them), then the others in a fixed order.
  const propBytes = 2 ** gic.lpiIdBits - LPI_OFFSET;
  const pendBytes = 2 ** gic.lpiIdBits / 8;
  // KVM checks each collection ID against the table size (vgic_its_check_id): the guest sized it
  // for its largest ID.
  const collEntries = Math.max(collections.length, ...collections.map((c) => c.id + 1));
  const collBytes = Math.max(1, Math.ceil((collEntries * ENTRY_BYTES) / ITS_PAGE)) * ITS_PAGE;
  const devBytes = its.deviceTable === 'flat' ? 2 ** DEVICE_ID_BITS * ENTRY_BYTES : ITS_PAGE;
  type Job = { kind: GicTableKind; owner: number | null; bytes: number; align: number; given?: number; path: (string | number)[]; what: string; set: (t: GicTable) => void };
  let prop: GicTable | null = null;
  let coll: GicTable | null = null;
  let dev: GicTable | null = null;
  const pend: (GicTable | null)[] = new Array(vcpus).fill(null);
  const l2 = new Map<number, GicTable>();
  const itt = new Map<number, GicTable>();
  const jobs: Job[] = [];
  jobs.push({ kind: 'property_table', owner: null, bytes: propBytes, align: PROP_ALIGN, given: gic.propertyTableAddress, path: ['vm', 'gic', 'propertyTableAddress'], what: 'the LPI property table (GICR_PROPBASER)', set: (t) => (prop = t) });
  for (let v = 0; v < vcpus; v++) {
    jobs.push({
      kind: 'pending_table',
      owner: v,
      bytes: pendBytes,
      align: PEND_ALIGN,
      given: gic.pendingTableAddresses?.[v],
      path: ['vm', 'gic', 'pendingTableAddresses', v],
      what: `the LPI pending table of redistributor ${v} (GICR_PENDBASER)`,
      set: (t) => (pend[v] = t),
    });
  }
  jobs.push({ kind: 'collection_table', owner: null, bytes: collBytes, align: ITS_PAGE, given: its.collectionTableAddress, path: ['vm', 'gic', 'its', 'collectionTableAddress'], what: 'the ITS collection table (GITS_BASER)', set: (t) => (coll = t) });
  jobs.push({
    kind: 'device_table',
    owner: null,
    bytes: devBytes,
    align: ITS_PAGE,
    given: its.deviceTableAddress,
    path: ['vm', 'gic', 'its', 'deviceTableAddress'],
    what: its.deviceTable === 'flat' ? 'the flat ITS device table (GITS_BASER)' : 'the level-1 ITS device table (GITS_BASER, indirect)',
    set: (t) => (dev = t),
  });
  if (its.deviceTable === 'two_level') {
    const l1s = [...new Set(devices.map((d) => Math.floor(d.deviceId / L2_DEVICE_IDS)))].sort((a, b) => a - b);
    for (const i of l1s) jobs.push({ kind: 'device_table_l2', owner: i, bytes: ITS_PAGE, align: ITS_PAGE, path: ['vm', 'gic'], what: `level-2 device table ${i}`, set: (t) => l2.set(i, t) });
  }
  const inputIndex = new Map((its.devices ?? []).map((d, i) => [d.deviceId, i]));
  for (const d of devices) {
    jobs.push({
      kind: 'itt',
      owner: d.deviceId,
      bytes: 2 ** eventIdBits(d.events) * ENTRY_BYTES,
      align: ITT_ALIGN,
      given: d.ittAddress,
      path: ['vm', 'gic', 'its', 'devices', inputIndex.get(d.deviceId) ?? 0, 'ittAddress'],
      what: `the interrupt translation table of device ${d.deviceId}`,
      set: (t) => itt.set(d.deviceId, t),
    });
  }
  for (const pass of [true, false]) {
    for (const j of jobs) {
      if ((j.given !== undefined) !== pass) continue;
      const t = place(j.kind, j.owner, j.bytes, j.align, j.given, j.path, j.what);
      if (t) j.set(t);
    }
  }
  if (issues.length > 0 || !prop || !coll || !dev) return { layout: null, issues };
  const lpiBase = new Map<number, number>();
  let next = LPI_OFFSET;
  for (const d of devices) {
    lpiBase.set(d.deviceId, next);
    next += d.events;
  }
  return {
    layout: { tables, devices, deviceTable: its.deviceTable, collections, prop, pend: pend as GicTable[], coll, dev, l2, itt, lpiBase },
    issues,
  };
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function alignName(a: number): string {
  return a >= 1024 ? `${a / 1024} KiB` : `${a}-byte`;
}

/** Frames [start, end) a table covers. */
export function tableFrames(t: GicTable): [number, number] {
  return [Math.floor(t.address / FRAME_BYTES), Math.ceil((t.address + t.bytes) / FRAME_BYTES)];
}
