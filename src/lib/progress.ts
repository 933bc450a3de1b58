import type { SimulationProgress } from '../sim/index.js';

/**
 * The share of the guest's pages present on the target, 0..1: the migration's `progress`, which the
 * worker stores and the event stream reports. A VM without pages counts as complete.
 */
export function progressFraction(p: Pick<SimulationProgress, 'pagesPresent' | 'pagesTotal'>): number {
  return p.pagesTotal === 0 ? 1 : p.pagesPresent / p.pagesTotal;
}
