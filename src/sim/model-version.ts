/**
 * The simulator's model version. It changes whenever the same spec and seed would give different
 * fault events or a different result (a deliberate model change): the golden test
 * (test/sim/golden.unit.test.ts) pins the output of this version. Every stored migration records the
 * version that produced it, and a retried job never resumes events written by another version.
 */
export const MODEL_VERSION = 27;
