/**
 * Which fault mechanism serves which fault path, and which combinations the kernel supports
 * (domain.md sections 2 and 3). The support rules are used by the request schema (so that an
 * unsupported combination is a 400 that says why) and by the engine (routing).
 */
import type { Backing, FaultPath, Mechanism, PageSize } from './vocabulary.js';

/** 'none': no userfaultfd at all — only the vCPU fault path is covered (KVM mechanisms only). */
export const UFFD_MODES = ['missing', 'minor', 'write_continue', 'none'] as const;
export type UffdMode = (typeof UFFD_MODES)[number];

/** The uffd mechanism of a mode; 'none' installs pages like MISSING (a plain copy) but registers nothing. */
export function uffdModeMechanism(mode: UffdMode): Mechanism {
  return mode === 'missing' || mode === 'none' ? 'uffd_missing' : mode === 'minor' ? 'uffd_minor' : 'gmem_write_continue';
}

/** The KVM-based mechanisms: vCPU faults exit KVM_RUN and the vCPU thread resolves them at 4K. */
export function isKvmMechanism(m: Mechanism): boolean {
  return m === 'kvm_exit_on_missing' || m === 'kvm_userfault';
}

/** uffd mode used for the paths a KVM mechanism does not cover, when the request does not say. */
export function defaultUffdMode(backing: Backing): UffdMode {
  return backing === 'guest_memfd' ? 'minor' : 'missing';
}

/**
 * The mechanism that handles a fault raised on `path`. KVM mechanisms cover only the vCPU
 * (stage-2 / EPT violation) path; every other path still goes through userfaultfd (`000_`, `003_`).
 */
export function mechanismForPath(primary: Mechanism, fallback: UffdMode, path: FaultPath): Mechanism | null {
  if (!isKvmMechanism(primary)) return primary;
  if (path === 'vcpu_access') return primary;
  return fallback === 'none' ? null : uffdModeMechanism(fallback);
}

export interface SupportIssue {
  path: (string | number)[];
  message: string;
}

/** Why a uffd mechanism cannot be used on a backing, or null when it can. */
function uffdBackingProblem(m: Mechanism, backing: Backing): string | null {
  switch (m) {
    case 'uffd_missing':
      return backing === 'guest_memfd'
        ? 'uffd_missing resolves with UFFDIO_COPY, which cannot prepare guest_memfd pages (they must be removed from the direct map); on guest_memfd use gmem_write_continue (write() + UFFDIO_CONTINUE) or uffd_minor'
        : null;
    case 'uffd_minor':
      return backing === 'anonymous'
        ? 'uffd_minor needs shmem, hugetlbfs or guest_memfd backing: MINOR faults fire on page-cache hits, and anonymous memory has no page cache'
        : null;
    case 'gmem_write_continue':
      return backing !== 'guest_memfd'
        ? 'gmem_write_continue (uffd MISSING resolved by write() + UFFDIO_CONTINUE) is the guest_memfd resolution; other backings resolve MISSING faults with UFFDIO_COPY (uffd_missing)'
        : null;
    default:
      return null;
  }
}

export interface SupportInput {
  pageSize: PageSize;
  backing: Backing;
  thp: boolean;
  mechanism: Mechanism;
  uffdMode?: UffdMode;
}

/** Every unsupported combination, each with the request path to blame and the kernel rule. */
export function supportIssues(s: SupportInput): SupportIssue[] {
  const issues: SupportIssue[] = [];
  if (s.pageSize !== '4K' && s.backing !== 'hugetlbfs') {
    issues.push({
      path: ['vm', 'pageSize'],
      message: `pageSize ${s.pageSize} needs hugetlbfs backing: anonymous and shmem memory use 4K base pages (set thp for transparent huge pages), and guest_memfd huge pages are not upstream`,
    });
  }
  if (s.thp && s.backing !== 'anonymous' && s.backing !== 'shmem') {
    issues.push({
      path: ['vm', 'thp'],
      message: `thp applies to anonymous and shmem memory only: hugetlbfs pages are always huge and guest_memfd has no transparent huge pages (backing is ${s.backing})`,
    });
  }
  if (s.mechanism === 'kvm_exit_on_missing' && s.backing === 'guest_memfd') {
    issues.push({
      path: ['strategy', 'mechanism'],
      message: 'kvm_exit_on_missing (KVM_MEM_EXIT_ON_MISSING) acts on the GUP/hva fault path; guest_memfd memory is not faulted through GUP, so use kvm_userfault',
    });
  }
  if (isKvmMechanism(s.mechanism)) {
    const mode = s.uffdMode ?? defaultUffdMode(s.backing);
    const problem = mode === 'none' ? null : uffdBackingProblem(uffdModeMechanism(mode), s.backing);
    if (problem) {
      issues.push({
        path: ['strategy', 'uffdMode'],
        message: `${s.mechanism} covers only the vCPU fault path; the other paths use userfaultfd in mode "${mode}", which is not possible here: ${problem}`,
      });
    }
  } else if (s.backing === 'guest_memfd') {
    issues.push({
      path: ['strategy', 'mechanism'],
      message: `${s.mechanism} is userfaultfd only, and a vCPU's stage-2 fault on guest_memfd memory goes through kvm_gmem_get_pfn, never handle_userfault (003_): the vCPU faults would not be intercepted. On guest_memfd use kvm_userfault, with uffdMode minor or write_continue for the paths that go through the userspace mapping`,
    });
  } else {
    const problem = uffdBackingProblem(s.mechanism, s.backing);
    if (problem) issues.push({ path: ['strategy', 'mechanism'], message: problem });
    if (s.uffdMode !== undefined && (s.uffdMode === 'none' || uffdModeMechanism(s.uffdMode) !== s.mechanism)) {
      issues.push({
        path: ['strategy', 'uffdMode'],
        message: `uffdMode selects the userfaultfd mode for the paths a KVM mechanism (kvm_exit_on_missing, kvm_userfault) does not cover; with ${s.mechanism} every path already uses ${s.mechanism}`,
      });
    }
  }
  return issues;
}
