/**
 * The GIC/ITS restore sequence on the target (domain.md section 4): every guest-memory read KVM
 * performs, in the documented order, for a layout from gic.ts (whose header cites the kernel facts).
 */
import { ENTRY_BYTES, FRAME_BYTES, L2_DEVICE_IDS, LPI_OFFSET, REDIST_ATTRS_PER_VCPU, T_COLL, T_DEV, T_ITT, T_L2, T_PEND, T_PROP, type GicLayout, type GicTable } from './gic.js';

const DTE_MAX_NEXT = 2 ** 14 - 1; // VITS_DTE_MAX_DEVID_OFFSET


interface RestoreStep {
  name: string;
  detail: string;
  /** KVM_SET_DEVICE_ATTR calls of the step (register writes, or the restore ioctl itself). */
  attrs: number;
  /** Guest-memory reads of the step: [readStart, readEnd) in the plan's read arrays. */
  readStart: number;
  readEnd: number;
}

export interface RestorePlan {
  steps: RestoreStep[];
  /** Index of the step that is KVM_DEV_ARM_ITS_RESTORE_TABLES's first (where running vCPUs give -EBUSY). */
  restoreTablesStep: number;
  n: number;
  gfn: Float64Array;
  table: Uint8Array;
  /** vCPU, DeviceID or collection id the read belongs to (-1 for none). */
  owner: Int32Array;
  /** Read after which KVM finds the table inconsistent (-EINVAL), or -1. */
  invalidAt: number;
  invalidDetail: string;
}

class ReadBuf {
  n = 0;
  gfn = new Float64Array(256);
  table = new Uint8Array(256);
  owner = new Int32Array(256);
  push(addr: number, table: number, owner: number): void {
    if (this.n === this.gfn.length) {
      const g = new Float64Array(this.n * 2);
      g.set(this.gfn);
      this.gfn = g;
      const t = new Uint8Array(this.n * 2);
      t.set(this.table);
      this.table = t;
      const o = new Int32Array(this.n * 2);
      o.set(this.owner);
      this.owner = o;
    }
    this.gfn[this.n] = Math.floor(addr / FRAME_BYTES);
    this.table[this.n] = table;
    this.owner[this.n] = owner;
    this.n++;
  }
}

/**
 * KVM's restore of the GIC and ITS on the target, in the documented order, with every guest-memory
 * read of KVM_DEV_ARM_ITS_RESTORE_TABLES (one per 8-byte entry, one per LPI property byte and
 * pending byte), as vgic-its.c performs them. Stops at the first inconsistency (-EINVAL), as KVM does.
 */
export function restorePlan(layout: GicLayout, vcpus: number): RestorePlan {
  const r = new ReadBuf();
  let invalidAt = -1;
  let invalidDetail = '';
  const invalid = (detail: string): void => {
    invalidAt = r.n - 1;
    invalidDetail = detail;
  };
  const collById = new Map(layout.collections.map((c) => [c.id, c]));

  // Collection table: entries in list order until the first invalid one (or the end of the table).
  const coll = layout.coll;
  layout.collections.forEach((c, i) => {
    if (invalidAt >= 0) return;
    r.push(coll.address + i * ENTRY_BYTES, T_COLL, c.id);
    if (c.targetVcpu >= vcpus) {
      invalid(`collection-table entry ${i} maps collection ${c.id} to redistributor ${c.targetVcpu}, but the VM has ${vcpus} vCPUs (RDBase >= online vCPUs)`);
    }
  });
  if (invalidAt < 0 && layout.collections.length * ENTRY_BYTES < coll.bytes) r.push(coll.address + layout.collections.length * ENTRY_BYTES, T_COLL, -1);
  const collEnd = r.n;

  // Device table (flat, or level 1 + level 2), and each valid device's ITT.
  const devices = layout.devices;
  const ids = devices.map((d) => d.deviceId);
  const devIndex = new Map(ids.map((id, i) => [id, i]));
  const restoreItt = (k: number): void => {
    const d = devices[k];
    const t = layout.itt.get(d.deviceId) as GicTable;
    const base = layout.lpiBase.get(d.deviceId) as number;
    // Every event is mapped, contiguously: each ITE's `next` is 1, the last one's 0.
    for (let e = 0; e < d.events && invalidAt < 0; e++) {
      r.push(t.address + e * ENTRY_BYTES, T_ITT, d.deviceId);
      const cid = d.collectionId ?? (layout.collections.length > 0 ? layout.collections[e % layout.collections.length].id : 0);
      const c = collById.get(cid);
      if (!c) {
        invalid(`the ITT of device ${d.deviceId} maps event ${e} to collection ${cid}, which is not in the collection table`);
        return;
      }
      const intid = base + e;
      r.push(layout.prop.address + (intid - LPI_OFFSET), T_PROP, -1);
      r.push(layout.pend[c.targetVcpu].address + Math.floor(intid / 8), T_PEND, c.targetVcpu);
    }
  };
  /** scan_its_table over device IDs [first, first + len): returns 0 when the last DTE was found, 1 otherwise. */
  const scanDtes = (tableAddr: number, firstId: number, len: number): number => {
    let id = firstId;
    let off = 0;
    for (;;) {
      if (invalidAt >= 0) return -1;
      r.push(tableAddr + off * ENTRY_BYTES, tableAddr === layout.dev.address ? T_DEV : T_L2, id);
      const k = devIndex.get(id);
      let next: number;
      if (k === undefined) next = 1; // invalid entry: scan the next one
      else {
        restoreItt(k);
        if (invalidAt >= 0) return -1;
        next = k + 1 < ids.length ? Math.min(ids[k + 1] - id, DTE_MAX_NEXT) : 0;
        if (next === 0) return 0;
      }
      if ((off + next) * ENTRY_BYTES >= len * ENTRY_BYTES) return 1;
      off += next;
      id += next;
    }
  };
  if (layout.deviceTable === 'flat') {
    scanDtes(layout.dev.address, 0, layout.dev.bytes / ENTRY_BYTES);
  } else {
    const l1Entries = layout.dev.bytes / ENTRY_BYTES;
    for (let i = 0; i < l1Entries && invalidAt < 0; i++) {
      r.push(layout.dev.address + i * ENTRY_BYTES, T_DEV, i);
      const t = layout.l2.get(i);
      if (!t) continue; // invalid level-1 entry: next one
      if (scanDtes(t.address, i * L2_DEVICE_IDS, L2_DEVICE_IDS) <= 0) break;
    }
  }
  const devEnd = r.n;

  const steps: RestoreStep[] = [
    { name: 'redistributors', detail: `KVM_DEV_ARM_VGIC_GRP_REDIST_REGS: GICR_PROPBASER, GICR_PENDBASER, GICR_CTLR and the SGI/PPI state of ${vcpus} redistributor(s)`, attrs: vcpus * REDIST_ATTRS_PER_VCPU, readStart: 0, readEnd: 0 },
    { name: 'its_base', detail: 'KVM_DEV_ARM_VGIC_GRP_ADDR: the ITS control frame base address (KVM_VGIC_ITS_ADDR_TYPE)', attrs: 1, readStart: 0, readEnd: 0 },
    { name: 'gits_iidr', detail: 'KVM_DEV_ARM_VGIC_GRP_ITS_REGS: GITS_IIDR (its revision selects the table ABI, REV0)', attrs: 1, readStart: 0, readEnd: 0 },
    { name: 'gits_cbaser_creadr_cwriter', detail: 'GITS_CBASER, then GITS_CREADR (a GITS_CBASER write resets it) and GITS_CWRITER', attrs: 3, readStart: 0, readEnd: 0 },
    { name: 'gits_baser', detail: 'GITS_BASER<0..7>: device table and collection table base, size and type', attrs: 8, readStart: 0, readEnd: 0 },
    { name: 'restore_collection_table', detail: 'KVM_DEV_ARM_ITS_RESTORE_TABLES: the collection table, one 8-byte CTE per kvm_read_guest', attrs: 1, readStart: 0, readEnd: collEnd },
    {
      name: 'restore_device_table',
      detail: `KVM_DEV_ARM_ITS_RESTORE_TABLES: the ${layout.deviceTable === 'flat' ? 'flat' : 'two-level'} device table, each device's ITT (8-byte entries), and per LPI one byte of the property table and one of the target pending table`,
      attrs: 0,
      readStart: collEnd,
      readEnd: devEnd,
    },
    { name: 'gits_ctlr', detail: 'GITS_CTLR: enables the ITS', attrs: 1, readStart: devEnd, readEnd: devEnd },
  ];
  return {
    steps,
    restoreTablesStep: 5,
    n: r.n,
    gfn: r.gfn.subarray(0, r.n),
    table: r.table.subarray(0, r.n),
    owner: r.owner.subarray(0, r.n),
    invalidAt,
    invalidDetail,
  };
}

/** Describes a read for a failure reason: "the ITT of device 16", "the LPI pending table of redistributor 3". */
export function describeRead(table: number, owner: number): string {
  switch (table) {
    case T_PROP:
      return 'the LPI property table';
    case T_PEND:
      return `the LPI pending table of redistributor ${owner}`;
    case T_COLL:
      return 'the ITS collection table';
    case T_DEV:
      return 'the ITS device table';
    case T_L2:
      return 'a level-2 ITS device table';
    default:
      return `the ITT of device ${owner}`;
  }
}
