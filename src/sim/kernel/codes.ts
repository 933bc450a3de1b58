/**
 * The integer codes the hot path works with: event kinds of the queue, and the vocabulary codes
 * (vocabulary.ts) of fault paths, mechanisms and resolutions as fault events store them.
 */
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS, type FaultPath, type Mechanism, type Resolution } from '../vocabulary.js';

// Event kinds. The event's integer argument names what it is about (see each handler).
export const EV_START = 1; // the vCPUs run on the target
export const EV_ACCESS = 2; // an actor's next candidate access (arg: actor, gen: its generation)
export const EV_READ = 3; // a uffd handler thread read()s the next message (arg: handler)
export const EV_INSTALL = 5; // a fetch's page is installed (arg: fetch)
export const EV_BG_SEND = 6; // the background copier sends its next chunk
export const EV_BG_INSTALL = 7; // the oldest background chunk in flight is installed
export const EV_RESTORE = 8; // the GIC/ITS restore continues
export const EV_LINK_DOWN = 9; // a temporary failure begins (arg: failure)
export const EV_LINK_UP = 10; // a temporary failure is recovered (arg: failure)
export const EV_KHUGEPAGED = 11; // khugepaged collapses a range
export const EV_LINK_LOST = 12; // a permanent failure (arg: failure)

/** Bytes in a guest frame: every page count is in 4 KiB frames. */
export const FRAME = 4096;

/** Fault-path code of a path that nothing serves. */
export const NO_MECH = 255;

const PATH = Object.fromEntries(FAULT_PATHS.map((p, i) => [p, i])) as Record<FaultPath, number>;
export const MECH = Object.fromEntries(MECHANISMS.map((m, i) => [m, i])) as Record<Mechanism, number>;
const RES = Object.fromEntries(RESOLUTIONS.map((r, i) => [r, i])) as Record<Resolution, number>;

export const P_VCPU = PATH.vcpu_access;
export const P_KVM_USER = PATH.kvm_user_access;
export const P_EMULATION = PATH.instruction_emulation;
export const P_NESTED = PATH.nested_walk;
export const P_VHOST = PATH.vhost_userspace;
export const P_RESTORE = PATH.device_restore;
export const P_ASYNC = PATH.async_page_fault;
export const M_MISSING = MECH.uffd_missing;
export const M_MINOR = MECH.uffd_minor;
export const M_GMEM = MECH.gmem_write_continue;
export const R_COPY = RES.uffdio_copy;
export const R_CONTINUE = RES.uffdio_continue;
export const R_WRITE_CONTINUE = RES.write_continue;
export const R_EXIT = RES.exit_fetch;
export const R_EEXIST = RES.eexist_wake;
export const R_JOINED = RES.joined_inflight;
export const R_MCE = RES.machine_check;
export const R_UNRESOLVED = RES.unresolved;
export const R_ZERO_FILL = RES.zero_fill;
export const R_PARTIAL = RES.partial_read;
export const R_ESCAPE = RES.poison_escape;
export const R_EFAULT = RES.efault;
