import type { Context } from './context.js';
import type { Run } from './run.js';
import type { RunStats } from '../model/run-stats.js';
import type { GuestMemory } from '../model/guest-memory.js';
import type { FaultTable, FetchTable } from '../model/fault-tables.js';
import type { AccessStreams } from '../model/access-streams.js';
import type { AsyncPageFaults } from '../model/async-page-faults.js';
import type { FaultRouting } from '../model/fault-routing.js';
import type { Uffds } from '../model/uffd.js';
import type { KvmExit } from '../model/kvm-exit.js';
import type { InstallCost } from '../model/install-cost.js';
import type { Transport } from '../model/transport.js';
import type { BackgroundCopier } from '../model/background-copier.js';
import type { DeviceRestore } from '../model/device-restore.js';
import type { Poisoning } from '../model/poisoning.js';
import type { Failures } from '../model/failures.js';
import type { Khugepaged } from '../model/khugepaged.js';
import type { Precopy } from '../model/precopy.js';
import type { Switchover } from '../model/switchover.js';

/**
 * The registry of a simulation's modules: each model module owns its state and reaches the others
 * through this object (as ns-3 models reach the simulator), so a module can be read on its own.
 * Filled once by the engine, in construction order, before any event runs.
 */
export class Model {
  ctx!: Context;
  run!: Run;
  stats!: RunStats;
  memory!: GuestMemory;
  faults!: FaultTable;
  fetches!: FetchTable;
  streams!: AccessStreams;
  asyncPf!: AsyncPageFaults;
  routing!: FaultRouting;
  uffds!: Uffds;
  exits!: KvmExit;
  install!: InstallCost;
  transport!: Transport;
  copier!: BackgroundCopier;
  restore!: DeviceRestore;
  poison!: Poisoning;
  failures!: Failures;
  khugepaged!: Khugepaged;
  precopy!: Precopy;
  switchover!: Switchover;
}
