// @ts-check
/** Number formatting of the dashboard (the same rules as the CLI's src/cli/render.ts). */

/** @param {number} ns */
export function formatNs(ns) {
  const abs = Math.abs(ns);
  if (abs >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (abs >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (abs >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

/** @param {number} n */
export function formatInt(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** @param {number} fraction */
export function formatPercent(fraction) {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** @param {number} bytes */
export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** @param {string} iso */
export function formatTime(iso) {
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A mean over seeds may be fractional: a count shows one decimal then (below 1,000). @param {number} n */
function formatCount(n) {
  return Number.isInteger(n) || Math.abs(n) >= 1000 ? formatInt(n) : n.toFixed(1);
}

/** A rate per second, in k or M above 1,000 (e.g. 12.3k/s). @param {number} perSec */
function formatRate(perSec) {
  const abs = Math.abs(perSec);
  if (abs >= 1e6) return `${(perSec / 1e6).toFixed(2)}M/s`;
  if (abs >= 1e3) return `${(perSec / 1e3).toFixed(1)}k/s`;
  return `${perSec.toFixed(1)}/s`;
}

/** How many times as long (a slowdown): 1.00×, 4.97×. @param {number} r */
const formatRatio = (r) => `${r.toFixed(2)}×`;

/**
 * How to show a value of a metric of the given unit (the units of an experiment's results:
 * ns, bytes, count, ratio, or a rate "…/s").
 * @param {string} unit
 * @returns {(v: number) => string}
 */
export function formatterOf(unit) {
  if (unit === 'ns') return formatNs;
  if (unit === 'bytes') return formatBytes;
  if (unit === 'ratio') return formatRatio;
  if (unit.endsWith('/s')) return formatRate;
  return formatCount;
}
