/** Size limits of a migration request: part of the schema, so validated and documented. */
export const MAX_MEMORY_MIB = 4 * 1024 * 1024; // 4 TiB
export const MAX_VCPUS = 1024;
export const MAX_POISONED_ENTRIES = 4096;
/** At most this many 4 KiB frames may be listed as poisoned (4 GiB), and at most half of guest memory. */
export const MAX_POISONED_FRAMES = 1_048_576;
export const MAX_ITS_DEVICES = 1024;
export const MAX_LINK_FAILURES = 8;
/** Hard ceiling of limits.maxFaultEvents: ~100 s of simulation at 1M events/s. */
export const MAX_FAULT_EVENTS = 100_000_000;
export const DEFAULT_MAX_FAULT_EVENTS = 10_000_000;
export const MAX_SIMULATED_SECONDS = 86_400;
