// @ts-check
/**
 * Sections of a migration's page for the parts of the result that only some specs have: the ARM
 * GIC/ITS restore, hardware-poisoned pages, link/source failures and pre-copy rounds. Each returns
 * null when the spec has nothing of the kind, so the page shows only what applies to it.
 */
import { card, h, metrics, table } from './dom.js';
import { formatBytes, formatInt, formatNs, formatPercent } from './format.js';

/** @typedef {import('../../sdk/src/generated/openapi.js').components['schemas']['Migration']} Migration */
/** @typedef {NonNullable<Migration['summary']>} Summary */

/** @param {number | null} ns */
const at = (ns) => (ns === null ? '–' : formatNs(ns));

/**
 * ARM GIC/ITS restore (KVM_DEV_ARM_ITS_RESTORE_TABLES) before resume: its steps, where its tables
 * lie, the time it stalled on missing pages and how it ended.
 * @param {Migration} m @param {Summary} s
 */
export function gicSection(m, s) {
  const d = s.deviceRestore;
  if (d.outcome === 'none' && !m.spec.vm.gic) return null;
  const failed = d.outcome === 'failed';
  const byKind = new Map();
  for (const t of d.tables) {
    const k = byKind.get(t.kind) ?? { count: 0, pages: 0, bytes: 0, preTransferred: 0, given: 0 };
    k.count++;
    k.pages += t.pages;
    k.bytes += t.bytes;
    if (t.preTransferred) k.preTransferred++;
    if (!t.placed) k.given++;
    byKind.set(t.kind, k);
  }
  return h('section', { class: `card section${failed ? ' failed' : ''}`, 'data-testid': 'section-gic' }, [
    h('h3', { text: 'GIC/ITS restore (arm64, before resume)' }),
    h('div', { class: 'grid two' }, [
      metrics([
        ['gic-outcome', 'outcome', failed ? 1 : 0, failed ? `failed ${d.errno ?? ''}`.trim() : d.outcome, failed],
        failed ? ['gic-failed-step', 'failed at step', 0, `${d.failedStep ?? '–'}${d.table ? ` (${d.table}, gfn ${d.gfn ?? '–'})` : ''}`, true] : null,
        ['gic-time', 'restore time', d.timeNs, formatNs(d.timeNs)],
        ['gic-stall', 'of which stalled on missing pages', d.stallNs, `${formatNs(d.stallNs)} (${formatPercent(d.timeNs ? d.stallNs / d.timeNs : 0)})`],
        ['gic-reads', 'kvm_read_guest calls', d.reads, formatInt(d.reads)],
        ['gic-pages-read', 'guest pages read', d.pagesRead, formatInt(d.pagesRead)],
        ['gic-faults', 'reads that faulted', d.faults, formatInt(d.faults)],
        ['gic-fetched', '4 KiB frames fetched for them', d.pagesFetchedOnDemand, formatInt(d.pagesFetchedOnDemand)],
        ['gic-pretransferred', 'pages sent before resume', d.preTransferred.pages, `${formatInt(d.preTransferred.pages)} (${formatBytes(d.preTransferred.bytes)})`],
      ]),
      table(
        'gic-tables',
        [{ label: 'table' }, { label: 'count', num: true }, { label: 'pages', num: true }, { label: 'size', num: true }, { label: 'pre-sent', num: true }],
        [...byKind].map(([kind, k]) => ({
          cells: [kind, formatInt(k.count), formatInt(k.pages), formatBytes(k.bytes), formatInt(k.preTransferred)],
          attrs: { 'data-kind': kind, 'data-count': k.count, class: d.table === kind ? 'bad' : undefined },
        })),
      ),
    ]),
    table(
      'gic-steps',
      [{ label: 'step' }, { label: 'start', num: true }, { label: 'duration', num: true }, { label: 'reads', num: true }, { label: 'pages', num: true }, { label: 'faults', num: true }, { label: 'stalled', num: true }],
      d.steps.map((st) => ({
        cells: [
          st.name,
          at(st.startNs),
          st.startNs === null || st.endNs === null ? 'did not run' : formatNs(st.endNs - st.startNs),
          formatInt(st.reads),
          formatInt(st.pagesRead),
          formatInt(st.faults),
          formatNs(st.stallNs),
        ],
        attrs: { 'data-step': st.name, 'data-stall': st.stallNs, title: st.detail, class: d.failedStep === st.name ? 'bad' : st.startNs === null ? 'muted' : undefined },
      })),
    ),
  ]);
}

/**
 * Hardware-poisoned pages: how the target made them fault, the memory lost around them, the machine
 * checks and any access that read one as healthy memory.
 * @param {Migration} m @param {Summary} s
 */
export function poisonSection(m, s) {
  const p = s.poison;
  if (m.spec.vm.poisonedPages.length === 0 && p.ranges === 0) return null;
  const failed = p.refused || p.escapes > 0 || p.emulationFailures > 0 || p.vhostEfaults > 0 || p.nestedWalkEfaults > 0;
  return h('section', { class: `card section${failed ? ' failed' : ''}`, 'data-testid': 'section-poison' }, [
    h('h3', { text: 'Poisoned pages' }),
    metrics([
      ['poison-policy', 'policy', 0, p.refused ? `${p.policy}: migration refused` : p.policy, p.refused],
      p.refused ? null : ['poison-method', 'made to fault by', 0, p.method, p.method === 'none'],
      ['poison-requested', 'poisoned 4 KiB frames (ranges)', p.requestedPages, `${formatInt(p.requestedPages)} (${formatInt(p.ranges)})`],
      ['poison-blast-radius', 'blast radius of one poisoned frame', p.blastRadiusBytes, formatBytes(p.blastRadiusBytes)],
      ['poison-unreachable', 'frames unreachable on the target', p.unreachablePages, formatInt(p.unreachablePages)],
      ['poison-healthy-lost', 'healthy memory lost with them', p.healthyBytesUnreachable, formatBytes(p.healthyBytesUnreachable), p.healthyBytesUnreachable > 0],
      ['poison-setup', 'setup before resume', p.setupNs, formatNs(p.setupNs)],
      p.mappedAtSwitchover > 0 ? ['poison-mapped', 'sent by pre-copy before the poison', p.mappedAtSwitchover, formatInt(p.mappedAtSwitchover)] : null,
      p.mappedAtSwitchover > 0 ? ['poison-eexist', 'of those, not markable (-EEXIST)', p.eexist, formatInt(p.eexist), p.eexist > 0] : null,
      ['poison-machine-checks', 'machine checks injected', p.machineChecks, formatInt(p.machineChecks)],
      // Kernel accesses get -EFAULT, not a machine check (docs/model.md, 7b).
      ['poison-kvm-efaults', 'KVM copies failed (-EFAULT, update skipped)', p.kvmCopyEfaults, formatInt(p.kvmCopyEfaults)],
      ['poison-emulation', 'emulation failures (VM stopped)', p.emulationFailures, formatInt(p.emulationFailures), p.emulationFailures > 0],
      ['poison-vhost', 'vhost copies failed (virtqueue broken)', p.vhostEfaults, p.virtqueueBrokenAtNs === null ? formatInt(p.vhostEfaults) : `${formatInt(p.vhostEfaults)} at ${formatNs(p.virtqueueBrokenAtNs)}`, p.vhostEfaults > 0],
      p.nestedWalkEfaults > 0
        ? ['poison-nested-walk', 'nested walks failed (vCPUs livelocked)', p.nestedWalkEfaults, `${formatInt(p.nestedWalkEfaults)}: vCPU ${p.livelockedVcpus.map((l) => `${l.vcpu} at ${formatNs(l.atNs)}`).join(', ')}`, true]
        : null,
      ['poison-escapes', 'escapes (read as healthy memory)', p.escapes, formatInt(p.escapes), p.escapes > 0],
      p.exposedByThpCollapse > 0 ? ['poison-thp', 'exposed by a THP collapse', p.exposedByThpCollapse, formatInt(p.exposedByThpCollapse), true] : null,
      ['poison-bytes', 'poisoned bytes sent', p.bytesTransferred, formatBytes(p.bytesTransferred), p.bytesTransferred > 0],
    ]),
  ]);
}

/**
 * Link and source failures: each failure, the time post-copy spent paused, what had to be sent
 * again, and whether the VM survived (or, before resume, the migration was aborted).
 * @param {Migration} m @param {Summary} s
 */
export function outagesSection(m, s) {
  const o = s.outages;
  if (m.spec.network.failures.length === 0 && o.outcome === 'none') return null;
  // A failure the VM did not survive, or one before resume that aborted the migration: it stopped the migration.
  const lost = o.outcome === 'lost' || o.outcome === 'aborted';
  return h('section', { class: `card section${lost ? ' failed' : ''}`, 'data-testid': 'section-outages' }, [
    h('h3', { text: 'Link and source failures' }),
    metrics([
      ['outage-outcome', 'outcome', lost ? 1 : 0, o.outcome, lost],
      ['outage-pause', 'post-copy paused for', o.pauseNs, formatNs(o.pauseNs)],
      ['outage-rerequested', 'page requests re-sent on recovery', o.rerequestedPages, formatInt(o.rerequestedPages)],
      ['outage-resent', 'pages sent again', o.resentPages, `${formatInt(o.resentPages)} (${formatBytes(s.bytes.resent)})`],
      o.pagesNeverArrived === null ? null : ['outage-never-arrived', 'pages that never arrived', o.pagesNeverArrived, formatInt(o.pagesNeverArrived), true],
    ]),
    table(
      'outage-events',
      [{ label: 'component' }, { label: 'failed at', num: true }, { label: 'down for', num: true }, { label: 'recovered at', num: true }, { label: 'outcome' }],
      o.events.map((e) => ({
        cells: [e.component, at(e.atNs), e.durationNs === null ? 'for good' : formatNs(e.durationNs), at(e.recoveredAtNs), e.outcome],
        attrs: { 'data-component': e.component, 'data-outcome': e.outcome, class: e.outcome === 'lost' || e.outcome === 'aborted' ? 'bad' : undefined },
      })),
    ),
  ]);
}

/**
 * Pre-copy rounds before the pause (hybrid migration): what each round sent, how long it took and
 * what the guest dirtied meanwhile (QEMU's per-sync figures), and what they moved before switchover.
 * @param {Migration} m @param {Summary} s
 */
export function precopySection(m, s) {
  const rounds = s.precopyRounds;
  if (m.spec.strategy.precopy.rounds === 0 && rounds.length === 0) return null;
  const starts = s.phases.filter((p) => p.name.startsWith('precopy_round'));
  return card(
    'Pre-copy rounds',
    h('div', { class: 'grid two' }, [
      metrics([
        ['precopy-rounds', 'rounds', rounds.length, `${formatInt(rounds.length)} of ${formatInt(m.spec.strategy.precopy.rounds)}`],
        ['precopy-time', 'pre-copy time', s.timing.precopyNs, formatNs(s.timing.precopyNs)],
        ['precopy-pages', 'frames on the target at the pause', s.pages.preTransferred, `${formatInt(s.pages.preTransferred)} (${formatPercent(s.pages.total ? s.pages.preTransferred / s.pages.total : 0)})`],
        ['precopy-bytes', 'bytes sent before the pause', s.bytes.preTransferred, formatBytes(s.bytes.preTransferred)],
        ['precopy-dirty-rate', 'guest dirty rate', m.spec.strategy.precopy.dirtyRateMiBps, `${formatInt(m.spec.strategy.precopy.dirtyRateMiBps)} MiB/s`],
      ]),
      table(
        'precopy-table',
        [{ label: 'round' }, { label: 'started at', num: true }, { label: 'duration', num: true }, { label: 'frames sent', num: true }, { label: 'bytes', num: true }, { label: 'dirtied meanwhile', num: true }],
        rounds.map((r, i) => ({
          cells: [String(r.round), starts[i] ? formatNs(starts[i].atNs) : '–', formatNs(r.durationNs), formatInt(r.pages), formatBytes(r.bytes), formatInt(r.dirtyPages)],
          attrs: { 'data-round': r.round, 'data-duration': r.durationNs, 'data-pages': r.pages, 'data-dirty': r.dirtyPages },
        })),
      ),
    ]),
    'section-precopy',
  );
}
