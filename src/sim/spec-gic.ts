import { z } from 'zod';
import { DEVICE_ID_BITS, EVENT_ID_BITS } from './gic.js';
import { MAX_ITS_DEVICES, MAX_VCPUS } from './spec-limits.js';

/** A guest physical address in bytes (GIC/ITS table bases are byte addresses in their registers). */
const gpa = z.int().min(0).max(2 ** 52 - 1);

const itsDeviceSchema = z
  .object({
    deviceId: z.int().min(0).max(2 ** DEVICE_ID_BITS - 1).describe('DeviceID (e.g. the PCI requester ID; KVM\'s vITS has 16 DeviceID bits).'),
    events: z
      .int()
      .min(1)
      .max(2 ** EVENT_ID_BITS)
      .describe('MSI events (vectors) the device uses: one interrupt translation table entry and one LPI each; the ITT has room for max(2, events) rounded up to a power of two.'),
    collectionId: z.int().min(0).max(65535).optional().describe('Collection every event of the device targets. Default: event e targets collection number e modulo the number of collections.'),
    ittAddress: gpa.optional().describe('Guest physical address of the device\'s interrupt translation table (256-byte aligned); placed by the guest OS model when omitted.'),
  })
  .strict()
  .describe('A device behind the ITS: a device-table entry pointing to its interrupt translation table (ITT).');

const itsCollectionSchema = z
  .object({
    id: z.int().min(0).max(65535).describe('Collection ID (ICID).'),
    targetVcpu: z
      .int()
      .min(0)
      .max(65535)
      .describe('Redistributor (vCPU number, RDBase) the collection routes to. A value >= vm.vcpus describes an inconsistent table: the restore fails with -EINVAL.'),
  })
  .strict();

export const gicSchema = z
  .object({
    lpiIdBits: z
      .int()
      .min(14)
      .max(16)
      .default(16)
      .describe('LPI INTID bits (GICR_PROPBASER.IDbits; KVM\'s vITS supports 16): the property table holds 2^bits - 8192 bytes (one per LPI), each pending table 2^bits / 8 bytes.'),
    propertyTableAddress: gpa.optional().describe('GICR_PROPBASER: the LPI property table shared by every redistributor (4 KiB aligned); placed when omitted.'),
    pendingTableAddresses: z
      .array(gpa)
      .max(MAX_VCPUS)
      .optional()
      .describe('GICR_PENDBASER of each redistributor, one per vCPU in vCPU order (64 KiB aligned); placed when omitted.'),
    its: z
      .object({
        deviceTable: z
          .enum(['two_level', 'flat'])
          .default('two_level')
          .describe('two_level: a level-1 table of 64 KiB level-2 tables of 8192 DeviceIDs (what Linux uses for 16 DeviceID bits); flat: one 512 KiB table indexed by DeviceID.'),
        deviceTableAddress: gpa.optional().describe('GITS_BASER of the device table (level 1 when two_level; 64 KiB aligned); placed when omitted.'),
        collectionTableAddress: gpa.optional().describe('GITS_BASER of the collection table (64 KiB aligned); placed when omitted.'),
        devices: z
          .array(itsDeviceSchema)
          .max(MAX_ITS_DEVICES)
          .optional()
          .describe('Devices mapped in the ITS. Default: virtio-net (DeviceID 8, 2 x min(vCPUs, 16) + 2 events) and virtio-blk (DeviceID 16, min(vCPUs, 16) + 1 events).'),
        collections: z.array(itsCollectionSchema).max(MAX_ITS_DEVICES).optional().describe('Interrupt collections. Default: one per vCPU, collection i on redistributor i (as Linux allocates them).'),
      })
      .strict()
      .default({ deviceTable: 'two_level' })
      .describe('The ITS: its device table, collection table and the devices\' interrupt translation tables, all in guest memory.'),
  })
  .strict()
  .describe(
    'arm64 only: the GICv3 interrupt state that lives in guest memory and that KVM re-reads on the target before resume (KVM_DEV_ARM_ITS_RESTORE_TABLES). One redistributor per vCPU. Tables whose address is omitted are placed deterministically from the seed, aligned as the architecture requires, clear of each other and of poisoned pages.',
  );
