import { EV_BG_SEND, EV_START } from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';

/**
 * The switchover (domain.md section 1): optional pre-copy rounds, the source pauses (t = 0), the
 * device state crosses the link and is loaded, poisoned pages are made to fault, the GIC/ITS
 * restore runs (arm64), and the vCPUs resume on the target with the memory still missing.
 */
export class Switchover {
  constructor(private readonly m: Model) {}

  begin(): void {
    const { ctx, run, poison, memory, restore, stats, transport, copier, precopy, failures } = this.m;
    if (poison.refused) {
      // poisonPolicy strict: QEMU's migrate_prepare() refuses a VM with hardware-poisoned memory.
      // Nothing is paused, nothing moves, the VM keeps running on the source.
      run.refuse(
        `migration refused (strategy.poisonPolicy strict): the VM has ${poison.requested} hardware-poisoned page(s), and QEMU refuses to migrate it ("Can't migrate this vm with hardware poisoned memory, please reboot the vm and try again"); the VM keeps running on the source`,
      );
      return;
    }
    const pre = ctx.spec.strategy.precopy;
    if (pre.rounds > 0) precopy.transfer(pre.rounds, pre.dirtyRateMiBps);
    const early = failures.firstDuringPrecopy();
    if (early >= 0) {
      // The link or the source failed during pre-copy: the source never pauses the VM.
      const at = Math.max(Math.ceil((ctx.spec.network.failures[early].atMs as number) * 1e6), -Math.ceil(precopy.durationNs));
      precopy.abortAt(at);
      ctx.resumeAt = 0;
      failures.beforeResume(early, at);
      return;
    }
    poison.atSwitchover();
    memory.initDistributions();
    run.phase('source_paused', 0);
    failures.scheduleFromPause();
    if (restore.gic && ctx.spec.strategy.deviceRestore.preTransfer) restore.preTransfer();
    let deviceStateSentAt = 0;
    const deviceStateBytes = ctx.costs.device_state_kib * 1024;
    if (!ctx.sourceLocal) {
      deviceStateSentAt = transport.link.sendMain(0, deviceStateBytes);
      stats.bytesDeviceState = deviceStateBytes;
    }
    run.phase('device_state_sent', deviceStateSentAt);
    const loadedAt = deviceStateSentAt + ctx.costs.device_state_load_ns + poison.setupTime();
    ctx.resumeAt = loadedAt;
    if (restore.actor >= 0) {
      run.phase('device_state_loaded', loadedAt);
      run.phase('device_restore_started', loadedAt);
      restore.begin(loadedAt);
    } else this.resumeVcpus(loadedAt);
    if (copier.enabled) ctx.queue.push(0, EV_BG_SEND, 0);
    if (memory.allArrived()) run.complete(loadedAt);
  }

  /** The device state is restored: the vCPUs run on the target from t. */
  resumeVcpus(t: number): void {
    const { ctx, run } = this.m;
    run.phase('target_restored', t);
    ctx.resumeAt = t;
    run.phase('resumed', t);
    if (run.finished && run.completedAt < t) {
      // Every page arrived during the restore: the migration completes when the VM runs.
      run.completedAt = t;
      run.movePhase('completed', t);
    }
    ctx.queue.push(t, EV_START, 0);
    this.m.khugepaged.start(t);
    this.m.failures.schedule(t);
  }
}
