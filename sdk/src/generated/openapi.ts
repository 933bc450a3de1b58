/**
 * Generated from openapi.yaml by openapi-typescript (npm run generate:openapi). Do not edit.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness, and the service and model versions this process runs */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: Postgres and Redis answer */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/migrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List migrations, newest first */
        get: operations["listMigrations"];
        put?: never;
        /** Submit a migration to simulate */
        post: operations["submitMigration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/migrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, progress, phase timestamps and (when finished) the summary */
        get: operations["getMigration"];
        put?: never;
        post?: never;
        /**
         * Delete a finished migration and all its fault events
         * @description Only a migration that has ended (`succeeded`, `failed` or `cancelled`) can be deleted; cancel a queued or running one first. Its fault events go at once, whatever their number (their partition is dropped). Deleting again is a 404. A run of an experiment (`experimentId` set) is deleted with its experiment only: 409 here.
         */
        delete: operations["deleteMigration"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/migrations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a queued or running migration
         * @description A queued migration is cancelled at once. A running one is flagged (`cancelRequested`) and its worker stops within a fraction of a second, after which its status is `cancelled`. Cancelling a cancelled migration is a no-op.
         */
        post: operations["cancelMigration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List experiments, newest first (without their results tables) */
        get: operations["listExperiments"];
        put?: never;
        /**
         * Submit a parameter sweep: one run (a migration) per combination of axis values and seed
         * @description The runs are the cartesian product of `axes` (each varies one spec field by its dotted path, optionally with linked fields) times `seeds` repetitions, each a migration built from `base`; every run is validated like a migration, and any invalid run is a 400 naming the axis, the run and the field. The runs execute as BullMQ children of one parent job, so every worker process shares them. `{"preset": "demand-paging-scaling"}` runs a published measurement (docs/validation.md).
         */
        post: operations["submitExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/presets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published measurements an experiment can reproduce (`{"preset": name}`), with their run counts */
        get: operations["listExperimentPresets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, progress and the results table (one row per run, aggregates over seeds) */
        get: operations["getExperiment"];
        put?: never;
        post?: never;
        /** Delete an ended experiment with all its runs and their fault events */
        delete: operations["deleteExperiment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The results table as JSON, CSV (one line per run) or NDJSON (one run per line), for notebooks */
        get: operations["getExperimentResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel every run that has not ended
         * @description Queued runs are cancelled at once, running ones at their next batch; the experiment is `cancelled` when the last has stopped. Finished runs keep their results.
         */
        post: operations["cancelExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/migrations/{id}/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Page through the per-page fault events of a migration, in sequence order
         * @description Filters (all optional, combined): `vcpu`, `path`, `mechanism`, `resolution`, a gfn range (`gfnMin`, `gfnMax`, inclusive) and a time range on raisedAtNs (`fromNs` inclusive, `toNs` exclusive). Only stored events are read: a migration with `faultEvents: sample` stored every 64th (`sampleEvery`), one with `none` (runs of experiments by default) stored none and answers 409. Keyset pagination on seq, stable while the migration is still writing events: pages never skip or repeat an event. `nextCursor` is null when the page reached the last stored event; for a running migration, request the same cursor again later to get the events stored since.
         */
        get: operations["listFaultEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/migrations/{id}/faults/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream every matching fault event as NDJSON or CSV
         * @description Filters (all optional, combined): `vcpu`, `path`, `mechanism`, `resolution`, a gfn range (`gfnMin`, `gfnMax`, inclusive) and a time range on raisedAtNs (`fromNs` inclusive, `toNs` exclusive). Only stored events are read: a migration with `faultEvents: sample` stored every 64th (`sampleEvery`), one with `none` (runs of experiments by default) stored none and answers 409. Streams all matching events in sequence order, as of the start of the request, with constant memory on the server (a database cursor read as fast as the client reads). The events are those of `GET /v1/migrations/{id}/faults` with the same filters. Compressed with gzip (`Content-Encoding: gzip`) when the request accepts it (`Accept-Encoding: gzip`). A client that disconnects stops the query.
         */
        get: operations["exportFaultEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/migrations/{id}/faults/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Latency distribution, counts, blocktime per vCPU and a timeline of the matching fault events
         * @description Filters (all optional, combined): `vcpu`, `path`, `mechanism`, `resolution`, a gfn range (`gfnMin`, `gfnMax`, inclusive) and a time range on raisedAtNs (`fromNs` inclusive, `toNs` exclusive). Only stored events are read: a migration with `faultEvents: sample` stored every 64th (`sampleEvery`), one with `none` (runs of experiments by default) stored none and answers 409. Computed by the database over the matching events (nothing is loaded into the service). For a migration that has ended, each query is computed once and then answered from a cache.
         */
        get: operations["getFaultStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/migrations/{id}/violations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Page through the correctness violations of a migration, in the order the simulator detected them
         * @description Every violation the run recorded (summary.violationsRecorded: all of them up to 100,000; summary.violationCount is the true count), while the summary carries only the first 20. Optionally of one `kind`. Keyset pagination on seq: `nextCursor` is null on the last page. Stored when the migration ends: empty before.
         */
        get: operations["listViolations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/migrations/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a migration live (Server-Sent Events)
         * @description Server-Sent Events: `status` when a worker starts the migration, `phase` on phase changes, `progress` samples (pages present, faults and blocktime so far), and finally `summary` (the final state and summary), after which the stream ends. A new connection first replays the history (every sample so far), then follows live. Each event has an `id`; reconnecting with `Last-Event-ID` resumes right after it, without gaps or repeats. Comment lines (`: heartbeat`) keep idle connections open. Open streams are capped per tenant and per server (429).
         */
        get: operations["streamMigrationEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow an experiment live: progress, each run as it ends, then the results (Server-Sent Events)
         * @description Server-Sent Events: `progress` (the runs in each status, how far the running ones are) on connection and whenever it changes, `run` when a run ends (its row of the results table), and finally `summary` (the experiment with its results table), after which the stream ends. A new connection first sends every run that has already ended. Each event has an `id` naming the runs sent so far; reconnecting with `Last-Event-ID` sends the others, so that no run is missed or repeated. Comment lines (`: heartbeat`) keep idle connections open. Open streams are capped per tenant and per server (429).
         */
        get: operations["streamExperimentEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A JSON value of a spec field; null: the field is left out (its default applies). */
        AxisValueInput: string | number | boolean | null | unknown[] | {
            [key: string]: unknown;
        };
        /**
         * @example {
         *       "path": "vm.vcpus",
         *       "values": [
         *         1,
         *         4,
         *         16
         *       ],
         *       "with": {
         *         "vm.memoryMiB": [
         *           64,
         *           256,
         *           1024
         *         ]
         *       }
         *     }
         */
        ExperimentAxisInput: {
            /** @description Dotted path of the migration spec field this axis varies, e.g. "vm.vcpus" or "strategy.mechanism". */
            path: string;
            /** @description The values the field takes, one group of runs each, in this order. null removes the field from the base (its default applies). */
            values: components["schemas"]["AxisValueInput"][];
            /** @description Fields that move together with this axis: for each path, one value per entry of `values` (e.g. vm.memoryMiB scaled with vm.vcpus, or strategy.uffdMode set only for one mechanism). */
            with?: {
                [key: string]: components["schemas"]["AxisValueInput"][];
            };
        };
        /** @description A JSON value of a spec field; null: the field is left out (its default applies). */
        AxisValue: string | number | boolean | null | unknown[] | {
            [key: string]: unknown;
        };
        /**
         * @example {
         *       "path": "vm.vcpus",
         *       "values": [
         *         1,
         *         4,
         *         16
         *       ],
         *       "with": {
         *         "vm.memoryMiB": [
         *           64,
         *           256,
         *           1024
         *         ]
         *       }
         *     }
         */
        ExperimentAxis: {
            /** @description Dotted path of the migration spec field this axis varies, e.g. "vm.vcpus" or "strategy.mechanism". */
            path: string;
            /** @description The values the field takes, one group of runs each, in this order. null removes the field from the base (its default applies). */
            values: components["schemas"]["AxisValue"][];
            /** @description Fields that move together with this axis: for each path, one value per entry of `values` (e.g. vm.memoryMiB scaled with vm.vcpus, or strategy.uffdMode set only for one mechanism). */
            with?: {
                [key: string]: components["schemas"]["AxisValue"][];
            };
        };
        /**
         * @description RFC 9457 problem details.
         * @example {
         *       "type": "https://postcopy-lab.dev/problems/invalid-request",
         *       "title": "Invalid request",
         *       "status": 400,
         *       "detail": "Invalid body: vm.vcpus",
         *       "instance": "/v1/migrations",
         *       "errors": [
         *         {
         *           "in": "body",
         *           "field": "vm.vcpus",
         *           "message": "Too big: expected number to be <=1024"
         *         }
         *       ]
         *     }
         */
        Problem: {
            /** @description URI identifying the kind of problem. */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description The request path the problem occurred on. */
            instance?: string;
            /** @description The invalid fields, for validation problems. */
            errors?: {
                /** @enum {string} */
                in: "body" | "query" | "params" | "headers";
                /** @description Dotted path of the offending field, e.g. "vm.vcpus". */
                field: string;
                message: string;
            }[];
        };
        /**
         * @example {
         *       "id": "3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
         *       "status": "queued",
         *       "progress": 0,
         *       "cancelRequested": false,
         *       "attempts": 0,
         *       "eventCount": 0,
         *       "modelVersion": 12,
         *       "experimentId": null,
         *       "faultEvents": "all",
         *       "createdAt": "2026-03-02T09:14:07.512Z",
         *       "startedAt": null,
         *       "finishedAt": null,
         *       "spec": {
         *         "seed": 42,
         *         "vm": {
         *           "arch": "x86_64",
         *           "memoryMiB": 256,
         *           "vcpus": 4,
         *           "pageSize": "4K",
         *           "backing": "anonymous",
         *           "thp": false,
         *           "khugepagedCollapsesPerSecond": 1,
         *           "nested": false,
         *           "zeroPageFraction": 0,
         *           "ras": true,
         *           "poisonedPages": [],
         *           "poisonPlacement": "gfn"
         *         },
         *         "workload": {
         *           "pattern": "zipf",
         *           "writeRatio": 0.3,
         *           "accessesPerSecond": 100000,
         *           "thinkTimeNs": 1000,
         *           "asyncPageFaults": false,
         *           "userModeShare": 1,
         *           "zipfExponent": 1.1,
         *           "faultSources": {
         *             "kvmUserAccessPerSecond": 1000,
         *             "instructionEmulationPerSecond": 200,
         *             "nestedWalkShare": 0.5,
         *             "vhostAccessesPerSecond": 0,
         *             "vhostBufferMiB": 8
         *           }
         *         },
         *         "strategy": {
         *           "mechanism": "uffd_missing",
         *           "handlerThreads": 1,
         *           "uffdCount": 1,
         *           "uffdWake": "poll",
         *           "hugetlbMapping": "huge_page",
         *           "gmemUptodateCheck": true,
         *           "poisonPolicy": "intercept",
         *           "backgroundCopy": {
         *             "enabled": true,
         *             "bandwidthShare": 0.8,
         *             "order": "sequential"
         *           },
         *           "precopy": {
         *             "rounds": 0,
         *             "dirtyRateMiBps": 256
         *           },
         *           "deviceRestore": {
         *             "preTransfer": false,
         *             "preTransferMissingDevices": [],
         *             "vcpuStart": "after_restore"
         *           }
         *         },
         *         "network": {
         *           "bandwidthGbps": 25,
         *           "rttUs": 50,
         *           "postcopyPreempt": false,
         *           "preemptSender": "return_path",
         *           "demandChannel": "migration_stream",
         *           "multifdChannels": 1,
         *           "multifdInPostcopy": false,
         *           "sourceLocal": false,
         *           "failures": [],
         *           "postcopyRecovery": true
         *         },
         *         "host": {
         *           "costScale": 1
         *         },
         *         "limits": {
         *           "maxFaultEvents": 10000000,
         *           "maxSimulatedSeconds": 3600
         *         }
         *       },
         *       "progressDetail": null,
         *       "summary": null,
         *       "legacySummary": null,
         *       "resolvedCosts": null,
         *       "error": null,
         *       "links": {
         *         "self": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
         *         "faults": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/faults",
         *         "violations": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/violations",
         *         "cancel": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/cancel"
         *       }
         *     }
         */
        Migration: {
            /** Format: uuid */
            id: string;
            /**
             * @description succeeded: the simulator ran the migration to its end, whatever its outcome (summary.outcome: completed, vm_lost, refused, aborted, truncated, stalled). failed: the service could not run it (a worker error, or out of attempts; see error).
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /** @description Fraction of guest pages present on the target. */
            progress: number;
            cancelRequested: boolean;
            /** @description Times a worker started this migration (more than one after a worker crash). */
            attempts: number;
            /** @description Fault events stored so far. */
            eventCount: number;
            /** @description Version of the simulator model behind this migration: the version of the service that accepted it, then the version of the worker that produced its fault events and summary. Runs with the same spec and seed are identical within a version. 0: stored before versions were recorded. */
            modelVersion: number;
            /** @description The experiment this migration is a run of (null: submitted on its own). */
            experimentId: string | null;
            /**
             * @description Which fault events are stored: all, sample (every 64th by seq) or none (runs of experiments default to none); the summary is complete either way.
             * @enum {string}
             */
            faultEvents: "all" | "sample" | "none";
            /**
             * Format: date-time
             * @description When it was accepted (status queued).
             */
            createdAt: string;
            /** @description When a worker last started it (status running; for a short run of an experiment, recorded with its end). */
            startedAt: string | null;
            /** @description When it reached succeeded, failed or cancelled. */
            finishedAt: string | null;
            /**
             * @example {
             *       "seed": 42,
             *       "vm": {
             *         "arch": "x86_64",
             *         "memoryMiB": 256,
             *         "vcpus": 4,
             *         "pageSize": "4K",
             *         "backing": "anonymous",
             *         "thp": false,
             *         "khugepagedCollapsesPerSecond": 1,
             *         "nested": false,
             *         "zeroPageFraction": 0,
             *         "ras": true,
             *         "poisonedPages": [],
             *         "poisonPlacement": "gfn"
             *       },
             *       "workload": {
             *         "pattern": "zipf",
             *         "writeRatio": 0.3,
             *         "accessesPerSecond": 100000,
             *         "thinkTimeNs": 1000,
             *         "asyncPageFaults": false,
             *         "userModeShare": 1,
             *         "zipfExponent": 1.1,
             *         "faultSources": {
             *           "kvmUserAccessPerSecond": 1000,
             *           "instructionEmulationPerSecond": 200,
             *           "nestedWalkShare": 0.5,
             *           "vhostAccessesPerSecond": 0,
             *           "vhostBufferMiB": 8
             *         }
             *       },
             *       "strategy": {
             *         "mechanism": "uffd_missing",
             *         "handlerThreads": 1,
             *         "uffdCount": 1,
             *         "uffdWake": "poll",
             *         "hugetlbMapping": "huge_page",
             *         "gmemUptodateCheck": true,
             *         "poisonPolicy": "intercept",
             *         "backgroundCopy": {
             *           "enabled": true,
             *           "bandwidthShare": 0.8,
             *           "order": "sequential"
             *         },
             *         "precopy": {
             *           "rounds": 0,
             *           "dirtyRateMiBps": 256
             *         },
             *         "deviceRestore": {
             *           "preTransfer": false,
             *           "preTransferMissingDevices": [],
             *           "vcpuStart": "after_restore"
             *         }
             *       },
             *       "network": {
             *         "bandwidthGbps": 25,
             *         "rttUs": 50,
             *         "postcopyPreempt": false,
             *         "preemptSender": "return_path",
             *         "demandChannel": "migration_stream",
             *         "multifdChannels": 1,
             *         "multifdInPostcopy": false,
             *         "sourceLocal": false,
             *         "failures": [],
             *         "postcopyRecovery": true
             *       },
             *       "host": {
             *         "costScale": 1
             *       },
             *       "limits": {
             *         "maxFaultEvents": 10000000,
             *         "maxSimulatedSeconds": 3600
             *       }
             *     }
             */
            spec: {
                /**
                 * @description Seed of the simulator random generator: the same spec and seed give identical results.
                 * @default 1
                 */
                seed: number;
                /** @description The virtual machine being migrated. */
                vm: {
                    /**
                     * @description Guest architecture: x86_64 (EPT violations) or arm64 (stage-2 aborts).
                     * @default x86_64
                     * @enum {string}
                     */
                    arch: "x86_64" | "arm64";
                    /** @description Guest memory size in MiB; a multiple of the page size. */
                    memoryMiB: number;
                    /** @description Number of vCPUs. */
                    vcpus: number;
                    /**
                     * @description Backing page size; 2M and 1G need hugetlbfs.
                     * @default 4K
                     * @enum {string}
                     */
                    pageSize: "4K" | "2M" | "1G";
                    /**
                     * @description Memory backing of guest RAM on the target.
                     * @default anonymous
                     * @enum {string}
                     */
                    backing: "anonymous" | "shmem" | "hugetlbfs" | "guest_memfd";
                    /**
                     * @description Transparent huge pages enabled on the backing (anonymous/shmem only).
                     * @default false
                     */
                    thp: boolean;
                    /**
                     * @description With thp on shmem: 2 MiB ranges khugepaged collapses per second (default scan: 4096 pages every 10 s). Under a MINOR registration a collapse maps pages without a fault (minor_thp_bypass).
                     * @default 1
                     */
                    khugepagedCollapsesPerSecond: number;
                    /**
                     * @description The guest runs nested VMs: KVM walks L1 EPT tables through __get_user.
                     * @default false
                     */
                    nested: boolean;
                    /**
                     * @description Fraction of guest pages that hold only zeros on the source (never written, or freed and cleared), scattered over memory by a hash of the seed; whole backing pages (a huge page is zero as a whole). A zero page travels as a flag (9 bytes: QEMU RAM_SAVE_FLAG_ZERO) instead of 4 KiB and is installed with UFFDIO_ZEROPAGE (no copy). Default 0: every page has data (docs/model.md, section 5b).
                     * @default 0
                     */
                    zeroPageFraction: number;
                    /**
                     * @description The guest handles machine checks (RAS: MCA on x86_64, SEA via APEI/GHES on arm64). Without it a machine check for a poisoned page cannot be delivered and the VM stops.
                     * @default true
                     */
                    ras: boolean;
                    /** @description arm64 only: the GICv3 interrupt state that lives in guest memory and that KVM re-reads on the target before resume (KVM_DEV_ARM_ITS_RESTORE_TABLES). One redistributor per vCPU. Tables whose address is omitted are placed deterministically from the seed, aligned as the architecture requires, clear of each other and of poisoned pages. */
                    gic?: {
                        /**
                         * @description LPI INTID bits (GICR_PROPBASER.IDbits; KVM's vITS supports 16): the property table holds 2^bits - 8192 bytes (one per LPI), each pending table 2^bits / 8 bytes.
                         * @default 16
                         */
                        lpiIdBits: number;
                        /** @description GICR_PROPBASER: the LPI property table shared by every redistributor (4 KiB aligned); placed when omitted. */
                        propertyTableAddress?: number;
                        /** @description GICR_PENDBASER of each redistributor, one per vCPU in vCPU order (64 KiB aligned); placed when omitted. */
                        pendingTableAddresses?: number[];
                        /**
                         * @description The ITS: its device table, collection table and the devices' interrupt translation tables, all in guest memory.
                         * @default {
                         *       "deviceTable": "two_level"
                         *     }
                         */
                        its: {
                            /**
                             * @description two_level: a level-1 table of 64 KiB level-2 tables of 8192 DeviceIDs (what Linux uses for 16 DeviceID bits); flat: one 512 KiB table indexed by DeviceID.
                             * @default two_level
                             * @enum {string}
                             */
                            deviceTable: "two_level" | "flat";
                            /** @description GITS_BASER of the device table (level 1 when two_level; 64 KiB aligned); placed when omitted. */
                            deviceTableAddress?: number;
                            /** @description GITS_BASER of the collection table (64 KiB aligned); placed when omitted. */
                            collectionTableAddress?: number;
                            /** @description Devices mapped in the ITS. Default: virtio-net (DeviceID 8, 2 x min(vCPUs, 16) + 2 events) and virtio-blk (DeviceID 16, min(vCPUs, 16) + 1 events). */
                            devices?: {
                                /** @description DeviceID (e.g. the PCI requester ID; KVM's vITS has 16 DeviceID bits). */
                                deviceId: number;
                                /** @description MSI events (vectors) the device uses: one interrupt translation table entry and one LPI each; the ITT has room for max(2, events) rounded up to a power of two. */
                                events: number;
                                /** @description Collection every event of the device targets. Default: event e targets collection number e modulo the number of collections. */
                                collectionId?: number;
                                /** @description Guest physical address of the device's interrupt translation table (256-byte aligned); placed by the guest OS model when omitted. */
                                ittAddress?: number;
                            }[];
                            /** @description Interrupt collections. Default: one per vCPU, collection i on redistributor i (as Linux allocates them). */
                            collections?: {
                                /** @description Collection ID (ICID). */
                                id: number;
                                /** @description Redistributor (vCPU number, RDBase) the collection routes to. A value >= vm.vcpus describes an inconsistent table: the restore fails with -EINVAL. */
                                targetVcpu: number;
                            }[];
                        };
                    };
                    /**
                     * @description Pages the source host marked hardware-poisoned: gfns or {start, count} ranges, inside guest memory, not overlapping, at most 1048576 frames and at most half of guest memory. They are never transferred.
                     * @default []
                     */
                    poisonedPages: (number | {
                        /** @description Guest frame number (4 KiB units). */
                        start: number;
                        /** @description Number of consecutive 4 KiB frames. */
                        count: number;
                        /**
                         * @description The hardware poisoned these pages after pre-copy had sent them (needs strategy.precopy.rounds >= 1): the target holds a mapped, healthy-looking copy that must be zapped before resume (UFFDIO_POISON fails with -EEXIST on a mapped page).
                         * @default false
                         */
                        poisonedDuringPrecopy: boolean;
                    })[];
                    /**
                     * @description What the numbers in vm.poisonedPages are. gfn (default): guest frame numbers, wherever the workload's seeded placement puts its hot pages. hot: positions in the working set, hottest first (0 = the most-accessed page under zipf; any working-set page under uniform), so the guest touches its poisoned pages; cold: positions in the memory outside the working set (needs workload.workingSetMiB below memoryMiB), which the vCPUs never touch. The run's placement turns positions into gfns (docs/model.md, section 7b).
                     * @default gfn
                     * @enum {string}
                     */
                    poisonPlacement: "gfn" | "hot" | "cold";
                };
                /**
                 * @description What the vCPUs do after resume.
                 * @default {
                 *       "pattern": "uniform",
                 *       "writeRatio": 0.3,
                 *       "accessesPerSecond": 100000,
                 *       "thinkTimeNs": 1000,
                 *       "asyncPageFaults": false,
                 *       "userModeShare": 1,
                 *       "zipfExponent": 1.1,
                 *       "faultSources": {
                 *         "kvmUserAccessPerSecond": 1000,
                 *         "instructionEmulationPerSecond": 200,
                 *         "nestedWalkShare": 0.5,
                 *         "vhostAccessesPerSecond": 0,
                 *         "vhostBufferMiB": 8
                 *       }
                 *     }
                 */
                workload: {
                    /**
                     * @description uniform: any working-set page; zipf: hot pages (Zipf over page ranks); sequential: each vCPU scans its slice of the working set; random_walk: sequential runs with local jumps; demand_paging_test: like the KVM selftest, each vCPU touches each page of its own slice once.
                     * @default uniform
                     * @enum {string}
                     */
                    pattern: "uniform" | "zipf" | "sequential" | "random_walk" | "demand_paging_test";
                    /** @description Hot memory touched by the vCPUs; defaults to all of guest memory. */
                    workingSetMiB?: number;
                    /**
                     * @description Fraction of accesses that are writes.
                     * @default 0.3
                     */
                    writeRatio: number;
                    /**
                     * @description Guest accesses to distinct pages per vCPU per second of simulated time while the vCPU runs (one access every 1e9/accessesPerSecond ns).
                     * @default 100000
                     */
                    accessesPerSecond: number;
                    /**
                     * @description Time a vCPU computes after a fault is resolved before its next access.
                     * @default 1000
                     */
                    thinkTimeNs: number;
                    /**
                     * @description KVM async page faults (KVM_ASYNC_PF, x86_64 only; a 400 on arm64, which has none upstream, and with KVM exit mechanisms, whose vCPU thread resolves the fault itself): a vCPU whose guest task faults in user mode on a missing page is not stalled; KVM injects "page not present", the guest runs another task (its other accesses go on) and KVM's async-PF worker faults the page in (path async_page_fault), at most 64 outstanding per vCPU (ASYNC_PF_PER_VCPU). Kernel-mode faults, KVM's own accesses and nested walks still block. Default false (docs/model.md, section 3).
                     * @default false
                     */
                    asyncPageFaults: boolean;
                    /**
                     * @description With asyncPageFaults: the share of guest accesses made in guest user mode (only those can be asynchronous; a fault in kernel mode blocks the vCPU). Default 1.
                     * @default 1
                     */
                    userModeShare: number;
                    /**
                     * @description Exponent s of the zipf pattern: page of rank r is accessed with weight (r+1)^-s.
                     * @default 1.1
                     */
                    zipfExponent: number;
                    /**
                     * @description Fault sources other than guest accesses by the vCPUs (docs/model.md, section 3).
                     * @default {
                     *       "kvmUserAccessPerSecond": 1000,
                     *       "instructionEmulationPerSecond": 200,
                     *       "nestedWalkShare": 0.5,
                     *       "vhostAccessesPerSecond": 0,
                     *       "vhostBufferMiB": 8
                     *     }
                     */
                    faultSources: {
                        /**
                         * @description Per vCPU: KVM copy_to/from_user accesses to the paravirtual pages per second (x86_64: kvmclock, PV EOI, steal time, 3 pages per vCPU; arm64: the stolen-time page only).
                         * @default 1000
                         */
                        kvmUserAccessPerSecond: number;
                        /**
                         * @description Per vCPU: instruction emulations per second; each reads the instruction bytes and walks the guest page tables of the code the vCPU runs (kvm_read_guest outside the EPT-violation path): a page within 64 KiB of its latest guest fault.
                         * @default 200
                         */
                        instructionEmulationPerSecond: number;
                        /**
                         * @description With vm.nested: walks of L1's EPT tables by KVM (FNAME(walk_addr_generic) reading each entry with get_user) per guest access, so each vCPU walks nestedWalkShare x accessesPerSecond times per second; a walk reads a page of nestedTablePages and faults (path nested_walk) when that page is missing. Default 0.5 (docs/model.md, section 3).
                         * @default 0.5
                         */
                        nestedWalkShare: number;
                        /** @description With vm.nested: the 4 KiB pages holding L1's EPT tables for its L2 guests, the only pages nested walks read: a region of the working set at a position drawn from the seed (capped at the working set). Default: one page per 2 MiB of the working set (a table of 512 8-byte entries, L2 memory mapped at 4 KiB), e.g. 512 pages for 1 GiB. */
                        nestedTablePages?: number;
                        /**
                         * @description Accesses by a vhost/VMM userspace thread to its buffer pages per second (resolved by uffd, at huge-page size on hugetlbfs).
                         * @default 0
                         */
                        vhostAccessesPerSecond: number;
                        /**
                         * @description Guest memory the vhost/VMM thread touches: the virtqueue rings and the packet buffers the guest posted, a region of the working set at a position drawn from the seed (capped at the working set). 8 MiB: virtio-net with 4 queue pairs, 256 descriptors per queue and a page-sized buffer per descriptor (mergeable RX buffers), rings included.
                         * @default 8
                         */
                        vhostBufferMiB: number;
                    };
                };
                /**
                 * @description How the target resolves missing pages.
                 * @default {
                 *       "mechanism": "uffd_missing",
                 *       "handlerThreads": 1,
                 *       "uffdCount": 1,
                 *       "uffdWake": "poll",
                 *       "hugetlbMapping": "huge_page",
                 *       "gmemUptodateCheck": true,
                 *       "poisonPolicy": "intercept",
                 *       "backgroundCopy": {
                 *         "enabled": true,
                 *         "bandwidthShare": 1,
                 *         "order": "sequential"
                 *       },
                 *       "precopy": {
                 *         "rounds": 0,
                 *         "dirtyRateMiBps": 256
                 *       },
                 *       "deviceRestore": {
                 *         "preTransfer": false,
                 *         "preTransferMissingDevices": [],
                 *         "vcpuStart": "after_restore"
                 *       }
                 *     }
                 */
                strategy: {
                    /**
                     * @description How a missing page reaches the VMM (docs/model.md, section 4).
                     * @default uffd_missing
                     * @enum {string}
                     */
                    mechanism: "uffd_missing" | "uffd_minor" | "kvm_exit_on_missing" | "kvm_userfault" | "gmem_write_continue";
                    /**
                     * @description With kvm_exit_on_missing / kvm_userfault: the userfaultfd mode serving the other fault paths (missing = UFFDIO_COPY, minor = UFFDIO_CONTINUE, write_continue = guest_memfd write() + UFFDIO_CONTINUE). Default: minor on guest_memfd, missing otherwise.
                     * @enum {string}
                     */
                    uffdMode?: "missing" | "minor" | "write_continue" | "none";
                    /**
                     * @description userfaultfd handler threads reading each uffd.
                     * @default 1
                     */
                    handlerThreads: number;
                    /**
                     * @description userfaultfds, each registered on an equal range of guest memory, with its own wait queue, lock and handlerThreads readers: a fault goes to the one registered on its page. 1: one shared by all memory (QEMU); vm.vcpus with pattern demand_paging_test: one per vCPU slice, as the selftest does.
                     * @default 1
                     */
                    uffdCount: number;
                    /**
                     * @description How parked readers wait for a message: poll() wakes every one of them (a thundering herd, uffd_poll_herd_per_reader_ns each); EPOLLEXCLUSIVE wakes one.
                     * @default poll
                     * @enum {string}
                     */
                    uffdWake: "poll" | "epoll_exclusive";
                    /**
                     * @description hugetlbfs with 2M/1G pages: how a missing page is filled, by every mechanism. huge_page: the whole huge page (what the kernel can map today, so a KVM exit fetches 2 MiB or 1 GiB too); hgm_4k: 4 KiB at a time through HugeTLB high-granularity mapping, as the 002_ thread assumes (proposed, not merged).
                     * @default huge_page
                     * @enum {string}
                     */
                    hugetlbMapping: "huge_page" | "hgm_4k";
                    /**
                     * @description guest_memfd write() + UFFDIO_CONTINUE: the fault path also checks that the folio is up to date, as Peter Xu asked of the RFC (003_). false reproduces the RFC as posted: a concurrent fault during write() maps a partially written page (partial_page_read violation).
                     * @default true
                     */
                    gmemUptodateCheck: boolean;
                    /**
                     * @description How the target makes poisoned pages fault before resume: uffdio_poison (UFFDIO_POISON, Linux 6.6: a poison PTE marker, the access faults with VM_FAULT_HWPOISON and KVM injects the machine check; -EEXIST on a page that is already mapped; anonymous, shmem, hugetlbfs), zap (MADV_DONTNEED / the proposed MADV_ZAP, then a missing-page fault answered with a machine check; anonymous, shmem), punch_hole (fallocate(FALLOC_FL_PUNCH_HOLE); shmem, hugetlbfs, guest_memfd), or none (no interception: the guest reads a healthy page where its data was poisoned, a poison_escape violation). Default: uffdio_poison, punch_hole on guest_memfd.
                     * @enum {string}
                     */
                    poisonHandling?: "uffdio_poison" | "zap" | "punch_hole" | "none";
                    /**
                     * @description intercept: migrate and keep the poisoned pages poisoned on the target (poisonHandling); strict: refuse to migrate a VM that has poisoned pages, as QEMU does today (migrate_prepare: "Can't migrate this vm with hardware poisoned memory").
                     * @default intercept
                     * @enum {string}
                     */
                    poisonPolicy: "intercept" | "strict";
                    /**
                     * @description The background (population) copier that pushes pages nobody asked for.
                     * @default {
                     *       "enabled": true,
                     *       "bandwidthShare": 1,
                     *       "order": "sequential"
                     *     }
                     */
                    backgroundCopy: {
                        /**
                         * @description Push pages that were not requested in the background.
                         * @default true
                         */
                        enabled: boolean;
                        /**
                         * @description Share of link bandwidth the background copier may use (QEMU max-postcopy-bandwidth; 1 = unlimited, its default). Below 1 the copier is paced and the socket is mostly empty, so demand pages queue behind less data.
                         * @default 1
                         */
                        bandwidthShare: number;
                        /**
                         * @description sequential: ascending gfn; near_recent_faults: continue right after the most recent demand fault (QEMU-style locality).
                         * @default sequential
                         * @enum {string}
                         */
                        order: "sequential" | "near_recent_faults";
                    };
                    /**
                     * @description Optional pre-copy rounds before switchover (hybrid migration).
                     * @default {
                     *       "rounds": 0,
                     *       "dirtyRateMiBps": 256
                     *     }
                     */
                    precopy: {
                        /**
                         * @description Pre-copy rounds before switchover (hybrid migration); 0 = pure post-copy.
                         * @default 0
                         */
                        rounds: number;
                        /**
                         * @description Rate at which the running guest dirties working-set memory during pre-copy, MiB/s.
                         * @default 256
                         */
                        dirtyRateMiBps: number;
                    };
                    /**
                     * @description How the target makes the ARM GIC/ITS restore (KVM_DEV_ARM_ITS_RESTORE_TABLES) see guest memory that has not arrived (arm64).
                     * @default {
                     *       "preTransfer": false,
                     *       "preTransferMissingDevices": [],
                     *       "vcpuStart": "after_restore"
                     *     }
                     */
                    deviceRestore: {
                        /**
                         * @description The VMM sends every page holding a GIC/ITS table it knows of before resume (option 3 of the 001_ thread) instead of letting the restore fault on them. Pages it misses fault on the device_restore path: uffd serves them (strategy.uffdMode), or, with a KVM mechanism and uffdMode none, the restore fails with -EFAULT.
                         * @default false
                         */
                        preTransfer: boolean;
                        /**
                         * @description Declares the pre-transfer list incomplete: DeviceIDs added after the list was made, whose interrupt translation table (and level-2 device table, if no known device shares it) the list lacks.
                         * @default []
                         */
                        preTransferMissingDevices: number[];
                        /**
                         * @description after_restore: the vCPUs start after GITS_CTLR, as KVM documents; before_restore_tables: the VMM starts them before KVM_DEV_ARM_ITS_RESTORE_TABLES to shorten the downtime, and the ioctl fails with -EBUSY (KVM must lock every vCPU).
                         * @default after_restore
                         * @enum {string}
                         */
                        vcpuStart: "after_restore" | "before_restore_tables";
                    };
                };
                /**
                 * @description The link between source and target.
                 * @default {
                 *       "bandwidthGbps": 25,
                 *       "rttUs": 100,
                 *       "postcopyPreempt": false,
                 *       "preemptSender": "return_path",
                 *       "demandChannel": "migration_stream",
                 *       "multifdChannels": 1,
                 *       "multifdInPostcopy": false,
                 *       "sourceLocal": false,
                 *       "failures": [],
                 *       "postcopyRecovery": true
                 *     }
                 */
                network: {
                    /**
                     * @description Link bandwidth between source and target, Gbit/s.
                     * @default 25
                     */
                    bandwidthGbps: number;
                    /**
                     * @description Round-trip time between source and target in microseconds.
                     * @default 100
                     */
                    rttUs: number;
                    /**
                     * @description Separate channel for urgent page requests (QEMU's postcopy-preempt): demand pages do not queue behind the background stream.
                     * @default false
                     */
                    postcopyPreempt: boolean;
                    /**
                     * @description With postcopyPreempt: which source thread sends an urgent page. return_path (default; Peter Xu's "Postcopy Preempt-Full", QEMU since late 2022): the return-path thread that read the request sends it at once. migration_thread (the original postcopy-preempt, as [PX] measured it): the migration thread sends it, and when its background write finds the main socket full that thread sleeps in sendmsg() until a third of the send buffer (costs.send_buffer_kib) has drained, as a TCP sender does, so an urgent page may wait that long (3.6 ms at 10 Gbit/s with the default buffer; docs/model.md, section 5).
                     * @default return_path
                     * @enum {string}
                     */
                    preemptSender: "return_path" | "migration_thread";
                    /**
                     * @description Where a page fetched for a KVM exit travels. migration_stream: in the migration stream like every demand page (the preempt channel with postcopyPreempt), usable once the receive side has consumed what is queued ahead of it; separate_connection: a VMM design that fetches exit pages over a connection of their own, installed by the vCPU thread on arrival.
                     * @default migration_stream
                     * @enum {string}
                     */
                    demandChannel: "migration_stream" | "separate_connection";
                    /**
                     * @description Multifd connections (QEMU multifd-channels), each with its own receive thread on the target. As in QEMU (10.1+, which allows multifd with postcopy-ram) they carry the pre-copy rounds and stop at the switch to post-copy, where the background stream goes on the main channel (urgent pages on the preempt channel with postcopyPreempt); the model's pre-copy is bound by the wire, so they change nothing there. With multifdInPostcopy they also carry the post-copy background copy. Default 1 (docs/model.md, section 5).
                     * @default 1
                     */
                    multifdChannels: number;
                    /**
                     * @description With multifdChannels > 1: a VMM that keeps streaming the post-copy background copy over the multifd connections (they share the link bandwidth but install their chunks in parallel, lifting the one-receive-thread cap of ~14.7 Gbit/s; the migration thread then writes no background data, so preemptSender migration_thread does not wait). Default false: QEMU, whose multifd threads stop sending once post-copy starts (docs/model.md, section 5).
                     * @default false
                     */
                    multifdInPostcopy: boolean;
                    /**
                     * @description The source memory is local (as in demand_paging_test): a fetch is a memory copy, no link is involved.
                     * @default false
                     */
                    sourceLocal: boolean;
                    /**
                     * @description Failures of the link or the source. During post-copy a broken link or an unresponsive source pauses the migration (QEMU postcopy-paused): faulting vCPUs stay blocked; when it is back, recovery (postcopy-recover) re-sends what the failure cut. If it never comes back the VM is lost. During pre-copy or the switchover (atMs before resume) the migration is aborted and the VM stays on the source, or is lost with a source that fails for good.
                     * @default []
                     */
                    failures: {
                        /**
                         * @description link: the migration channels break; source: the source host stops serving (hangs for durationMs, or crashes for good and its memory is gone).
                         * @default link
                         * @enum {string}
                         */
                        component: "link" | "source";
                        /** @description When it fails, in ms after the vCPUs resumed on the target (during post-copy). Give this or atMs. */
                        afterResumeMs?: number;
                        /** @description When it fails, in ms from the moment the source paused the VM (t = 0 of every timestamp; give this or afterResumeMs): negative during pre-copy (needs strategy.precopy.rounds >= 1; before the first round: at its start), from 0 until the vCPUs resume during the switchover (device state sent and loaded, GIC/ITS restore), later during post-copy. A failure before resume aborts the migration: the VM stays on the source (docs/model.md, section 7d). */
                        atMs?: number;
                        /** @description How long until it is back; omitted: for good (the VM is lost if post-copy has not finished). */
                        durationMs?: number;
                    }[];
                    /**
                     * @description The management layer issues migrate-recover when a failed component is back; false: a paused post-copy never resumes and the VM is lost.
                     * @default true
                     */
                    postcopyRecovery: boolean;
                };
                /** @description Overrides of named cost parameters; any omitted parameter keeps its published default (docs/model.md). */
                costs?: {
                    /** @description EPT violation (x86_64) / stage-2 abort (arm64): VM exit and KVM fault-path entry up to the host page-table walk (hva_to_pfn). arm64 with VHE (ARMv8.1+ servers) exits to the host kernel without a second world switch: its trap round trip is ~0.58x of x86 (Dall et al., USENIX ATC 2017), applied to the exit part (450 of the 600 ns). Unit: ns. Default: 600 on x86_64, 410 on arm64. */
                    ept_violation_ns?: number;
                    /** @description Slow GUP (mmap_lock, handle_mm_fault) until handle_userfault() is reached. Unit: ns. Default: 500. */
                    gup_slow_path_ns?: number;
                    /** @description handle_userfault(): queueing the message on the uffd wait queue, under its spinlock (lock hold time). Unit: ns. Default: 1992. */
                    uffd_enqueue_ns?: number;
                    /** @description Handler thread read() of one uffd message (syscall + moving the waiter between wait queues; lock held for part of it). Unit: ns. Default: 1200. */
                    uffd_read_ns?: number;
                    /** @description Part of uffd_read_ns spent holding the uffd wait-queue spinlock. Unit: ns. Default: 120. */
                    uffd_read_lock_ns?: number;
                    /** @description Wake of the waiters of a resolved range (userfaultfd_wake / __wake_up), lock hold excluding the queue walk. Unit: ns. Default: 315. */
                    uffd_wake_ns?: number;
                    /** @description Extra wait-queue lock hold per fault still queued on the uffd: the range wake-up walks every waiter to match its address. Unit: ns. Default: 1. */
                    uffd_wake_scan_per_waiter_ns?: number;
                    /** @description Extra lock hold per idle handler thread woken by a new message (every poller on the uffd is woken; all but one find nothing). Unit: ns. Default: 89. */
                    uffd_poll_herd_per_reader_ns?: number;
                    /** @description Cache-line hand-off cost added to each uffd wait-queue lock acquisition per doubling of the threads blocked on the uffd. Unit: ns. Default: 509. */
                    lock_bounce_per_log2_contender_ns?: number;
                    /** @description Scheduler latency to wake an idle handler thread sleeping in poll(). Unit: ns. Default: 1000. */
                    handler_wakeup_ns?: number;
                    /** @description Scheduler latency until a woken vCPU thread runs again, retries the fault and re-enters the guest. Unit: ns. Default: 1176. */
                    vcpu_wakeup_ns?: number;
                    /** @description KVM_RUN returns to userspace with KVM_EXIT_MEMORY_FAULT (fast-GUP miss, exit, ioctl return). Unit: ns. Default: 800. */
                    exit_to_userspace_ns?: number;
                    /** @description KVM_RUN ioctl and VM entry after userspace resolved the fault. arm64 (VHE): the VM-entry part (~350 ns on x86) at ~0.58x, as for ept_violation_ns. Unit: ns. Default: 700 on x86_64, 550 on arm64. */
                    vcpu_reentry_ns?: number;
                    /** @description Async page fault (workload.asyncPageFaults): after the EPT violation, KVM queues the async-PF work and injects "page not present"; the guest's handler parks the faulting task and schedules another one (an exception entry and a context switch; estimate). Unit: ns. Default: 2000. */
                    async_pf_inject_ns?: number;
                    /** @description Serialized part of every install ioctl on the target mm (mmap_lock read-side and page-cache cache lines move between CPUs one at a time). Unit: ns. Default: 235. */
                    mmap_lock_hold_ns?: number;
                    /** @description Extra cost of an install ioctl (mmap_lock read side, shared page-cache locks) per doubling of the threads inside the fault/install path at once, up to llc_cpus of them (the contended cache lines move inside one last-level cache). Unit: ns. Default: 1170. */
                    mmap_lock_bounce_per_log2_vcpu_ns?: number;
                    /** @description Extra cost of an install ioctl per doubling of the threads inside the fault/install path beyond llc_cpus: the contended cache lines then move between last-level caches (chiplets or sockets), several times slower than inside one. Unit: ns. Default: 3970. */
                    mmap_lock_bounce_cross_llc_per_log2_ns?: number;
                    /** @description CPUs sharing one last-level cache on the target host (8 on an AMD Zen 3 CCX, as on the 256-thread host [AM] measured): contention among at most that many threads stays inside one cache. Unit: CPUs. Default: 8. */
                    llc_cpus?: number;
                    /** @description UFFDIO_COPY of one 4 KiB page (allocate, copy, map; wake excluded). Unit: ns. Default: 2000. */
                    uffdio_copy_4k_ns?: number;
                    /** @description UFFDIO_COPY of one 2 MiB huge page. Unit: ns. Default: 180000. */
                    uffdio_copy_2m_ns?: number;
                    /** @description UFFDIO_COPY of one 1 GiB huge page. Unit: ns. Default: 95000000. */
                    uffdio_copy_1g_ns?: number;
                    /** @description UFFDIO_CONTINUE of one 4 KiB page already in the page cache (map only). Unit: ns. Default: 500. */
                    uffdio_continue_4k_ns?: number;
                    /** @description UFFDIO_CONTINUE of one 2 MiB page (one PMD). Unit: ns. Default: 2000. */
                    uffdio_continue_2m_ns?: number;
                    /** @description UFFDIO_CONTINUE of one 1 GiB page (one PUD). Unit: ns. Default: 4000. */
                    uffdio_continue_1g_ns?: number;
                    /** @description UFFDIO_ZEROPAGE of one 4 KiB zero page: maps the shared zero page (anonymous) or a freshly cleared page (shmem); no copy. Not on hugetlbfs, where a zeroed huge page is copied (UFFDIO_COPY cost). Unit: ns. Default: 700. */
                    uffdio_zeropage_4k_ns?: number;
                    /** @description Filling the page cache through the second mapping or write() (memcpy at ~10 GB/s), per KiB. Unit: ns/KiB. Default: 100. */
                    page_cache_write_per_kib_ns?: number;
                    /** @description GIC/ITS restore: one kvm_read_guest_lock() of a table entry (8 bytes) or of an LPI property/pending byte from a present page (memslot lookup, copy_from_user). Unit: ns. Default: 300. */
                    kvm_read_guest_ns?: number;
                    /** @description GIC/ITS restore: one KVM_SET_DEVICE_ATTR ioctl writing a redistributor or ITS register (syscall round trip and the register emulation). Unit: ns. Default: 1000. */
                    kvm_device_attr_ns?: number;
                    /** @description Postcopy recovery after the link is back: re-establishing the migration channels (migrate-recover) before the received-pages bitmap is exchanged. Unit: ns. Default: 50000000. */
                    postcopy_recover_ns?: number;
                    /** @description Injecting a machine check into the vCPU instead of fetching a poisoned page: x86_64 one KVM_X86_SET_MCE ioctl (the bank values) and delivery; arm64 an SEA, for which QEMU first writes the CPER record into the guest's ACPI GHES error block (guest-memory writes, ~2 us more), then sets the pending external abort with KVM_SET_VCPU_EVENTS. Unit: ns. Default: 5000 on x86_64, 7000 on arm64. */
                    mce_inject_ns?: number;
                    /** @description Before resume: one zap (MADV_DONTNEED), hole punch or UFFDIO_POISON call per poisoned range on the target. Unit: ns. Default: 5000. */
                    poison_setup_per_range_ns?: number;
                    /** @description Target thread sends a page request on the return path (syscall). Unit: ns. Default: 2000. */
                    request_send_ns?: number;
                    /** @description Source side: receive the request, look up and queue the page for sending. Unit: ns. Default: 5000. */
                    fetch_service_ns?: number;
                    /** @description Send buffer of the main channel socket on the source (sk_sndbuf, autotuned up to net.ipv4.tcp_wmem's maximum): the background stream fills it, and a writer blocked on the full socket is woken when a third of it has drained (sk_stream_write_space). What a demand page queues behind without postcopy-preempt. Unit: KiB. Default: 13312. */
                    send_buffer_kib?: number;
                    /** @description CPU time of the source thread that writes the background stream, per KiB written: finding and clearing dirty bits, the zero-page check, the page header, the copy into the socket and TCP segmentation. It caps one stream at about 1 / this rate (each multifd channel has a thread of its own). Unit: ns/KiB. Default: 180. */
                    migration_thread_send_per_kib_ns?: number;
                    /** @description Device state sent while the VM is paused (vCPU registers, interrupt controllers, devices). Unit: KiB. Default: 1024. */
                    device_state_kib?: number;
                    /** @description Target loads the device state before resuming the vCPUs. Unit: ns. Default: 20000000. */
                    device_state_load_ns?: number;
                };
                /**
                 * @description The hosts the migration runs on, relative to the calibration host.
                 * @default {
                 *       "costScale": 1
                 *     }
                 */
                host: {
                    /**
                     * @description Multiplies every per-operation CPU cost (the ns and ns/KiB cost parameters, on both hosts; not sizes, not the management layer's recovery time) for hosts slower (> 1) or faster (< 1) than the calibration host (docs/validation.md). Explicit costs overrides are taken as they are.
                     * @default 1
                     */
                    costScale: number;
                };
                /**
                 * @description Bounds on the work a single simulation may do.
                 * @default {
                 *       "maxFaultEvents": 10000000,
                 *       "maxSimulatedSeconds": 3600
                 *     }
                 */
                limits: {
                    /**
                     * @description Stop (outcome truncated) after this many fault events. Hard maximum 100000000.
                     * @default 10000000
                     */
                    maxFaultEvents: number;
                    /**
                     * @description Stop (outcome truncated) when simulated post-copy time exceeds this.
                     * @default 3600
                     */
                    maxSimulatedSeconds: number;
                };
            };
            progressDetail: {
                /** @description Current simulated time in ns. */
                simTimeNs: number;
                /** @description switchover, postcopy or completing while it runs; then its outcome (completed, vm_lost, refused, aborted, truncated or stalled). */
                phase: string;
                /** @description 4 KiB frames already on the target. */
                pagesPresent: number;
                /** @description Guest memory in 4 KiB frames. */
                pagesTotal: number;
                /** @description Fault events resolved so far. */
                faults: number;
                /** @description Sum of vCPU stall time so far. */
                blocktimeNs: number;
            } | null;
            /** @description The simulator summary, once the simulation ended (null for a summary another model version stored in an older shape: see legacySummary). */
            summary: {
                /**
                 * @description How the simulated migration ended (docs/model.md, section 8). completed: every page that is not poisoned reached the target. vm_lost: the VM was lost (a link or source failure it could not survive, an instruction emulation that read a poisoned page, a machine check it could not deliver, or the device-state restore failed). refused: nothing moved (strict poison policy). aborted: a link or source failure before the vCPUs ran on the target (pre-copy, switchover) ended the migration; the VM stays on the source. truncated: a limit (limits.maxFaultEvents / maxSimulatedSeconds) stopped the run. stalled: no event was left while pages were still missing. Every outcome is a result: the migration's status is succeeded whenever the simulator ran to its end.
                 * @enum {string}
                 */
                outcome: "completed" | "vm_lost" | "refused" | "aborted" | "truncated" | "stalled";
                /** @description True only when the migration completed and no correctness violation happened (false for every other outcome). */
                correct: boolean;
                /** @description The guest runs on but poison reached by a kernel access left part of it broken: a vCPU livelocked on a nested walk (poison.livelockedVcpus) or the vhost virtqueue broken (poison.virtqueueBrokenAtNs). Not a correctness violation (no memory content is wrong, and the same poison does the same on the source), so correct may be true; the verdict then says GUEST IMPAIRED instead of completed correctly. False for a lost or refused VM. */
                guestImpaired: boolean;
                /** @description One plain sentence: completed correctly, NOT CORRECT (completed with violations, counted by kind), VM LOST, REFUSED, ABORTED, TRUNCATED or STALLED (each with the reason, and the violations if any), and GUEST IMPAIRED when guestImpaired. */
                verdict: string;
                /** @description Why the outcome is not completed (null when it is). */
                failureReason: string | null;
                /** @description Kept for older clients: the same as outcome = truncated (a limit stopped the run). */
                truncated: boolean;
                /** @description A sample: the first 20 correctness violations, in the order the simulator detected them (nearly by atNs). GET /v1/migrations/{id}/violations pages through every recorded one (violationsRecorded). */
                violations: {
                    /**
                     * @description partial_page_read, minor_thp_bypass, zero_page_exposed, its_state_lost, poison_escape, restore_failure (docs/hazards.md); ran_on_missing_page and poison_transferred would be simulator bugs.
                     * @enum {string}
                     */
                    kind: "partial_page_read" | "minor_thp_bypass" | "zero_page_exposed" | "its_state_lost" | "poison_escape" | "restore_failure" | "ran_on_missing_page" | "poison_transferred";
                    /** @description When it happened (simulated ns; t = 0: source paused). */
                    atNs: number;
                    /** @description The guest frame involved, if any. */
                    gfn: number | null;
                    /** @description The vCPU involved; null for the vhost/VMM thread, khugepaged and the device restore. */
                    vcpu: number | null;
                    /** @description What happened, in a sentence. */
                    detail: string;
                }[];
                /** @description Number of correctness violations: the true count, whatever the lists hold. */
                violationCount: number;
                /** @description Violations recorded one by one, and listed by GET /v1/migrations/{id}/violations: every one up to 100,000 (beyond, they are only counted in violationCount and violationsByKind). */
                violationsRecorded: number;
                /** @description Every violation counted by kind (the true counts). */
                violationsByKind: {
                    [key: string]: number;
                };
                timing: {
                    /** @description Setup + pre-copy + downtime + post-copy (QEMU's total-time). */
                    totalNs: number;
                    /** @description QEMU's setup-time: from the start of the migration to its first transfer. The model charges the connection of the migration channel (one round trip; 0 for a local source or a refused migration). */
                    setupNs: number;
                    /** @description Source paused until the vCPUs resumed on the target. */
                    downtimeNs: number;
                    /** @description Resume until the last page arrived. */
                    postcopyNs: number;
                    /** @description Duration of the pre-copy rounds before the pause (0 for pure post-copy). */
                    precopyNs: number;
                };
                /** @description Timestamps relative to the source pause (t = 0); pre-copy phases are negative. */
                phases: {
                    name: string;
                    atNs: number;
                }[];
                pages: {
                    /** @description Guest memory in 4 KiB frames. */
                    total: number;
                    /** @description Frames that arrived by the background copy. */
                    background: number;
                    /** @description Frames that arrived by a demand fetch. */
                    demand: number;
                    /** @description Frames already on the target at switchover (pre-copy). */
                    preTransferred: number;
                    /** @description Frames that never arrived (failed or truncated runs). */
                    missing: number;
                    /** @description Frames poisoned on the source (whole huge pages on hugetlbfs): never transferred. */
                    poisoned: number;
                    /** @description Frames the kernel filled with zeros because nothing intercepted the fault (zero_page_exposed): their content never arrives. */
                    zeroFilled: number;
                    /** @description Size of the unit counted above: 4096. */
                    frameBytes: number;
                    /** @description Of the frames that travelled (pre-copy, background, demand), those that were zero on the source (vm.zeroPageFraction): sent as a 9-byte flag instead of 4 KiB. */
                    sentAsZero: number;
                };
                /** @description Every byte sent to the target: the sum of bytes. */
                bytesOnWire: number;
                /** @description Transfer statistics as QEMU reports them (query-migrate / info migrate: ram.*; docs/model.md, section 8). */
                ram: {
                    /** @description QEMU's ram.transferred: guest-memory bytes sent (bytesOnWire without the device state). */
                    transferredBytes: number;
                    /** @description QEMU's ram.remaining: guest memory still to be sent, pages.missing x 4096 (0 once completed). */
                    remainingBytes: number;
                    /** @description QEMU's ram.total: guest memory. */
                    totalBytes: number;
                    /** @description QEMU's mbps at the end of a migration: bytesOnWire x 8 / (totalNs - setupNs), in Mbit/s (rounded to 0.001; 0 when no time passed). */
                    throughputMbps: number;
                    /** @description QEMU's ram.precopy-bytes: sent by the pre-copy rounds, while the guest ran on the source. */
                    precopyBytes: number;
                    /** @description QEMU's ram.downtime-bytes, as the source counts them: guest memory sent while the guest was paused and before the source entered post-copy: the GIC/ITS pre-transfer list (the device state is not guest memory). */
                    downtimeBytes: number;
                    /** @description QEMU's ram.postcopy-bytes: sent in post-copy (background, demand, re-sent pages), including those sent while the target was still loading the device state. precopyBytes + downtimeBytes + postcopyBytes = transferredBytes. */
                    postcopyBytes: number;
                    /** @description QEMU's postcopy-requests: demand page requests the target sent to the source (one per fetch, whatever the page size; the requests re-sent after a recovery are not counted: outages.rerequestedPages). */
                    postcopyRequests: number;
                };
                /** @description Per pre-copy round (strategy.precopy.rounds; empty for pure post-copy): what QEMU reports per dirty-bitmap sync. */
                precopyRounds: {
                    /** @description From 1. */
                    round: number;
                    /** @description 4 KiB frames sent in the round. */
                    pages: number;
                    /** @description Bytes sent in the round: pages x 4096, a zero page as a flag (round 1). */
                    bytes: number;
                    /** @description Duration of the round. */
                    durationNs: number;
                    /** @description Frames the guest dirtied during the round: sent by the next round, or missing on the target at switchover after the last one. */
                    dirtyPages: number;
                }[];
                bytes: {
                    background: number;
                    demand: number;
                    /** @description Pre-copy rounds and the GIC/ITS pre-transfer list. */
                    preTransferred: number;
                    deviceState: number;
                    /** @description Bytes of the transfers a link/source failure cut (queued on the socket or on the wire): written to the socket once more after recovery, so bytesOnWire counts them twice, as QEMU's ram.transferred does. */
                    resent: number;
                };
                faults: {
                    total: number;
                    /** @description Every fault: count, mean, percentiles (log-linear histogram, < 1.6 % error) and exact max. */
                    latency: {
                        count: number;
                        /** @description Mean latency (0 when count is 0). */
                        meanNs: number;
                        p50Ns: number;
                        p90Ns: number;
                        p99Ns: number;
                        maxNs: number;
                    };
                    /** @description Every fault's latency in power-of-2 buckets of ns, the non-empty ones in ascending order: [0, 1) holds latency 0, then [2^k, 2^(k+1)), as bpftrace's hist() prints them (QEMU 10.1's postcopy-latency-dist, in ns). */
                    latencyLog2: {
                        lowerNs: number;
                        upperNs: number;
                        count: number;
                    }[];
                    /** @description Mean fault latency per vCPU and for non-vCPU threads (QEMU 10.1's postcopy-vcpu-latency and postcopy-non-vcpu-latency; the overall mean, postcopy-latency, is latency.meanNs). */
                    meanLatency: {
                        /** @description Per vCPU: mean latency of its faults (0 when it had none). */
                        perVcpuNs: number[];
                        /** @description Mean latency of the faults of non-vCPU threads (vhost/VMM userspace, the device restore; 0 when none). */
                        nonVcpuNs: number;
                    };
                    byPath: {
                        [key: string]: {
                            count: number;
                            /** @description Mean latency (0 when count is 0). */
                            meanNs: number;
                            p50Ns: number;
                            p90Ns: number;
                            p99Ns: number;
                            maxNs: number;
                        };
                    };
                    byMechanism: {
                        [key: string]: {
                            count: number;
                            /** @description Mean latency (0 when count is 0). */
                            meanNs: number;
                            p50Ns: number;
                            p90Ns: number;
                            p99Ns: number;
                            maxNs: number;
                        };
                    };
                    byResolution: {
                        [key: string]: number;
                    };
                    /** @description Installs that found the page already present (UFFDIO_COPY -EEXIST): demand vs background races. */
                    eexistRaces: number;
                    /** @description Machine checks injected for accesses to poisoned pages. */
                    machineChecks: number;
                    /** @description 2 MiB ranges khugepaged collapsed and mapped without a fault (shmem THP under MINOR). */
                    thpCollapses: number;
                };
                /** @description Blocktime: how long vCPUs were stalled on missing pages (QEMU postcopy-blocktime). Async page faults (workload.asyncPageFaults) stall no vCPU and are not counted. */
                blocktime: {
                    /** @description QEMU's postcopy-blocktime: time during which every vCPU was blocked on a missing page at once. At most the post-copy duration. */
                    allVcpusNs: number;
                    /** @description Sum over vCPUs of the time each was blocked on faults (QEMU reports it per vCPU as postcopy-vcpu-blocktime). */
                    sumNs: number;
                    /**
                     * @deprecated
                     * @description Deprecated: the same as sumNs (named before allVcpusNs existed).
                     */
                    totalNs: number;
                    /** @description Per vCPU: time blocked on faults. */
                    perVcpuNs: number[];
                };
                /** @description Link and source failures scheduled by network.failures (QEMU postcopy-paused / postcopy-recover). */
                outages: {
                    /**
                     * @description none: no failure scheduled; not_reached: the migration ended before any; paused: the run ended while post-copy was paused; recovered: post-copy paused and resumed; aborted: a failure during pre-copy or the switchover ended the migration, the VM stays on the source; lost: a failure the migration could not survive.
                     * @enum {string}
                     */
                    outcome: "none" | "not_reached" | "paused" | "recovered" | "aborted" | "lost";
                    /** @description Time post-copy spent paused (postcopy-paused until recovery completed), overlapping failures counted once. */
                    pauseNs: number;
                    /** @description Demand pages requested before a failure and not yet arrived: their requests are re-sent on recovery. */
                    rerequestedPages: number;
                    /** @description Pages whose transfer was cut by a failure (queued on the socket, on the wire or at the source when it broke) and sent again after recovery (bytes.resent). */
                    resentPages: number;
                    /** @description When the VM was lost to a failure: pages that never reached the target. */
                    pagesNeverArrived: number | null;
                    events: {
                        /** @enum {string} */
                        component: "link" | "source";
                        /** @description When it failed (t = 0: source paused; negative: during pre-copy); null when it was given after resume and the vCPUs never resumed on the target. */
                        atNs: number | null;
                        /** @description How long it was down; null: for good. */
                        durationNs: number | null;
                        /** @description When post-copy resumed (recovery done), if it did. */
                        recoveredAtNs: number | null;
                        /** @enum {string} */
                        outcome: "not_reached" | "paused" | "recovered" | "aborted" | "lost";
                    }[];
                };
                /** @description Hardware-poisoned pages (vm.poisonedPages; docs/model.md, section 7b). */
                poison: {
                    /** @enum {string} */
                    policy: "intercept" | "strict";
                    /**
                     * @description How the target made the poisoned pages fault.
                     * @enum {string}
                     */
                    method: "uffdio_poison" | "zap" | "punch_hole" | "none";
                    /** @description strict policy and poisoned pages: the migration was refused (nothing moved). */
                    refused: boolean;
                    /** @description Entries in vm.poisonedPages. */
                    ranges: number;
                    /** @description 4 KiB frames the request lists as poisoned. */
                    requestedPages: number;
                    /** @description Frames the guest can no longer use on the target: the listed ones widened to whole huge pages on hugetlbfs (= pages.poisoned). */
                    unreachablePages: number;
                    /** @description Healthy memory lost to the blast radius: (unreachablePages - requestedPages) x 4096. */
                    healthyBytesUnreachable: number;
                    /** @description Memory made unreachable by one poisoned 4 KiB page: the backing page size on hugetlbfs, else 4096. */
                    blastRadiusBytes: number;
                    /** @description Time spent before resume making them fault (one call per range; part of the downtime). */
                    setupNs: number;
                    /** @description Poisoned frames pre-copy had sent before the poison (vm.poisonedPages[].poisonedDuringPrecopy). */
                    mappedAtSwitchover: number;
                    /** @description Of those, frames UFFDIO_POISON could not mark because they were mapped (-EEXIST): they escape on access. */
                    eexist: number;
                    /** @description Accesses answered with a machine check (MCE / SEA), with no fetch: a stage-2 fault on a vCPU (KVM sends SIGBUS BUS_MCEERR_AR to the vCPU thread, which the VMM injects). */
                    machineChecks: number;
                    /** @description KVM copy_to/from_user of a paravirtual page (kvmclock, steal time, PV EOI; arm64 stolen time) that is poisoned: -EFAULT, KVM skips that update and the guest runs on (no machine check). */
                    kvmCopyEfaults: number;
                    /** @description Instruction emulation that read a poisoned page: the read fails (-EFAULT) and KVM_RUN ends (x86_64 KVM_EXIT_INTERNAL_ERROR, emulation failure; arm64 -EFAULT): the VMM stops the VM. */
                    emulationFailures: number;
                    /** @description Copies by the vhost worker from/to a poisoned buffer page: -EFAULT, the virtqueue is marked broken and the device stops (the guest's network stops; the VM runs on). At most 1: the worker stops. */
                    vhostEfaults: number;
                    /** @description When the vhost virtqueue broke on a poisoned page, or null. */
                    virtqueueBrokenAtNs: number | null;
                    /** @description KVM walks of L1's EPT tables (vm.nested) whose get_user read a poisoned table page: -EFAULT, the walk fails as a translation fault and KVM reflects an EPT violation into L1 (no machine check, no exit to userspace); the vCPU livelocks (livelockedVcpus). */
                    nestedWalkEfaults: number;
                    /** @description vCPUs stuck for good on a failing nested walk (L1 re-enters L2, the walk fails again), and when: they make no further progress; the VM and the migration run on. */
                    livelockedVcpus: {
                        vcpu: number;
                        atNs: number;
                    }[];
                    /** @description Accesses that read a poisoned page as healthy memory (poison_escape violations). */
                    escapes: number;
                    /** @description Poisoned pages a khugepaged collapse mapped without a fault (minor_thp_bypass). */
                    exposedByThpCollapse: number;
                    /** @description Bytes of poisoned pages sent over the link after they were poisoned: always 0 (a self-check). */
                    bytesTransferred: number;
                };
                /** @description ARM GIC/ITS restore on the target before resume (docs/model.md, section 7c). */
                deviceRestore: {
                    /**
                     * @description none: no GIC to restore from guest memory (x86_64).
                     * @enum {string}
                     */
                    outcome: "ok" | "failed" | "none";
                    /** @description KVM's error when it failed: -EINVAL inconsistent table, -EBUSY a vCPU running. (-EFAULT is no longer produced: kvm_read_guest of a page no userfaultfd intercepts reads zeros, an its_state_lost violation.) */
                    errno: ("-EFAULT" | "-EINVAL" | "-EBUSY") | null;
                    failedStep: string | null;
                    /** @description The table whose read failed (property_table, pending_table, collection_table, device_table, device_table_l2, itt). */
                    table: string | null;
                    /** @description The guest frame whose read failed. */
                    gfn: number | null;
                    /** @description Restore time: from the first register write to GITS_CTLR (or the failure); part of the downtime. */
                    timeNs: number;
                    /** @description Of that, time spent waiting for demand fetches of pages that had not arrived. */
                    stallNs: number;
                    /** @description kvm_read_guest calls (8-byte table entries, LPI property and pending bytes). */
                    reads: number;
                    /** @description Distinct guest pages read. */
                    pagesRead: number;
                    /** @description Reads that faulted on a page that had not arrived (fault path device_restore). */
                    faults: number;
                    /** @description 4 KiB frames fetched from the source for those faults (a whole huge page per fault on hugetlbfs). */
                    pagesFetchedOnDemand: number;
                    /** @description GIC/ITS pages the VMM sent before resume (strategy.deviceRestore.preTransfer). */
                    preTransferred: {
                        pages: number;
                        bytes: number;
                    };
                    /** @description The restore sequence in the order KVM documents; a step that never ran has null times. */
                    steps: {
                        name: string;
                        detail: string;
                        startNs: number | null;
                        endNs: number | null;
                        reads: number;
                        pagesRead: number;
                        faults: number;
                        stallNs: number;
                    }[];
                    /** @description Where the GIC/ITS tables are in guest memory. */
                    tables: {
                        kind: string;
                        /** @description vCPU (pending table), DeviceID (ITT), level-1 index (level-2 device table). */
                        owner: number | null;
                        address: number;
                        bytes: number;
                        firstGfn: number;
                        pages: number;
                        /** @description true: placed by the simulator from the seed; false: the request gave the address. */
                        placed: boolean;
                        /** @description In the pre-transfer list. */
                        preTransferred: boolean;
                    }[];
                };
                /** @description The no-post-copy baseline: the same guest work with all memory present (docs/model.md, section 8b). */
                baseline: {
                    /** @description Per vCPU: the guest accesses compared. A workload that ends (demand_paging_test): all of them; otherwise those it executed from resume to the end of post-copy. */
                    accessesPerVcpu: number[];
                    /** @description Per vCPU: how long those accesses take with all memory present (accesses x 1e9 / workload.accessesPerSecond, no fault, no stall). */
                    perVcpuNs: number[];
                    /** @description Per vCPU: how long they took in this run, from resume to its last access (a workload that ends) or to the end of post-copy, stalls and thinkTimeNs after faults included. */
                    postcopyPerVcpuNs: number[];
                };
                /** @description Sum of baseline.postcopyPerVcpuNs / sum of baseline.perVcpuNs: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed; 1 when no vCPU ran on the target; null when they ran but executed no access at all). */
                slowdown: number | null;
                pagingRate: {
                    /** @description Demand paging rate: 4 KiB frames brought in by the vCPUs' own faults per second, from resume to the last vCPU fault resolution (a 2 MiB page counts 512; a fault that joined another's fetch counts none). */
                    overallPagesPerSec: number;
                    /** @description Per vCPU: 4 KiB frames its own faults brought in per second, from resume to its last fault resolution. */
                    perVcpuPagesPerSec: number[];
                };
            } | null;
            /** @description A summary stored by another model version (modelVersion) in a shape this version no longer serves as `summary` (fields added or renamed since), as stored; null otherwise. Re-running the spec with resolvedCosts gives a current one. */
            legacySummary: {
                [key: string]: unknown;
            } | null;
            /** @description Every cost parameter the run used (defaults of modelVersion, host.costScale, spec.costs overrides): with the spec, what reproduces the run. Null until it ended. */
            resolvedCosts: {
                /** @description EPT violation (x86_64) / stage-2 abort (arm64): VM exit and KVM fault-path entry up to the host page-table walk (hva_to_pfn). arm64 with VHE (ARMv8.1+ servers) exits to the host kernel without a second world switch: its trap round trip is ~0.58x of x86 (Dall et al., USENIX ATC 2017), applied to the exit part (450 of the 600 ns). Unit: ns. Default: 600 on x86_64, 410 on arm64. */
                ept_violation_ns: number;
                /** @description Slow GUP (mmap_lock, handle_mm_fault) until handle_userfault() is reached. Unit: ns. Default: 500. */
                gup_slow_path_ns: number;
                /** @description handle_userfault(): queueing the message on the uffd wait queue, under its spinlock (lock hold time). Unit: ns. Default: 1992. */
                uffd_enqueue_ns: number;
                /** @description Handler thread read() of one uffd message (syscall + moving the waiter between wait queues; lock held for part of it). Unit: ns. Default: 1200. */
                uffd_read_ns: number;
                /** @description Part of uffd_read_ns spent holding the uffd wait-queue spinlock. Unit: ns. Default: 120. */
                uffd_read_lock_ns: number;
                /** @description Wake of the waiters of a resolved range (userfaultfd_wake / __wake_up), lock hold excluding the queue walk. Unit: ns. Default: 315. */
                uffd_wake_ns: number;
                /** @description Extra wait-queue lock hold per fault still queued on the uffd: the range wake-up walks every waiter to match its address. Unit: ns. Default: 1. */
                uffd_wake_scan_per_waiter_ns: number;
                /** @description Extra lock hold per idle handler thread woken by a new message (every poller on the uffd is woken; all but one find nothing). Unit: ns. Default: 89. */
                uffd_poll_herd_per_reader_ns: number;
                /** @description Cache-line hand-off cost added to each uffd wait-queue lock acquisition per doubling of the threads blocked on the uffd. Unit: ns. Default: 509. */
                lock_bounce_per_log2_contender_ns: number;
                /** @description Scheduler latency to wake an idle handler thread sleeping in poll(). Unit: ns. Default: 1000. */
                handler_wakeup_ns: number;
                /** @description Scheduler latency until a woken vCPU thread runs again, retries the fault and re-enters the guest. Unit: ns. Default: 1176. */
                vcpu_wakeup_ns: number;
                /** @description KVM_RUN returns to userspace with KVM_EXIT_MEMORY_FAULT (fast-GUP miss, exit, ioctl return). Unit: ns. Default: 800. */
                exit_to_userspace_ns: number;
                /** @description KVM_RUN ioctl and VM entry after userspace resolved the fault. arm64 (VHE): the VM-entry part (~350 ns on x86) at ~0.58x, as for ept_violation_ns. Unit: ns. Default: 700 on x86_64, 550 on arm64. */
                vcpu_reentry_ns: number;
                /** @description Async page fault (workload.asyncPageFaults): after the EPT violation, KVM queues the async-PF work and injects "page not present"; the guest's handler parks the faulting task and schedules another one (an exception entry and a context switch; estimate). Unit: ns. Default: 2000. */
                async_pf_inject_ns: number;
                /** @description Serialized part of every install ioctl on the target mm (mmap_lock read-side and page-cache cache lines move between CPUs one at a time). Unit: ns. Default: 235. */
                mmap_lock_hold_ns: number;
                /** @description Extra cost of an install ioctl (mmap_lock read side, shared page-cache locks) per doubling of the threads inside the fault/install path at once, up to llc_cpus of them (the contended cache lines move inside one last-level cache). Unit: ns. Default: 1170. */
                mmap_lock_bounce_per_log2_vcpu_ns: number;
                /** @description Extra cost of an install ioctl per doubling of the threads inside the fault/install path beyond llc_cpus: the contended cache lines then move between last-level caches (chiplets or sockets), several times slower than inside one. Unit: ns. Default: 3970. */
                mmap_lock_bounce_cross_llc_per_log2_ns: number;
                /** @description CPUs sharing one last-level cache on the target host (8 on an AMD Zen 3 CCX, as on the 256-thread host [AM] measured): contention among at most that many threads stays inside one cache. Unit: CPUs. Default: 8. */
                llc_cpus: number;
                /** @description UFFDIO_COPY of one 4 KiB page (allocate, copy, map; wake excluded). Unit: ns. Default: 2000. */
                uffdio_copy_4k_ns: number;
                /** @description UFFDIO_COPY of one 2 MiB huge page. Unit: ns. Default: 180000. */
                uffdio_copy_2m_ns: number;
                /** @description UFFDIO_COPY of one 1 GiB huge page. Unit: ns. Default: 95000000. */
                uffdio_copy_1g_ns: number;
                /** @description UFFDIO_CONTINUE of one 4 KiB page already in the page cache (map only). Unit: ns. Default: 500. */
                uffdio_continue_4k_ns: number;
                /** @description UFFDIO_CONTINUE of one 2 MiB page (one PMD). Unit: ns. Default: 2000. */
                uffdio_continue_2m_ns: number;
                /** @description UFFDIO_CONTINUE of one 1 GiB page (one PUD). Unit: ns. Default: 4000. */
                uffdio_continue_1g_ns: number;
                /** @description UFFDIO_ZEROPAGE of one 4 KiB zero page: maps the shared zero page (anonymous) or a freshly cleared page (shmem); no copy. Not on hugetlbfs, where a zeroed huge page is copied (UFFDIO_COPY cost). Unit: ns. Default: 700. */
                uffdio_zeropage_4k_ns: number;
                /** @description Filling the page cache through the second mapping or write() (memcpy at ~10 GB/s), per KiB. Unit: ns/KiB. Default: 100. */
                page_cache_write_per_kib_ns: number;
                /** @description GIC/ITS restore: one kvm_read_guest_lock() of a table entry (8 bytes) or of an LPI property/pending byte from a present page (memslot lookup, copy_from_user). Unit: ns. Default: 300. */
                kvm_read_guest_ns: number;
                /** @description GIC/ITS restore: one KVM_SET_DEVICE_ATTR ioctl writing a redistributor or ITS register (syscall round trip and the register emulation). Unit: ns. Default: 1000. */
                kvm_device_attr_ns: number;
                /** @description Postcopy recovery after the link is back: re-establishing the migration channels (migrate-recover) before the received-pages bitmap is exchanged. Unit: ns. Default: 50000000. */
                postcopy_recover_ns: number;
                /** @description Injecting a machine check into the vCPU instead of fetching a poisoned page: x86_64 one KVM_X86_SET_MCE ioctl (the bank values) and delivery; arm64 an SEA, for which QEMU first writes the CPER record into the guest's ACPI GHES error block (guest-memory writes, ~2 us more), then sets the pending external abort with KVM_SET_VCPU_EVENTS. Unit: ns. Default: 5000 on x86_64, 7000 on arm64. */
                mce_inject_ns: number;
                /** @description Before resume: one zap (MADV_DONTNEED), hole punch or UFFDIO_POISON call per poisoned range on the target. Unit: ns. Default: 5000. */
                poison_setup_per_range_ns: number;
                /** @description Target thread sends a page request on the return path (syscall). Unit: ns. Default: 2000. */
                request_send_ns: number;
                /** @description Source side: receive the request, look up and queue the page for sending. Unit: ns. Default: 5000. */
                fetch_service_ns: number;
                /** @description Send buffer of the main channel socket on the source (sk_sndbuf, autotuned up to net.ipv4.tcp_wmem's maximum): the background stream fills it, and a writer blocked on the full socket is woken when a third of it has drained (sk_stream_write_space). What a demand page queues behind without postcopy-preempt. Unit: KiB. Default: 13312. */
                send_buffer_kib: number;
                /** @description CPU time of the source thread that writes the background stream, per KiB written: finding and clearing dirty bits, the zero-page check, the page header, the copy into the socket and TCP segmentation. It caps one stream at about 1 / this rate (each multifd channel has a thread of its own). Unit: ns/KiB. Default: 180. */
                migration_thread_send_per_kib_ns: number;
                /** @description Device state sent while the VM is paused (vCPU registers, interrupt controllers, devices). Unit: KiB. Default: 1024. */
                device_state_kib: number;
                /** @description Target loads the device state before resuming the vCPUs. Unit: ns. Default: 20000000. */
                device_state_load_ns: number;
            } | null;
            /** @description Why the service could not run it (status failed). */
            error: {
                title: string;
                detail: string;
            } | null;
            links: {
                self: string;
                faults: string;
                violations: string;
                cancel: string;
            };
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
         *           "status": "queued",
         *           "progress": 0,
         *           "cancelRequested": false,
         *           "attempts": 0,
         *           "eventCount": 0,
         *           "modelVersion": 12,
         *           "experimentId": null,
         *           "faultEvents": "all",
         *           "createdAt": "2026-03-02T09:14:07.512Z",
         *           "startedAt": null,
         *           "finishedAt": null,
         *           "spec": {
         *             "seed": 42,
         *             "vm": {
         *               "arch": "x86_64",
         *               "memoryMiB": 256,
         *               "vcpus": 4,
         *               "pageSize": "4K",
         *               "backing": "anonymous",
         *               "thp": false,
         *               "khugepagedCollapsesPerSecond": 1,
         *               "nested": false,
         *               "zeroPageFraction": 0,
         *               "ras": true,
         *               "poisonedPages": [],
         *               "poisonPlacement": "gfn"
         *             },
         *             "workload": {
         *               "pattern": "zipf",
         *               "writeRatio": 0.3,
         *               "accessesPerSecond": 100000,
         *               "thinkTimeNs": 1000,
         *               "asyncPageFaults": false,
         *               "userModeShare": 1,
         *               "zipfExponent": 1.1,
         *               "faultSources": {
         *                 "kvmUserAccessPerSecond": 1000,
         *                 "instructionEmulationPerSecond": 200,
         *                 "nestedWalkShare": 0.5,
         *                 "vhostAccessesPerSecond": 0,
         *                 "vhostBufferMiB": 8
         *               }
         *             },
         *             "strategy": {
         *               "mechanism": "uffd_missing",
         *               "handlerThreads": 1,
         *               "uffdCount": 1,
         *               "uffdWake": "poll",
         *               "hugetlbMapping": "huge_page",
         *               "gmemUptodateCheck": true,
         *               "poisonPolicy": "intercept",
         *               "backgroundCopy": {
         *                 "enabled": true,
         *                 "bandwidthShare": 0.8,
         *                 "order": "sequential"
         *               },
         *               "precopy": {
         *                 "rounds": 0,
         *                 "dirtyRateMiBps": 256
         *               },
         *               "deviceRestore": {
         *                 "preTransfer": false,
         *                 "preTransferMissingDevices": [],
         *                 "vcpuStart": "after_restore"
         *               }
         *             },
         *             "network": {
         *               "bandwidthGbps": 25,
         *               "rttUs": 50,
         *               "postcopyPreempt": false,
         *               "preemptSender": "return_path",
         *               "demandChannel": "migration_stream",
         *               "multifdChannels": 1,
         *               "multifdInPostcopy": false,
         *               "sourceLocal": false,
         *               "failures": [],
         *               "postcopyRecovery": true
         *             },
         *             "host": {
         *               "costScale": 1
         *             },
         *             "limits": {
         *               "maxFaultEvents": 10000000,
         *               "maxSimulatedSeconds": 3600
         *             }
         *           },
         *           "progressDetail": null,
         *           "summary": null,
         *           "legacySummary": null,
         *           "resolvedCosts": null,
         *           "error": null,
         *           "links": {
         *             "self": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
         *             "faults": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/faults",
         *             "violations": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/violations",
         *             "cancel": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/cancel"
         *           }
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MigrationPage: {
            items: components["schemas"]["Migration"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "seq": 0,
         *       "vcpu": 2,
         *       "thread": 0,
         *       "gfn": 51234,
         *       "pageSizeBytes": 4096,
         *       "write": false,
         *       "path": "vcpu_access",
         *       "mechanism": "uffd_missing",
         *       "resolution": "uffdio_copy",
         *       "raisedAtNs": 18250,
         *       "resolvedAtNs": 41730,
         *       "latencyNs": 23480
         *     }
         */
        FaultEvent: {
            /** @description Dense sequence number within the migration, from 0. */
            seq: number;
            /** @description Faulting vCPU, or -1 when no vCPU raised it. */
            vcpu: number;
            /** @description Resolving uffd handler thread, or -1 for the faulting vCPU thread itself. */
            thread: number;
            gfn: number;
            /** @description Size of the page the resolution moved. */
            pageSizeBytes: number;
            write: boolean;
            /** @enum {string} */
            path: "vcpu_access" | "kvm_user_access" | "instruction_emulation" | "nested_walk" | "device_restore" | "vhost_userspace" | "async_page_fault";
            /** @enum {string} */
            mechanism: "uffd_missing" | "uffd_minor" | "kvm_exit_on_missing" | "kvm_userfault" | "gmem_write_continue";
            /** @enum {string} */
            resolution: "uffdio_copy" | "uffdio_continue" | "write_continue" | "exit_fetch" | "eexist_wake" | "joined_inflight" | "machine_check" | "poison_escape" | "unresolved" | "zero_fill" | "partial_read" | "efault";
            raisedAtNs: number;
            resolvedAtNs: number;
            latencyNs: number;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "seq": 0,
         *           "vcpu": 2,
         *           "thread": 0,
         *           "gfn": 51234,
         *           "pageSizeBytes": 4096,
         *           "write": false,
         *           "path": "vcpu_access",
         *           "mechanism": "uffd_missing",
         *           "resolution": "uffdio_copy",
         *           "raisedAtNs": 18250,
         *           "resolvedAtNs": 41730,
         *           "latencyNs": 23480
         *         }
         *       ],
         *       "nextCursor": "eyJzZXEiOjB9",
         *       "sampleEvery": 1
         *     }
         */
        FaultEventPage: {
            items: components["schemas"]["FaultEvent"][];
            nextCursor: string | null;
            /** @description Which of the migration's fault events are stored, hence counted here: 1, every one; 64, every 64th by seq (faultEvents sample), so that counts, blocktime and the timeline are about 1/64 of the run's (its summary has the whole run). */
            sampleEvery: number;
        };
        /**
         * @example {
         *       "seq": 0,
         *       "kind": "zero_page_exposed",
         *       "atNs": 1873412,
         *       "gfn": 51234,
         *       "vcpu": null,
         *       "detail": "a vhost/VMM userspace access to a missing page was not intercepted (no userfaultfd): the kernel mapped a zero-filled page"
         *     }
         */
        Violation: {
            /**
             * @description partial_page_read, minor_thp_bypass, zero_page_exposed, its_state_lost, poison_escape, restore_failure (docs/hazards.md); ran_on_missing_page and poison_transferred would be simulator bugs.
             * @enum {string}
             */
            kind: "partial_page_read" | "minor_thp_bypass" | "zero_page_exposed" | "its_state_lost" | "poison_escape" | "restore_failure" | "ran_on_missing_page" | "poison_transferred";
            /** @description When it happened (simulated ns; t = 0: source paused). */
            atNs: number;
            /** @description The guest frame involved, if any. */
            gfn: number | null;
            /** @description The vCPU involved; null for the vhost/VMM thread, khugepaged and the device restore. */
            vcpu: number | null;
            /** @description What happened, in a sentence. */
            detail: string;
            /** @description Position in the simulator's order, from 0 (the summary's sample is seq 0 to 19). */
            seq: number;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "seq": 0,
         *           "kind": "zero_page_exposed",
         *           "atNs": 1873412,
         *           "gfn": 51234,
         *           "vcpu": null,
         *           "detail": "a vhost/VMM userspace access to a missing page was not intercepted (no userfaultfd): the kernel mapped a zero-filled page"
         *         }
         *       ],
         *       "nextCursor": "eyJzZXEiOjB9"
         *     }
         */
        ViolationPage: {
            items: components["schemas"]["Violation"][];
            /** @description Pass it as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * @description Faults with lowerNs <= latencyNs < upperNs.
         * @example {
         *       "lowerNs": 16384,
         *       "upperNs": 32768,
         *       "count": 2
         *     }
         */
        LatencyHistogramBucket: {
            lowerNs: number;
            upperNs: number;
            count: number;
        };
        /**
         * @example {
         *       "vcpu": 2,
         *       "blockedNs": 84680,
         *       "faults": 2
         *     }
         */
        VcpuBlocktime: {
            vcpu: number;
            /** @description Sum of the latencies of its faults: the time the vCPU was stalled. */
            blockedNs: number;
            faults: number;
        };
        /**
         * @example {
         *       "startNs": 0,
         *       "endNs": 60000,
         *       "faults": 2
         *     }
         */
        TimelineBucket: {
            startNs: number;
            endNs: number;
            /** @description Faults raised in [startNs, endNs). */
            faults: number;
        };
        /**
         * @description Aggregates of the matching fault events, computed by the database.
         * @example {
         *       "total": 3,
         *       "latency": {
         *         "p50Ns": 23480,
         *         "p90Ns": 61200,
         *         "p99Ns": 61200,
         *         "maxNs": 61200,
         *         "meanNs": 36060
         *       },
         *       "latencyHistogram": [
         *         {
         *           "lowerNs": 16384,
         *           "upperNs": 32768,
         *           "count": 2
         *         },
         *         {
         *           "lowerNs": 32768,
         *           "upperNs": 65536,
         *           "count": 1
         *         }
         *       ],
         *       "byPath": {
         *         "vcpu_access": 3,
         *         "kvm_user_access": 0,
         *         "instruction_emulation": 0,
         *         "nested_walk": 0,
         *         "device_restore": 0,
         *         "vhost_userspace": 0,
         *         "async_page_fault": 0
         *       },
         *       "byMechanism": {
         *         "uffd_missing": 3,
         *         "uffd_minor": 0,
         *         "kvm_exit_on_missing": 0,
         *         "kvm_userfault": 0,
         *         "gmem_write_continue": 0
         *       },
         *       "byResolution": {
         *         "uffdio_copy": 3,
         *         "uffdio_continue": 0,
         *         "write_continue": 0,
         *         "exit_fetch": 0,
         *         "eexist_wake": 0,
         *         "joined_inflight": 0,
         *         "machine_check": 0,
         *         "poison_escape": 0,
         *         "unresolved": 0,
         *         "zero_fill": 0,
         *         "partial_read": 0,
         *         "efault": 0
         *       },
         *       "blocktimePerVcpu": [
         *         {
         *           "vcpu": 0,
         *           "blockedNs": 23500,
         *           "faults": 1
         *         },
         *         {
         *           "vcpu": 2,
         *           "blockedNs": 84680,
         *           "faults": 2
         *         }
         *       ],
         *       "timeline": [
         *         {
         *           "startNs": 0,
         *           "endNs": 60000,
         *           "faults": 2
         *         },
         *         {
         *           "startNs": 60000,
         *           "endNs": 120000,
         *           "faults": 1
         *         }
         *       ],
         *       "sampleEvery": 1
         *     }
         */
        FaultStats: {
            /** @description Matching fault events. */
            total: number;
            /** @description Fault latency (resolvedAtNs - raisedAtNs). Percentiles are exact and discrete: pXNs is the smallest latency with at least X% of the faults at or below it. All 0 when nothing matches. */
            latency: {
                p50Ns: number;
                p90Ns: number;
                p99Ns: number;
                maxNs: number;
                meanNs: number;
            };
            /** @description Log-scale buckets in ascending order, only the non-empty ones: [0, 1) holds latency 0, then latencyBucketsPerDoubling buckets from each power of two to the next (bounds rounded up to whole ns; with 1, [2^k, 2^(k+1))). */
            latencyHistogram: components["schemas"]["LatencyHistogramBucket"][];
            /** @description Faults per path; every path is listed (0 when none). */
            byPath: {
                [key: string]: number;
            };
            /** @description Faults per mechanism; every mechanism is listed. */
            byMechanism: {
                [key: string]: number;
            };
            /** @description Faults per resolution; every resolution is listed. */
            byResolution: {
                [key: string]: number;
            };
            /** @description vCPU faults only (vcpu >= 0), ascending vcpu; vCPUs without a matching fault are not listed. */
            blocktimePerVcpu: components["schemas"]["VcpuBlocktime"][];
            /** @description `buckets` equal buckets over [0, max raisedAtNs of the matching faults], all listed (the last one also holds the maximum). Empty when nothing matches. */
            timeline: components["schemas"]["TimelineBucket"][];
            /** @description Which of the migration's fault events are stored, hence counted here: 1, every one; 64, every 64th by seq (faultEvents sample), so that counts, blocktime and the timeline are about 1/64 of the run's (its summary has the whole run). */
            sampleEvery: number;
        };
        /**
         * @example {
         *       "status": "ok",
         *       "checks": {
         *         "postgres": "ok",
         *         "redis": "ok"
         *       }
         *     }
         */
        Readiness: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            /** @description "ok" or the error of each dependency. */
            checks: {
                postgres: string;
                redis: string;
            };
        };
        /**
         * @example {
         *       "status": "ok",
         *       "modelVersion": 12,
         *       "version": "0.1.0"
         *     }
         */
        Health: {
            /** @constant */
            status: "ok";
            /** @description The simulator model version this process runs (new migrations record it; see Migration's modelVersion). */
            modelVersion: number;
            /** @description The service's version (package.json). */
            version: string;
        };
        /**
         * @description The key figures of a run (see `metrics` of the results for units).
         * @example {
         *       "totalNs": 147300754,
         *       "downtimeNs": 20385544,
         *       "postcopyNs": 126815210,
         *       "blocktimeAllVcpusNs": 119590986,
         *       "blocktimePerVcpuMeanNs": 119590986,
         *       "faults": 28,
         *       "latencyP50Ns": 4554752,
         *       "latencyP99Ns": 4932151,
         *       "vcpuFaultLatencyMeanNs": 4271107,
         *       "slowdown": 17.622,
         *       "pagingRatePagesPerSec": 199.843,
         *       "bytesOnWire": 269496320,
         *       "violations": 0
         *     }
         */
        RunMetrics: {
            /** @description timing.totalNs: pre-copy + downtime + post-copy. Unit: ns. */
            totalNs: number;
            /** @description timing.downtimeNs: source paused until the vCPUs resumed on the target. Unit: ns. */
            downtimeNs: number;
            /** @description timing.postcopyNs: resume until the last page arrived. Unit: ns. */
            postcopyNs: number;
            /** @description blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once). Unit: ns. */
            blocktimeAllVcpusNs: number;
            /** @description Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime). Unit: ns. */
            blocktimePerVcpuMeanNs: number;
            /** @description faults.total: fault events of the run. Unit: count. */
            faults: number;
            /** @description faults.latency.p50Ns. Unit: ns. */
            latencyP50Ns: number;
            /** @description faults.latency.p99Ns. Unit: ns. */
            latencyP99Ns: number;
            /** @description Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the "average page request latency" of QEMU measurements. Unit: ns. */
            vcpuFaultLatencyMeanNs: number;
            slowdown: number | null;
            /** @description pagingRate.overallPagesPerSec: demand paging rate of the vCPUs. Unit: 4 KiB frames/s. */
            pagingRatePagesPerSec: number;
            /** @description bytesOnWire: everything sent over the link. Unit: bytes. */
            bytesOnWire: number;
            /** @description violationCount: correctness violations. Unit: count. */
            violations: number;
        };
        /**
         * @example {
         *       "total": 2,
         *       "done": 2,
         *       "fraction": 1,
         *       "byStatus": {
         *         "queued": 0,
         *         "running": 0,
         *         "succeeded": 2,
         *         "failed": 0,
         *         "cancelled": 0
         *       }
         *     }
         */
        ExperimentProgress: {
            /** @description Runs of the experiment. */
            total: number;
            /** @description Runs that have ended (succeeded, failed or cancelled). */
            done: number;
            /** @description done / total. */
            fraction: number;
            /** @description Runs per status. A short run that keeps no fault events goes from queued to its end directly (its batch records it once, when it ends); running counts the runs that report progress (250 ms or more). */
            byStatus: {
                [key: string]: number;
            };
        };
        /**
         * @description The results table of an experiment.
         * @example {
         *       "columns": [
         *         "vm.vcpus"
         *       ],
         *       "metrics": [
         *         {
         *           "name": "totalNs",
         *           "unit": "ns",
         *           "description": "timing.totalNs: pre-copy + downtime + post-copy."
         *         },
         *         {
         *           "name": "downtimeNs",
         *           "unit": "ns",
         *           "description": "timing.downtimeNs: source paused until the vCPUs resumed on the target."
         *         },
         *         {
         *           "name": "postcopyNs",
         *           "unit": "ns",
         *           "description": "timing.postcopyNs: resume until the last page arrived."
         *         },
         *         {
         *           "name": "blocktimeAllVcpusNs",
         *           "unit": "ns",
         *           "description": "blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once)."
         *         },
         *         {
         *           "name": "blocktimePerVcpuMeanNs",
         *           "unit": "ns",
         *           "description": "Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime)."
         *         },
         *         {
         *           "name": "faults",
         *           "unit": "count",
         *           "description": "faults.total: fault events of the run."
         *         },
         *         {
         *           "name": "latencyP50Ns",
         *           "unit": "ns",
         *           "description": "faults.latency.p50Ns."
         *         },
         *         {
         *           "name": "latencyP99Ns",
         *           "unit": "ns",
         *           "description": "faults.latency.p99Ns."
         *         },
         *         {
         *           "name": "vcpuFaultLatencyMeanNs",
         *           "unit": "ns",
         *           "description": "Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the \"average page request latency\" of QEMU measurements."
         *         },
         *         {
         *           "name": "slowdown",
         *           "unit": "ratio",
         *           "description": "slowdown: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed); null when they executed no access at all (the aggregates leave such runs out)."
         *         },
         *         {
         *           "name": "pagingRatePagesPerSec",
         *           "unit": "4 KiB frames/s",
         *           "description": "pagingRate.overallPagesPerSec: demand paging rate of the vCPUs."
         *         },
         *         {
         *           "name": "bytesOnWire",
         *           "unit": "bytes",
         *           "description": "bytesOnWire: everything sent over the link."
         *         },
         *         {
         *           "name": "violations",
         *           "unit": "count",
         *           "description": "violationCount: correctness violations."
         *         }
         *       ],
         *       "runs": [
         *         {
         *           "index": 0,
         *           "migrationId": "5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64",
         *           "values": {
         *             "vm.vcpus": 1
         *           },
         *           "seedIndex": 0,
         *           "seed": 1,
         *           "status": "succeeded",
         *           "outcome": "completed",
         *           "correct": true,
         *           "guestImpaired": false,
         *           "metrics": {
         *             "totalNs": 147300754,
         *             "downtimeNs": 20385544,
         *             "postcopyNs": 126815210,
         *             "blocktimeAllVcpusNs": 119590986,
         *             "blocktimePerVcpuMeanNs": 119590986,
         *             "faults": 28,
         *             "latencyP50Ns": 4554752,
         *             "latencyP99Ns": 4932151,
         *             "vcpuFaultLatencyMeanNs": 4271107,
         *             "slowdown": 17.622,
         *             "pagingRatePagesPerSec": 199.843,
         *             "bytesOnWire": 269496320,
         *             "violations": 0
         *           }
         *         },
         *         {
         *           "index": 1,
         *           "migrationId": "c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37",
         *           "values": {
         *             "vm.vcpus": 4
         *           },
         *           "seedIndex": 0,
         *           "seed": 1,
         *           "status": "succeeded",
         *           "outcome": "completed",
         *           "correct": true,
         *           "guestImpaired": false,
         *           "metrics": {
         *             "totalNs": 147320869,
         *             "downtimeNs": 20385544,
         *             "postcopyNs": 126835325,
         *             "blocktimeAllVcpusNs": 115689430,
         *             "blocktimePerVcpuMeanNs": 122026969,
         *             "faults": 117,
         *             "latencyP50Ns": 4554752,
         *             "latencyP99Ns": 4938856,
         *             "vcpuFaultLatencyMeanNs": 4171862,
         *             "slowdown": 26.54,
         *             "pagingRatePagesPerSec": 780.53,
         *             "bytesOnWire": 269549568,
         *             "violations": 0
         *           }
         *         }
         *       ],
         *       "aggregates": [
         *         {
         *           "values": {
         *             "vm.vcpus": 1
         *           },
         *           "runs": 1,
         *           "measured": 1,
         *           "outcomes": {
         *             "completed": 1
         *           },
         *           "metrics": {
         *             "totalNs": {
         *               "mean": 147300754,
         *               "min": 147300754,
         *               "max": 147300754,
         *               "sd": null
         *             },
         *             "downtimeNs": {
         *               "mean": 20385544,
         *               "min": 20385544,
         *               "max": 20385544,
         *               "sd": null
         *             },
         *             "postcopyNs": {
         *               "mean": 126815210,
         *               "min": 126815210,
         *               "max": 126815210,
         *               "sd": null
         *             },
         *             "blocktimeAllVcpusNs": {
         *               "mean": 119590986,
         *               "min": 119590986,
         *               "max": 119590986,
         *               "sd": null
         *             },
         *             "blocktimePerVcpuMeanNs": {
         *               "mean": 119590986,
         *               "min": 119590986,
         *               "max": 119590986,
         *               "sd": null
         *             },
         *             "faults": {
         *               "mean": 28,
         *               "min": 28,
         *               "max": 28,
         *               "sd": null
         *             },
         *             "latencyP50Ns": {
         *               "mean": 4554752,
         *               "min": 4554752,
         *               "max": 4554752,
         *               "sd": null
         *             },
         *             "latencyP99Ns": {
         *               "mean": 4932151,
         *               "min": 4932151,
         *               "max": 4932151,
         *               "sd": null
         *             },
         *             "vcpuFaultLatencyMeanNs": {
         *               "mean": 4271107,
         *               "min": 4271107,
         *               "max": 4271107,
         *               "sd": null
         *             },
         *             "slowdown": {
         *               "mean": 17.622,
         *               "min": 17.622,
         *               "max": 17.622,
         *               "sd": null
         *             },
         *             "pagingRatePagesPerSec": {
         *               "mean": 199.843,
         *               "min": 199.843,
         *               "max": 199.843,
         *               "sd": null
         *             },
         *             "bytesOnWire": {
         *               "mean": 269496320,
         *               "min": 269496320,
         *               "max": 269496320,
         *               "sd": null
         *             },
         *             "violations": {
         *               "mean": 0,
         *               "min": 0,
         *               "max": 0,
         *               "sd": null
         *             }
         *           },
         *           "published": null
         *         },
         *         {
         *           "values": {
         *             "vm.vcpus": 4
         *           },
         *           "runs": 1,
         *           "measured": 1,
         *           "outcomes": {
         *             "completed": 1
         *           },
         *           "metrics": {
         *             "totalNs": {
         *               "mean": 147320869,
         *               "min": 147320869,
         *               "max": 147320869,
         *               "sd": null
         *             },
         *             "downtimeNs": {
         *               "mean": 20385544,
         *               "min": 20385544,
         *               "max": 20385544,
         *               "sd": null
         *             },
         *             "postcopyNs": {
         *               "mean": 126835325,
         *               "min": 126835325,
         *               "max": 126835325,
         *               "sd": null
         *             },
         *             "blocktimeAllVcpusNs": {
         *               "mean": 115689430,
         *               "min": 115689430,
         *               "max": 115689430,
         *               "sd": null
         *             },
         *             "blocktimePerVcpuMeanNs": {
         *               "mean": 122026969,
         *               "min": 122026969,
         *               "max": 122026969,
         *               "sd": null
         *             },
         *             "faults": {
         *               "mean": 117,
         *               "min": 117,
         *               "max": 117,
         *               "sd": null
         *             },
         *             "latencyP50Ns": {
         *               "mean": 4554752,
         *               "min": 4554752,
         *               "max": 4554752,
         *               "sd": null
         *             },
         *             "latencyP99Ns": {
         *               "mean": 4938856,
         *               "min": 4938856,
         *               "max": 4938856,
         *               "sd": null
         *             },
         *             "vcpuFaultLatencyMeanNs": {
         *               "mean": 4171862,
         *               "min": 4171862,
         *               "max": 4171862,
         *               "sd": null
         *             },
         *             "slowdown": {
         *               "mean": 26.54,
         *               "min": 26.54,
         *               "max": 26.54,
         *               "sd": null
         *             },
         *             "pagingRatePagesPerSec": {
         *               "mean": 780.53,
         *               "min": 780.53,
         *               "max": 780.53,
         *               "sd": null
         *             },
         *             "bytesOnWire": {
         *               "mean": 269549568,
         *               "min": 269549568,
         *               "max": 269549568,
         *               "sd": null
         *             },
         *             "violations": {
         *               "mean": 0,
         *               "min": 0,
         *               "max": 0,
         *               "sd": null
         *             }
         *           },
         *           "published": null
         *         }
         *       ],
         *       "preset": null
         *     }
         */
        ExperimentResults: {
            /** @description The varied fields, in axis order (linked fields after their axis). */
            columns: string[];
            /** @description The metrics of every row, with their units. */
            metrics: {
                /** @enum {string} */
                name: "totalNs" | "downtimeNs" | "postcopyNs" | "blocktimeAllVcpusNs" | "blocktimePerVcpuMeanNs" | "faults" | "latencyP50Ns" | "latencyP99Ns" | "vcpuFaultLatencyMeanNs" | "slowdown" | "pagingRatePagesPerSec" | "bytesOnWire" | "violations";
                unit: string;
                description: string;
            }[];
            runs: {
                /** @description Position of the run (the order of the axes, seeds innermost). */
                index: number;
                /**
                 * Format: uuid
                 * @description The run is this migration: its summary, faults and events are at /v1/migrations/{migrationId}.
                 */
                migrationId: string;
                /** @description The axis values of the run ({ path: value }). */
                values: {
                    [key: string]: components["schemas"]["AxisValue"];
                };
                /** @description Seed repetition, from 0: the run's seed is that of its combination + seedIndex. */
                seedIndex: number;
                /** @description The run's seed (its spec's): submitting that spec alone gives the same run. */
                seed: number;
                /**
                 * @description The run's migration status.
                 * @enum {string}
                 */
                status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                /** @description summary.outcome, once the run ended. */
                outcome: string | null;
                /** @description summary.correct: completed with no correctness violation. */
                correct: boolean | null;
                /** @description summary.guestImpaired: poison reached by a kernel access left part of the guest broken (a livelocked vCPU, a broken virtqueue). */
                guestImpaired: boolean | null;
                metrics: components["schemas"]["RunMetrics"] | null;
            }[];
            /** @description One row per combination of axis values: the metrics over the seeds. */
            aggregates: {
                /** @description The axis values of the combination ({ path: value }). */
                values: {
                    [key: string]: components["schemas"]["AxisValue"];
                };
                /** @description Runs of this combination (one per seed). */
                runs: number;
                /** @description Of those, runs with a summary (the metrics aggregate over these). */
                measured: number;
                /** @description Runs by summary.outcome. */
                outcomes: {
                    [key: string]: number;
                };
                /** @description Mean, min, max and standard deviation of each metric over the measured runs (of a metric a run may lack, over those that have it; null when none has); null before any run. */
                metrics: {
                    totalNs: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    downtimeNs: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    postcopyNs: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    blocktimeAllVcpusNs: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    blocktimePerVcpuMeanNs: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    faults: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    latencyP50Ns: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    latencyP99Ns: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    vcpuFaultLatencyMeanNs: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    slowdown: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    } | null;
                    pagingRatePagesPerSec: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    bytesOnWire: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                    violations: {
                        mean: number;
                        min: number;
                        max: number;
                        /** @description Sample standard deviation over the seeds (n - 1 in the denominator): how much the seed alone moves the metric; null with fewer than two values. */
                        sd: number | null;
                    };
                } | null;
                /** @description For a preset: the published figure of this combination, in the metric's unit. */
                published: {
                    value: number;
                    /** @description simulated mean / published. */
                    ratio: number | null;
                } | null;
            }[];
            preset: {
                name: string;
                title: string;
                source: string;
                /** @enum {string} */
                metric: "totalNs" | "downtimeNs" | "postcopyNs" | "blocktimeAllVcpusNs" | "blocktimePerVcpuMeanNs" | "faults" | "latencyP50Ns" | "latencyP99Ns" | "vcpuFaultLatencyMeanNs" | "slowdown" | "pagingRatePagesPerSec" | "bytesOnWire" | "violations";
                unit: string;
                /** @description Display: metric / scale, in unit. */
                scale: number;
            } | null;
        };
        /**
         * @example {
         *       "id": "8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
         *       "label": "blocktime vs vCPUs",
         *       "status": "succeeded",
         *       "runCount": 2,
         *       "modelVersion": 27,
         *       "cancelRequested": false,
         *       "createdAt": "2026-03-02T09:20:11.204Z",
         *       "finishedAt": "2026-03-02T09:20:12.931Z",
         *       "progress": {
         *         "total": 2,
         *         "done": 2,
         *         "fraction": 1,
         *         "byStatus": {
         *           "queued": 0,
         *           "running": 0,
         *           "succeeded": 2,
         *           "failed": 0,
         *           "cancelled": 0
         *         }
         *       },
         *       "request": {
         *         "label": "blocktime vs vCPUs",
         *         "preset": null,
         *         "base": {
         *           "seed": 1,
         *           "vm": {
         *             "arch": "x86_64",
         *             "memoryMiB": 256,
         *             "vcpus": 4,
         *             "pageSize": "4K",
         *             "backing": "anonymous",
         *             "thp": false,
         *             "khugepagedCollapsesPerSecond": 1,
         *             "nested": false,
         *             "zeroPageFraction": 0,
         *             "ras": true,
         *             "poisonedPages": [],
         *             "poisonPlacement": "gfn"
         *           },
         *           "workload": {
         *             "pattern": "zipf",
         *             "writeRatio": 0.3,
         *             "accessesPerSecond": 100000,
         *             "thinkTimeNs": 1000,
         *             "asyncPageFaults": false,
         *             "userModeShare": 1,
         *             "zipfExponent": 1.1,
         *             "faultSources": {
         *               "kvmUserAccessPerSecond": 1000,
         *               "instructionEmulationPerSecond": 200,
         *               "nestedWalkShare": 0.5,
         *               "vhostAccessesPerSecond": 0,
         *               "vhostBufferMiB": 8
         *             }
         *           },
         *           "strategy": {
         *             "mechanism": "uffd_missing",
         *             "handlerThreads": 1,
         *             "uffdCount": 1,
         *             "uffdWake": "poll",
         *             "hugetlbMapping": "huge_page",
         *             "gmemUptodateCheck": true,
         *             "poisonPolicy": "intercept",
         *             "backgroundCopy": {
         *               "enabled": true,
         *               "bandwidthShare": 1,
         *               "order": "sequential"
         *             },
         *             "precopy": {
         *               "rounds": 0,
         *               "dirtyRateMiBps": 256
         *             },
         *             "deviceRestore": {
         *               "preTransfer": false,
         *               "preTransferMissingDevices": [],
         *               "vcpuStart": "after_restore"
         *             }
         *           },
         *           "network": {
         *             "bandwidthGbps": 25,
         *             "rttUs": 100,
         *             "postcopyPreempt": false,
         *             "preemptSender": "return_path",
         *             "demandChannel": "migration_stream",
         *             "multifdChannels": 1,
         *             "multifdInPostcopy": false,
         *             "sourceLocal": false,
         *             "failures": [],
         *             "postcopyRecovery": true
         *           },
         *           "host": {
         *             "costScale": 1
         *           },
         *           "limits": {
         *             "maxFaultEvents": 10000000,
         *             "maxSimulatedSeconds": 3600
         *           }
         *         },
         *         "axes": [
         *           {
         *             "path": "vm.vcpus",
         *             "values": [
         *               1,
         *               4
         *             ]
         *           }
         *         ],
         *         "seeds": 1,
         *         "faultEvents": "none"
         *       },
         *       "results": {
         *         "columns": [
         *           "vm.vcpus"
         *         ],
         *         "metrics": [
         *           {
         *             "name": "totalNs",
         *             "unit": "ns",
         *             "description": "timing.totalNs: pre-copy + downtime + post-copy."
         *           },
         *           {
         *             "name": "downtimeNs",
         *             "unit": "ns",
         *             "description": "timing.downtimeNs: source paused until the vCPUs resumed on the target."
         *           },
         *           {
         *             "name": "postcopyNs",
         *             "unit": "ns",
         *             "description": "timing.postcopyNs: resume until the last page arrived."
         *           },
         *           {
         *             "name": "blocktimeAllVcpusNs",
         *             "unit": "ns",
         *             "description": "blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once)."
         *           },
         *           {
         *             "name": "blocktimePerVcpuMeanNs",
         *             "unit": "ns",
         *             "description": "Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime)."
         *           },
         *           {
         *             "name": "faults",
         *             "unit": "count",
         *             "description": "faults.total: fault events of the run."
         *           },
         *           {
         *             "name": "latencyP50Ns",
         *             "unit": "ns",
         *             "description": "faults.latency.p50Ns."
         *           },
         *           {
         *             "name": "latencyP99Ns",
         *             "unit": "ns",
         *             "description": "faults.latency.p99Ns."
         *           },
         *           {
         *             "name": "vcpuFaultLatencyMeanNs",
         *             "unit": "ns",
         *             "description": "Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the \"average page request latency\" of QEMU measurements."
         *           },
         *           {
         *             "name": "slowdown",
         *             "unit": "ratio",
         *             "description": "slowdown: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed); null when they executed no access at all (the aggregates leave such runs out)."
         *           },
         *           {
         *             "name": "pagingRatePagesPerSec",
         *             "unit": "4 KiB frames/s",
         *             "description": "pagingRate.overallPagesPerSec: demand paging rate of the vCPUs."
         *           },
         *           {
         *             "name": "bytesOnWire",
         *             "unit": "bytes",
         *             "description": "bytesOnWire: everything sent over the link."
         *           },
         *           {
         *             "name": "violations",
         *             "unit": "count",
         *             "description": "violationCount: correctness violations."
         *           }
         *         ],
         *         "runs": [
         *           {
         *             "index": 0,
         *             "migrationId": "5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64",
         *             "values": {
         *               "vm.vcpus": 1
         *             },
         *             "seedIndex": 0,
         *             "seed": 1,
         *             "status": "succeeded",
         *             "outcome": "completed",
         *             "correct": true,
         *             "guestImpaired": false,
         *             "metrics": {
         *               "totalNs": 147300754,
         *               "downtimeNs": 20385544,
         *               "postcopyNs": 126815210,
         *               "blocktimeAllVcpusNs": 119590986,
         *               "blocktimePerVcpuMeanNs": 119590986,
         *               "faults": 28,
         *               "latencyP50Ns": 4554752,
         *               "latencyP99Ns": 4932151,
         *               "vcpuFaultLatencyMeanNs": 4271107,
         *               "slowdown": 17.622,
         *               "pagingRatePagesPerSec": 199.843,
         *               "bytesOnWire": 269496320,
         *               "violations": 0
         *             }
         *           },
         *           {
         *             "index": 1,
         *             "migrationId": "c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37",
         *             "values": {
         *               "vm.vcpus": 4
         *             },
         *             "seedIndex": 0,
         *             "seed": 1,
         *             "status": "succeeded",
         *             "outcome": "completed",
         *             "correct": true,
         *             "guestImpaired": false,
         *             "metrics": {
         *               "totalNs": 147320869,
         *               "downtimeNs": 20385544,
         *               "postcopyNs": 126835325,
         *               "blocktimeAllVcpusNs": 115689430,
         *               "blocktimePerVcpuMeanNs": 122026969,
         *               "faults": 117,
         *               "latencyP50Ns": 4554752,
         *               "latencyP99Ns": 4938856,
         *               "vcpuFaultLatencyMeanNs": 4171862,
         *               "slowdown": 26.54,
         *               "pagingRatePagesPerSec": 780.53,
         *               "bytesOnWire": 269549568,
         *               "violations": 0
         *             }
         *           }
         *         ],
         *         "aggregates": [
         *           {
         *             "values": {
         *               "vm.vcpus": 1
         *             },
         *             "runs": 1,
         *             "measured": 1,
         *             "outcomes": {
         *               "completed": 1
         *             },
         *             "metrics": {
         *               "totalNs": {
         *                 "mean": 147300754,
         *                 "min": 147300754,
         *                 "max": 147300754,
         *                 "sd": null
         *               },
         *               "downtimeNs": {
         *                 "mean": 20385544,
         *                 "min": 20385544,
         *                 "max": 20385544,
         *                 "sd": null
         *               },
         *               "postcopyNs": {
         *                 "mean": 126815210,
         *                 "min": 126815210,
         *                 "max": 126815210,
         *                 "sd": null
         *               },
         *               "blocktimeAllVcpusNs": {
         *                 "mean": 119590986,
         *                 "min": 119590986,
         *                 "max": 119590986,
         *                 "sd": null
         *               },
         *               "blocktimePerVcpuMeanNs": {
         *                 "mean": 119590986,
         *                 "min": 119590986,
         *                 "max": 119590986,
         *                 "sd": null
         *               },
         *               "faults": {
         *                 "mean": 28,
         *                 "min": 28,
         *                 "max": 28,
         *                 "sd": null
         *               },
         *               "latencyP50Ns": {
         *                 "mean": 4554752,
         *                 "min": 4554752,
         *                 "max": 4554752,
         *                 "sd": null
         *               },
         *               "latencyP99Ns": {
         *                 "mean": 4932151,
         *                 "min": 4932151,
         *                 "max": 4932151,
         *                 "sd": null
         *               },
         *               "vcpuFaultLatencyMeanNs": {
         *                 "mean": 4271107,
         *                 "min": 4271107,
         *                 "max": 4271107,
         *                 "sd": null
         *               },
         *               "slowdown": {
         *                 "mean": 17.622,
         *                 "min": 17.622,
         *                 "max": 17.622,
         *                 "sd": null
         *               },
         *               "pagingRatePagesPerSec": {
         *                 "mean": 199.843,
         *                 "min": 199.843,
         *                 "max": 199.843,
         *                 "sd": null
         *               },
         *               "bytesOnWire": {
         *                 "mean": 269496320,
         *                 "min": 269496320,
         *                 "max": 269496320,
         *                 "sd": null
         *               },
         *               "violations": {
         *                 "mean": 0,
         *                 "min": 0,
         *                 "max": 0,
         *                 "sd": null
         *               }
         *             },
         *             "published": null
         *           },
         *           {
         *             "values": {
         *               "vm.vcpus": 4
         *             },
         *             "runs": 1,
         *             "measured": 1,
         *             "outcomes": {
         *               "completed": 1
         *             },
         *             "metrics": {
         *               "totalNs": {
         *                 "mean": 147320869,
         *                 "min": 147320869,
         *                 "max": 147320869,
         *                 "sd": null
         *               },
         *               "downtimeNs": {
         *                 "mean": 20385544,
         *                 "min": 20385544,
         *                 "max": 20385544,
         *                 "sd": null
         *               },
         *               "postcopyNs": {
         *                 "mean": 126835325,
         *                 "min": 126835325,
         *                 "max": 126835325,
         *                 "sd": null
         *               },
         *               "blocktimeAllVcpusNs": {
         *                 "mean": 115689430,
         *                 "min": 115689430,
         *                 "max": 115689430,
         *                 "sd": null
         *               },
         *               "blocktimePerVcpuMeanNs": {
         *                 "mean": 122026969,
         *                 "min": 122026969,
         *                 "max": 122026969,
         *                 "sd": null
         *               },
         *               "faults": {
         *                 "mean": 117,
         *                 "min": 117,
         *                 "max": 117,
         *                 "sd": null
         *               },
         *               "latencyP50Ns": {
         *                 "mean": 4554752,
         *                 "min": 4554752,
         *                 "max": 4554752,
         *                 "sd": null
         *               },
         *               "latencyP99Ns": {
         *                 "mean": 4938856,
         *                 "min": 4938856,
         *                 "max": 4938856,
         *                 "sd": null
         *               },
         *               "vcpuFaultLatencyMeanNs": {
         *                 "mean": 4171862,
         *                 "min": 4171862,
         *                 "max": 4171862,
         *                 "sd": null
         *               },
         *               "slowdown": {
         *                 "mean": 26.54,
         *                 "min": 26.54,
         *                 "max": 26.54,
         *                 "sd": null
         *               },
         *               "pagingRatePagesPerSec": {
         *                 "mean": 780.53,
         *                 "min": 780.53,
         *                 "max": 780.53,
         *                 "sd": null
         *               },
         *               "bytesOnWire": {
         *                 "mean": 269549568,
         *                 "min": 269549568,
         *                 "max": 269549568,
         *                 "sd": null
         *               },
         *               "violations": {
         *                 "mean": 0,
         *                 "min": 0,
         *                 "max": 0,
         *                 "sd": null
         *               }
         *             },
         *             "published": null
         *           }
         *         ],
         *         "preset": null
         *       },
         *       "links": {
         *         "self": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
         *         "results": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/results",
         *         "cancel": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/cancel",
         *         "events": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/events"
         *       }
         *     }
         */
        Experiment: {
            /** Format: uuid */
            id: string;
            label: string | null;
            /**
             * @description queued until a run starts; running; then succeeded (every run ended, whatever its outcome), failed (no run could be run by the service) or cancelled.
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            runCount: number;
            /** @description MODEL_VERSION of the service that accepted it; each run records the version that produced it (see its migration). */
            modelVersion: number;
            cancelRequested: boolean;
            /** Format: date-time */
            createdAt: string;
            finishedAt: string | null;
            progress: components["schemas"]["ExperimentProgress"];
            /** @description The request as stored: defaults filled in, a preset expanded. */
            request: {
                label: string | null;
                preset: ("demand-paging-scaling" | "postcopy-preempt") | null;
                /**
                 * @example {
                 *       "seed": 1,
                 *       "vm": {
                 *         "arch": "x86_64",
                 *         "memoryMiB": 256,
                 *         "vcpus": 4,
                 *         "pageSize": "4K",
                 *         "backing": "anonymous",
                 *         "thp": false,
                 *         "khugepagedCollapsesPerSecond": 1,
                 *         "nested": false,
                 *         "zeroPageFraction": 0,
                 *         "ras": true,
                 *         "poisonedPages": [],
                 *         "poisonPlacement": "gfn"
                 *       },
                 *       "workload": {
                 *         "pattern": "zipf",
                 *         "writeRatio": 0.3,
                 *         "accessesPerSecond": 100000,
                 *         "thinkTimeNs": 1000,
                 *         "asyncPageFaults": false,
                 *         "userModeShare": 1,
                 *         "zipfExponent": 1.1,
                 *         "faultSources": {
                 *           "kvmUserAccessPerSecond": 1000,
                 *           "instructionEmulationPerSecond": 200,
                 *           "nestedWalkShare": 0.5,
                 *           "vhostAccessesPerSecond": 0,
                 *           "vhostBufferMiB": 8
                 *         }
                 *       },
                 *       "strategy": {
                 *         "mechanism": "uffd_missing",
                 *         "handlerThreads": 1,
                 *         "uffdCount": 1,
                 *         "uffdWake": "poll",
                 *         "hugetlbMapping": "huge_page",
                 *         "gmemUptodateCheck": true,
                 *         "poisonPolicy": "intercept",
                 *         "backgroundCopy": {
                 *           "enabled": true,
                 *           "bandwidthShare": 1,
                 *           "order": "sequential"
                 *         },
                 *         "precopy": {
                 *           "rounds": 0,
                 *           "dirtyRateMiBps": 256
                 *         },
                 *         "deviceRestore": {
                 *           "preTransfer": false,
                 *           "preTransferMissingDevices": [],
                 *           "vcpuStart": "after_restore"
                 *         }
                 *       },
                 *       "network": {
                 *         "bandwidthGbps": 25,
                 *         "rttUs": 100,
                 *         "postcopyPreempt": false,
                 *         "preemptSender": "return_path",
                 *         "demandChannel": "migration_stream",
                 *         "multifdChannels": 1,
                 *         "multifdInPostcopy": false,
                 *         "sourceLocal": false,
                 *         "failures": [],
                 *         "postcopyRecovery": true
                 *       },
                 *       "host": {
                 *         "costScale": 1
                 *       },
                 *       "limits": {
                 *         "maxFaultEvents": 10000000,
                 *         "maxSimulatedSeconds": 3600
                 *       }
                 *     }
                 */
                base: {
                    /**
                     * @description Seed of the simulator random generator: the same spec and seed give identical results.
                     * @default 1
                     */
                    seed: number;
                    /** @description The virtual machine being migrated. */
                    vm: {
                        /**
                         * @description Guest architecture: x86_64 (EPT violations) or arm64 (stage-2 aborts).
                         * @default x86_64
                         * @enum {string}
                         */
                        arch: "x86_64" | "arm64";
                        /** @description Guest memory size in MiB; a multiple of the page size. */
                        memoryMiB: number;
                        /** @description Number of vCPUs. */
                        vcpus: number;
                        /**
                         * @description Backing page size; 2M and 1G need hugetlbfs.
                         * @default 4K
                         * @enum {string}
                         */
                        pageSize: "4K" | "2M" | "1G";
                        /**
                         * @description Memory backing of guest RAM on the target.
                         * @default anonymous
                         * @enum {string}
                         */
                        backing: "anonymous" | "shmem" | "hugetlbfs" | "guest_memfd";
                        /**
                         * @description Transparent huge pages enabled on the backing (anonymous/shmem only).
                         * @default false
                         */
                        thp: boolean;
                        /**
                         * @description With thp on shmem: 2 MiB ranges khugepaged collapses per second (default scan: 4096 pages every 10 s). Under a MINOR registration a collapse maps pages without a fault (minor_thp_bypass).
                         * @default 1
                         */
                        khugepagedCollapsesPerSecond: number;
                        /**
                         * @description The guest runs nested VMs: KVM walks L1 EPT tables through __get_user.
                         * @default false
                         */
                        nested: boolean;
                        /**
                         * @description Fraction of guest pages that hold only zeros on the source (never written, or freed and cleared), scattered over memory by a hash of the seed; whole backing pages (a huge page is zero as a whole). A zero page travels as a flag (9 bytes: QEMU RAM_SAVE_FLAG_ZERO) instead of 4 KiB and is installed with UFFDIO_ZEROPAGE (no copy). Default 0: every page has data (docs/model.md, section 5b).
                         * @default 0
                         */
                        zeroPageFraction: number;
                        /**
                         * @description The guest handles machine checks (RAS: MCA on x86_64, SEA via APEI/GHES on arm64). Without it a machine check for a poisoned page cannot be delivered and the VM stops.
                         * @default true
                         */
                        ras: boolean;
                        /** @description arm64 only: the GICv3 interrupt state that lives in guest memory and that KVM re-reads on the target before resume (KVM_DEV_ARM_ITS_RESTORE_TABLES). One redistributor per vCPU. Tables whose address is omitted are placed deterministically from the seed, aligned as the architecture requires, clear of each other and of poisoned pages. */
                        gic?: {
                            /**
                             * @description LPI INTID bits (GICR_PROPBASER.IDbits; KVM's vITS supports 16): the property table holds 2^bits - 8192 bytes (one per LPI), each pending table 2^bits / 8 bytes.
                             * @default 16
                             */
                            lpiIdBits: number;
                            /** @description GICR_PROPBASER: the LPI property table shared by every redistributor (4 KiB aligned); placed when omitted. */
                            propertyTableAddress?: number;
                            /** @description GICR_PENDBASER of each redistributor, one per vCPU in vCPU order (64 KiB aligned); placed when omitted. */
                            pendingTableAddresses?: number[];
                            /**
                             * @description The ITS: its device table, collection table and the devices' interrupt translation tables, all in guest memory.
                             * @default {
                             *       "deviceTable": "two_level"
                             *     }
                             */
                            its: {
                                /**
                                 * @description two_level: a level-1 table of 64 KiB level-2 tables of 8192 DeviceIDs (what Linux uses for 16 DeviceID bits); flat: one 512 KiB table indexed by DeviceID.
                                 * @default two_level
                                 * @enum {string}
                                 */
                                deviceTable: "two_level" | "flat";
                                /** @description GITS_BASER of the device table (level 1 when two_level; 64 KiB aligned); placed when omitted. */
                                deviceTableAddress?: number;
                                /** @description GITS_BASER of the collection table (64 KiB aligned); placed when omitted. */
                                collectionTableAddress?: number;
                                /** @description Devices mapped in the ITS. Default: virtio-net (DeviceID 8, 2 x min(vCPUs, 16) + 2 events) and virtio-blk (DeviceID 16, min(vCPUs, 16) + 1 events). */
                                devices?: {
                                    /** @description DeviceID (e.g. the PCI requester ID; KVM's vITS has 16 DeviceID bits). */
                                    deviceId: number;
                                    /** @description MSI events (vectors) the device uses: one interrupt translation table entry and one LPI each; the ITT has room for max(2, events) rounded up to a power of two. */
                                    events: number;
                                    /** @description Collection every event of the device targets. Default: event e targets collection number e modulo the number of collections. */
                                    collectionId?: number;
                                    /** @description Guest physical address of the device's interrupt translation table (256-byte aligned); placed by the guest OS model when omitted. */
                                    ittAddress?: number;
                                }[];
                                /** @description Interrupt collections. Default: one per vCPU, collection i on redistributor i (as Linux allocates them). */
                                collections?: {
                                    /** @description Collection ID (ICID). */
                                    id: number;
                                    /** @description Redistributor (vCPU number, RDBase) the collection routes to. A value >= vm.vcpus describes an inconsistent table: the restore fails with -EINVAL. */
                                    targetVcpu: number;
                                }[];
                            };
                        };
                        /**
                         * @description Pages the source host marked hardware-poisoned: gfns or {start, count} ranges, inside guest memory, not overlapping, at most 1048576 frames and at most half of guest memory. They are never transferred.
                         * @default []
                         */
                        poisonedPages: (number | {
                            /** @description Guest frame number (4 KiB units). */
                            start: number;
                            /** @description Number of consecutive 4 KiB frames. */
                            count: number;
                            /**
                             * @description The hardware poisoned these pages after pre-copy had sent them (needs strategy.precopy.rounds >= 1): the target holds a mapped, healthy-looking copy that must be zapped before resume (UFFDIO_POISON fails with -EEXIST on a mapped page).
                             * @default false
                             */
                            poisonedDuringPrecopy: boolean;
                        })[];
                        /**
                         * @description What the numbers in vm.poisonedPages are. gfn (default): guest frame numbers, wherever the workload's seeded placement puts its hot pages. hot: positions in the working set, hottest first (0 = the most-accessed page under zipf; any working-set page under uniform), so the guest touches its poisoned pages; cold: positions in the memory outside the working set (needs workload.workingSetMiB below memoryMiB), which the vCPUs never touch. The run's placement turns positions into gfns (docs/model.md, section 7b).
                         * @default gfn
                         * @enum {string}
                         */
                        poisonPlacement: "gfn" | "hot" | "cold";
                    };
                    /**
                     * @description What the vCPUs do after resume.
                     * @default {
                     *       "pattern": "uniform",
                     *       "writeRatio": 0.3,
                     *       "accessesPerSecond": 100000,
                     *       "thinkTimeNs": 1000,
                     *       "asyncPageFaults": false,
                     *       "userModeShare": 1,
                     *       "zipfExponent": 1.1,
                     *       "faultSources": {
                     *         "kvmUserAccessPerSecond": 1000,
                     *         "instructionEmulationPerSecond": 200,
                     *         "nestedWalkShare": 0.5,
                     *         "vhostAccessesPerSecond": 0,
                     *         "vhostBufferMiB": 8
                     *       }
                     *     }
                     */
                    workload: {
                        /**
                         * @description uniform: any working-set page; zipf: hot pages (Zipf over page ranks); sequential: each vCPU scans its slice of the working set; random_walk: sequential runs with local jumps; demand_paging_test: like the KVM selftest, each vCPU touches each page of its own slice once.
                         * @default uniform
                         * @enum {string}
                         */
                        pattern: "uniform" | "zipf" | "sequential" | "random_walk" | "demand_paging_test";
                        /** @description Hot memory touched by the vCPUs; defaults to all of guest memory. */
                        workingSetMiB?: number;
                        /**
                         * @description Fraction of accesses that are writes.
                         * @default 0.3
                         */
                        writeRatio: number;
                        /**
                         * @description Guest accesses to distinct pages per vCPU per second of simulated time while the vCPU runs (one access every 1e9/accessesPerSecond ns).
                         * @default 100000
                         */
                        accessesPerSecond: number;
                        /**
                         * @description Time a vCPU computes after a fault is resolved before its next access.
                         * @default 1000
                         */
                        thinkTimeNs: number;
                        /**
                         * @description KVM async page faults (KVM_ASYNC_PF, x86_64 only; a 400 on arm64, which has none upstream, and with KVM exit mechanisms, whose vCPU thread resolves the fault itself): a vCPU whose guest task faults in user mode on a missing page is not stalled; KVM injects "page not present", the guest runs another task (its other accesses go on) and KVM's async-PF worker faults the page in (path async_page_fault), at most 64 outstanding per vCPU (ASYNC_PF_PER_VCPU). Kernel-mode faults, KVM's own accesses and nested walks still block. Default false (docs/model.md, section 3).
                         * @default false
                         */
                        asyncPageFaults: boolean;
                        /**
                         * @description With asyncPageFaults: the share of guest accesses made in guest user mode (only those can be asynchronous; a fault in kernel mode blocks the vCPU). Default 1.
                         * @default 1
                         */
                        userModeShare: number;
                        /**
                         * @description Exponent s of the zipf pattern: page of rank r is accessed with weight (r+1)^-s.
                         * @default 1.1
                         */
                        zipfExponent: number;
                        /**
                         * @description Fault sources other than guest accesses by the vCPUs (docs/model.md, section 3).
                         * @default {
                         *       "kvmUserAccessPerSecond": 1000,
                         *       "instructionEmulationPerSecond": 200,
                         *       "nestedWalkShare": 0.5,
                         *       "vhostAccessesPerSecond": 0,
                         *       "vhostBufferMiB": 8
                         *     }
                         */
                        faultSources: {
                            /**
                             * @description Per vCPU: KVM copy_to/from_user accesses to the paravirtual pages per second (x86_64: kvmclock, PV EOI, steal time, 3 pages per vCPU; arm64: the stolen-time page only).
                             * @default 1000
                             */
                            kvmUserAccessPerSecond: number;
                            /**
                             * @description Per vCPU: instruction emulations per second; each reads the instruction bytes and walks the guest page tables of the code the vCPU runs (kvm_read_guest outside the EPT-violation path): a page within 64 KiB of its latest guest fault.
                             * @default 200
                             */
                            instructionEmulationPerSecond: number;
                            /**
                             * @description With vm.nested: walks of L1's EPT tables by KVM (FNAME(walk_addr_generic) reading each entry with get_user) per guest access, so each vCPU walks nestedWalkShare x accessesPerSecond times per second; a walk reads a page of nestedTablePages and faults (path nested_walk) when that page is missing. Default 0.5 (docs/model.md, section 3).
                             * @default 0.5
                             */
                            nestedWalkShare: number;
                            /** @description With vm.nested: the 4 KiB pages holding L1's EPT tables for its L2 guests, the only pages nested walks read: a region of the working set at a position drawn from the seed (capped at the working set). Default: one page per 2 MiB of the working set (a table of 512 8-byte entries, L2 memory mapped at 4 KiB), e.g. 512 pages for 1 GiB. */
                            nestedTablePages?: number;
                            /**
                             * @description Accesses by a vhost/VMM userspace thread to its buffer pages per second (resolved by uffd, at huge-page size on hugetlbfs).
                             * @default 0
                             */
                            vhostAccessesPerSecond: number;
                            /**
                             * @description Guest memory the vhost/VMM thread touches: the virtqueue rings and the packet buffers the guest posted, a region of the working set at a position drawn from the seed (capped at the working set). 8 MiB: virtio-net with 4 queue pairs, 256 descriptors per queue and a page-sized buffer per descriptor (mergeable RX buffers), rings included.
                             * @default 8
                             */
                            vhostBufferMiB: number;
                        };
                    };
                    /**
                     * @description How the target resolves missing pages.
                     * @default {
                     *       "mechanism": "uffd_missing",
                     *       "handlerThreads": 1,
                     *       "uffdCount": 1,
                     *       "uffdWake": "poll",
                     *       "hugetlbMapping": "huge_page",
                     *       "gmemUptodateCheck": true,
                     *       "poisonPolicy": "intercept",
                     *       "backgroundCopy": {
                     *         "enabled": true,
                     *         "bandwidthShare": 1,
                     *         "order": "sequential"
                     *       },
                     *       "precopy": {
                     *         "rounds": 0,
                     *         "dirtyRateMiBps": 256
                     *       },
                     *       "deviceRestore": {
                     *         "preTransfer": false,
                     *         "preTransferMissingDevices": [],
                     *         "vcpuStart": "after_restore"
                     *       }
                     *     }
                     */
                    strategy: {
                        /**
                         * @description How a missing page reaches the VMM (docs/model.md, section 4).
                         * @default uffd_missing
                         * @enum {string}
                         */
                        mechanism: "uffd_missing" | "uffd_minor" | "kvm_exit_on_missing" | "kvm_userfault" | "gmem_write_continue";
                        /**
                         * @description With kvm_exit_on_missing / kvm_userfault: the userfaultfd mode serving the other fault paths (missing = UFFDIO_COPY, minor = UFFDIO_CONTINUE, write_continue = guest_memfd write() + UFFDIO_CONTINUE). Default: minor on guest_memfd, missing otherwise.
                         * @enum {string}
                         */
                        uffdMode?: "missing" | "minor" | "write_continue" | "none";
                        /**
                         * @description userfaultfd handler threads reading each uffd.
                         * @default 1
                         */
                        handlerThreads: number;
                        /**
                         * @description userfaultfds, each registered on an equal range of guest memory, with its own wait queue, lock and handlerThreads readers: a fault goes to the one registered on its page. 1: one shared by all memory (QEMU); vm.vcpus with pattern demand_paging_test: one per vCPU slice, as the selftest does.
                         * @default 1
                         */
                        uffdCount: number;
                        /**
                         * @description How parked readers wait for a message: poll() wakes every one of them (a thundering herd, uffd_poll_herd_per_reader_ns each); EPOLLEXCLUSIVE wakes one.
                         * @default poll
                         * @enum {string}
                         */
                        uffdWake: "poll" | "epoll_exclusive";
                        /**
                         * @description hugetlbfs with 2M/1G pages: how a missing page is filled, by every mechanism. huge_page: the whole huge page (what the kernel can map today, so a KVM exit fetches 2 MiB or 1 GiB too); hgm_4k: 4 KiB at a time through HugeTLB high-granularity mapping, as the 002_ thread assumes (proposed, not merged).
                         * @default huge_page
                         * @enum {string}
                         */
                        hugetlbMapping: "huge_page" | "hgm_4k";
                        /**
                         * @description guest_memfd write() + UFFDIO_CONTINUE: the fault path also checks that the folio is up to date, as Peter Xu asked of the RFC (003_). false reproduces the RFC as posted: a concurrent fault during write() maps a partially written page (partial_page_read violation).
                         * @default true
                         */
                        gmemUptodateCheck: boolean;
                        /**
                         * @description How the target makes poisoned pages fault before resume: uffdio_poison (UFFDIO_POISON, Linux 6.6: a poison PTE marker, the access faults with VM_FAULT_HWPOISON and KVM injects the machine check; -EEXIST on a page that is already mapped; anonymous, shmem, hugetlbfs), zap (MADV_DONTNEED / the proposed MADV_ZAP, then a missing-page fault answered with a machine check; anonymous, shmem), punch_hole (fallocate(FALLOC_FL_PUNCH_HOLE); shmem, hugetlbfs, guest_memfd), or none (no interception: the guest reads a healthy page where its data was poisoned, a poison_escape violation). Default: uffdio_poison, punch_hole on guest_memfd.
                         * @enum {string}
                         */
                        poisonHandling?: "uffdio_poison" | "zap" | "punch_hole" | "none";
                        /**
                         * @description intercept: migrate and keep the poisoned pages poisoned on the target (poisonHandling); strict: refuse to migrate a VM that has poisoned pages, as QEMU does today (migrate_prepare: "Can't migrate this vm with hardware poisoned memory").
                         * @default intercept
                         * @enum {string}
                         */
                        poisonPolicy: "intercept" | "strict";
                        /**
                         * @description The background (population) copier that pushes pages nobody asked for.
                         * @default {
                         *       "enabled": true,
                         *       "bandwidthShare": 1,
                         *       "order": "sequential"
                         *     }
                         */
                        backgroundCopy: {
                            /**
                             * @description Push pages that were not requested in the background.
                             * @default true
                             */
                            enabled: boolean;
                            /**
                             * @description Share of link bandwidth the background copier may use (QEMU max-postcopy-bandwidth; 1 = unlimited, its default). Below 1 the copier is paced and the socket is mostly empty, so demand pages queue behind less data.
                             * @default 1
                             */
                            bandwidthShare: number;
                            /**
                             * @description sequential: ascending gfn; near_recent_faults: continue right after the most recent demand fault (QEMU-style locality).
                             * @default sequential
                             * @enum {string}
                             */
                            order: "sequential" | "near_recent_faults";
                        };
                        /**
                         * @description Optional pre-copy rounds before switchover (hybrid migration).
                         * @default {
                         *       "rounds": 0,
                         *       "dirtyRateMiBps": 256
                         *     }
                         */
                        precopy: {
                            /**
                             * @description Pre-copy rounds before switchover (hybrid migration); 0 = pure post-copy.
                             * @default 0
                             */
                            rounds: number;
                            /**
                             * @description Rate at which the running guest dirties working-set memory during pre-copy, MiB/s.
                             * @default 256
                             */
                            dirtyRateMiBps: number;
                        };
                        /**
                         * @description How the target makes the ARM GIC/ITS restore (KVM_DEV_ARM_ITS_RESTORE_TABLES) see guest memory that has not arrived (arm64).
                         * @default {
                         *       "preTransfer": false,
                         *       "preTransferMissingDevices": [],
                         *       "vcpuStart": "after_restore"
                         *     }
                         */
                        deviceRestore: {
                            /**
                             * @description The VMM sends every page holding a GIC/ITS table it knows of before resume (option 3 of the 001_ thread) instead of letting the restore fault on them. Pages it misses fault on the device_restore path: uffd serves them (strategy.uffdMode), or, with a KVM mechanism and uffdMode none, the restore fails with -EFAULT.
                             * @default false
                             */
                            preTransfer: boolean;
                            /**
                             * @description Declares the pre-transfer list incomplete: DeviceIDs added after the list was made, whose interrupt translation table (and level-2 device table, if no known device shares it) the list lacks.
                             * @default []
                             */
                            preTransferMissingDevices: number[];
                            /**
                             * @description after_restore: the vCPUs start after GITS_CTLR, as KVM documents; before_restore_tables: the VMM starts them before KVM_DEV_ARM_ITS_RESTORE_TABLES to shorten the downtime, and the ioctl fails with -EBUSY (KVM must lock every vCPU).
                             * @default after_restore
                             * @enum {string}
                             */
                            vcpuStart: "after_restore" | "before_restore_tables";
                        };
                    };
                    /**
                     * @description The link between source and target.
                     * @default {
                     *       "bandwidthGbps": 25,
                     *       "rttUs": 100,
                     *       "postcopyPreempt": false,
                     *       "preemptSender": "return_path",
                     *       "demandChannel": "migration_stream",
                     *       "multifdChannels": 1,
                     *       "multifdInPostcopy": false,
                     *       "sourceLocal": false,
                     *       "failures": [],
                     *       "postcopyRecovery": true
                     *     }
                     */
                    network: {
                        /**
                         * @description Link bandwidth between source and target, Gbit/s.
                         * @default 25
                         */
                        bandwidthGbps: number;
                        /**
                         * @description Round-trip time between source and target in microseconds.
                         * @default 100
                         */
                        rttUs: number;
                        /**
                         * @description Separate channel for urgent page requests (QEMU's postcopy-preempt): demand pages do not queue behind the background stream.
                         * @default false
                         */
                        postcopyPreempt: boolean;
                        /**
                         * @description With postcopyPreempt: which source thread sends an urgent page. return_path (default; Peter Xu's "Postcopy Preempt-Full", QEMU since late 2022): the return-path thread that read the request sends it at once. migration_thread (the original postcopy-preempt, as [PX] measured it): the migration thread sends it, and when its background write finds the main socket full that thread sleeps in sendmsg() until a third of the send buffer (costs.send_buffer_kib) has drained, as a TCP sender does, so an urgent page may wait that long (3.6 ms at 10 Gbit/s with the default buffer; docs/model.md, section 5).
                         * @default return_path
                         * @enum {string}
                         */
                        preemptSender: "return_path" | "migration_thread";
                        /**
                         * @description Where a page fetched for a KVM exit travels. migration_stream: in the migration stream like every demand page (the preempt channel with postcopyPreempt), usable once the receive side has consumed what is queued ahead of it; separate_connection: a VMM design that fetches exit pages over a connection of their own, installed by the vCPU thread on arrival.
                         * @default migration_stream
                         * @enum {string}
                         */
                        demandChannel: "migration_stream" | "separate_connection";
                        /**
                         * @description Multifd connections (QEMU multifd-channels), each with its own receive thread on the target. As in QEMU (10.1+, which allows multifd with postcopy-ram) they carry the pre-copy rounds and stop at the switch to post-copy, where the background stream goes on the main channel (urgent pages on the preempt channel with postcopyPreempt); the model's pre-copy is bound by the wire, so they change nothing there. With multifdInPostcopy they also carry the post-copy background copy. Default 1 (docs/model.md, section 5).
                         * @default 1
                         */
                        multifdChannels: number;
                        /**
                         * @description With multifdChannels > 1: a VMM that keeps streaming the post-copy background copy over the multifd connections (they share the link bandwidth but install their chunks in parallel, lifting the one-receive-thread cap of ~14.7 Gbit/s; the migration thread then writes no background data, so preemptSender migration_thread does not wait). Default false: QEMU, whose multifd threads stop sending once post-copy starts (docs/model.md, section 5).
                         * @default false
                         */
                        multifdInPostcopy: boolean;
                        /**
                         * @description The source memory is local (as in demand_paging_test): a fetch is a memory copy, no link is involved.
                         * @default false
                         */
                        sourceLocal: boolean;
                        /**
                         * @description Failures of the link or the source. During post-copy a broken link or an unresponsive source pauses the migration (QEMU postcopy-paused): faulting vCPUs stay blocked; when it is back, recovery (postcopy-recover) re-sends what the failure cut. If it never comes back the VM is lost. During pre-copy or the switchover (atMs before resume) the migration is aborted and the VM stays on the source, or is lost with a source that fails for good.
                         * @default []
                         */
                        failures: {
                            /**
                             * @description link: the migration channels break; source: the source host stops serving (hangs for durationMs, or crashes for good and its memory is gone).
                             * @default link
                             * @enum {string}
                             */
                            component: "link" | "source";
                            /** @description When it fails, in ms after the vCPUs resumed on the target (during post-copy). Give this or atMs. */
                            afterResumeMs?: number;
                            /** @description When it fails, in ms from the moment the source paused the VM (t = 0 of every timestamp; give this or afterResumeMs): negative during pre-copy (needs strategy.precopy.rounds >= 1; before the first round: at its start), from 0 until the vCPUs resume during the switchover (device state sent and loaded, GIC/ITS restore), later during post-copy. A failure before resume aborts the migration: the VM stays on the source (docs/model.md, section 7d). */
                            atMs?: number;
                            /** @description How long until it is back; omitted: for good (the VM is lost if post-copy has not finished). */
                            durationMs?: number;
                        }[];
                        /**
                         * @description The management layer issues migrate-recover when a failed component is back; false: a paused post-copy never resumes and the VM is lost.
                         * @default true
                         */
                        postcopyRecovery: boolean;
                    };
                    /** @description Overrides of named cost parameters; any omitted parameter keeps its published default (docs/model.md). */
                    costs?: {
                        /** @description EPT violation (x86_64) / stage-2 abort (arm64): VM exit and KVM fault-path entry up to the host page-table walk (hva_to_pfn). arm64 with VHE (ARMv8.1+ servers) exits to the host kernel without a second world switch: its trap round trip is ~0.58x of x86 (Dall et al., USENIX ATC 2017), applied to the exit part (450 of the 600 ns). Unit: ns. Default: 600 on x86_64, 410 on arm64. */
                        ept_violation_ns?: number;
                        /** @description Slow GUP (mmap_lock, handle_mm_fault) until handle_userfault() is reached. Unit: ns. Default: 500. */
                        gup_slow_path_ns?: number;
                        /** @description handle_userfault(): queueing the message on the uffd wait queue, under its spinlock (lock hold time). Unit: ns. Default: 1992. */
                        uffd_enqueue_ns?: number;
                        /** @description Handler thread read() of one uffd message (syscall + moving the waiter between wait queues; lock held for part of it). Unit: ns. Default: 1200. */
                        uffd_read_ns?: number;
                        /** @description Part of uffd_read_ns spent holding the uffd wait-queue spinlock. Unit: ns. Default: 120. */
                        uffd_read_lock_ns?: number;
                        /** @description Wake of the waiters of a resolved range (userfaultfd_wake / __wake_up), lock hold excluding the queue walk. Unit: ns. Default: 315. */
                        uffd_wake_ns?: number;
                        /** @description Extra wait-queue lock hold per fault still queued on the uffd: the range wake-up walks every waiter to match its address. Unit: ns. Default: 1. */
                        uffd_wake_scan_per_waiter_ns?: number;
                        /** @description Extra lock hold per idle handler thread woken by a new message (every poller on the uffd is woken; all but one find nothing). Unit: ns. Default: 89. */
                        uffd_poll_herd_per_reader_ns?: number;
                        /** @description Cache-line hand-off cost added to each uffd wait-queue lock acquisition per doubling of the threads blocked on the uffd. Unit: ns. Default: 509. */
                        lock_bounce_per_log2_contender_ns?: number;
                        /** @description Scheduler latency to wake an idle handler thread sleeping in poll(). Unit: ns. Default: 1000. */
                        handler_wakeup_ns?: number;
                        /** @description Scheduler latency until a woken vCPU thread runs again, retries the fault and re-enters the guest. Unit: ns. Default: 1176. */
                        vcpu_wakeup_ns?: number;
                        /** @description KVM_RUN returns to userspace with KVM_EXIT_MEMORY_FAULT (fast-GUP miss, exit, ioctl return). Unit: ns. Default: 800. */
                        exit_to_userspace_ns?: number;
                        /** @description KVM_RUN ioctl and VM entry after userspace resolved the fault. arm64 (VHE): the VM-entry part (~350 ns on x86) at ~0.58x, as for ept_violation_ns. Unit: ns. Default: 700 on x86_64, 550 on arm64. */
                        vcpu_reentry_ns?: number;
                        /** @description Async page fault (workload.asyncPageFaults): after the EPT violation, KVM queues the async-PF work and injects "page not present"; the guest's handler parks the faulting task and schedules another one (an exception entry and a context switch; estimate). Unit: ns. Default: 2000. */
                        async_pf_inject_ns?: number;
                        /** @description Serialized part of every install ioctl on the target mm (mmap_lock read-side and page-cache cache lines move between CPUs one at a time). Unit: ns. Default: 235. */
                        mmap_lock_hold_ns?: number;
                        /** @description Extra cost of an install ioctl (mmap_lock read side, shared page-cache locks) per doubling of the threads inside the fault/install path at once, up to llc_cpus of them (the contended cache lines move inside one last-level cache). Unit: ns. Default: 1170. */
                        mmap_lock_bounce_per_log2_vcpu_ns?: number;
                        /** @description Extra cost of an install ioctl per doubling of the threads inside the fault/install path beyond llc_cpus: the contended cache lines then move between last-level caches (chiplets or sockets), several times slower than inside one. Unit: ns. Default: 3970. */
                        mmap_lock_bounce_cross_llc_per_log2_ns?: number;
                        /** @description CPUs sharing one last-level cache on the target host (8 on an AMD Zen 3 CCX, as on the 256-thread host [AM] measured): contention among at most that many threads stays inside one cache. Unit: CPUs. Default: 8. */
                        llc_cpus?: number;
                        /** @description UFFDIO_COPY of one 4 KiB page (allocate, copy, map; wake excluded). Unit: ns. Default: 2000. */
                        uffdio_copy_4k_ns?: number;
                        /** @description UFFDIO_COPY of one 2 MiB huge page. Unit: ns. Default: 180000. */
                        uffdio_copy_2m_ns?: number;
                        /** @description UFFDIO_COPY of one 1 GiB huge page. Unit: ns. Default: 95000000. */
                        uffdio_copy_1g_ns?: number;
                        /** @description UFFDIO_CONTINUE of one 4 KiB page already in the page cache (map only). Unit: ns. Default: 500. */
                        uffdio_continue_4k_ns?: number;
                        /** @description UFFDIO_CONTINUE of one 2 MiB page (one PMD). Unit: ns. Default: 2000. */
                        uffdio_continue_2m_ns?: number;
                        /** @description UFFDIO_CONTINUE of one 1 GiB page (one PUD). Unit: ns. Default: 4000. */
                        uffdio_continue_1g_ns?: number;
                        /** @description UFFDIO_ZEROPAGE of one 4 KiB zero page: maps the shared zero page (anonymous) or a freshly cleared page (shmem); no copy. Not on hugetlbfs, where a zeroed huge page is copied (UFFDIO_COPY cost). Unit: ns. Default: 700. */
                        uffdio_zeropage_4k_ns?: number;
                        /** @description Filling the page cache through the second mapping or write() (memcpy at ~10 GB/s), per KiB. Unit: ns/KiB. Default: 100. */
                        page_cache_write_per_kib_ns?: number;
                        /** @description GIC/ITS restore: one kvm_read_guest_lock() of a table entry (8 bytes) or of an LPI property/pending byte from a present page (memslot lookup, copy_from_user). Unit: ns. Default: 300. */
                        kvm_read_guest_ns?: number;
                        /** @description GIC/ITS restore: one KVM_SET_DEVICE_ATTR ioctl writing a redistributor or ITS register (syscall round trip and the register emulation). Unit: ns. Default: 1000. */
                        kvm_device_attr_ns?: number;
                        /** @description Postcopy recovery after the link is back: re-establishing the migration channels (migrate-recover) before the received-pages bitmap is exchanged. Unit: ns. Default: 50000000. */
                        postcopy_recover_ns?: number;
                        /** @description Injecting a machine check into the vCPU instead of fetching a poisoned page: x86_64 one KVM_X86_SET_MCE ioctl (the bank values) and delivery; arm64 an SEA, for which QEMU first writes the CPER record into the guest's ACPI GHES error block (guest-memory writes, ~2 us more), then sets the pending external abort with KVM_SET_VCPU_EVENTS. Unit: ns. Default: 5000 on x86_64, 7000 on arm64. */
                        mce_inject_ns?: number;
                        /** @description Before resume: one zap (MADV_DONTNEED), hole punch or UFFDIO_POISON call per poisoned range on the target. Unit: ns. Default: 5000. */
                        poison_setup_per_range_ns?: number;
                        /** @description Target thread sends a page request on the return path (syscall). Unit: ns. Default: 2000. */
                        request_send_ns?: number;
                        /** @description Source side: receive the request, look up and queue the page for sending. Unit: ns. Default: 5000. */
                        fetch_service_ns?: number;
                        /** @description Send buffer of the main channel socket on the source (sk_sndbuf, autotuned up to net.ipv4.tcp_wmem's maximum): the background stream fills it, and a writer blocked on the full socket is woken when a third of it has drained (sk_stream_write_space). What a demand page queues behind without postcopy-preempt. Unit: KiB. Default: 13312. */
                        send_buffer_kib?: number;
                        /** @description CPU time of the source thread that writes the background stream, per KiB written: finding and clearing dirty bits, the zero-page check, the page header, the copy into the socket and TCP segmentation. It caps one stream at about 1 / this rate (each multifd channel has a thread of its own). Unit: ns/KiB. Default: 180. */
                        migration_thread_send_per_kib_ns?: number;
                        /** @description Device state sent while the VM is paused (vCPU registers, interrupt controllers, devices). Unit: KiB. Default: 1024. */
                        device_state_kib?: number;
                        /** @description Target loads the device state before resuming the vCPUs. Unit: ns. Default: 20000000. */
                        device_state_load_ns?: number;
                    };
                    /**
                     * @description The hosts the migration runs on, relative to the calibration host.
                     * @default {
                     *       "costScale": 1
                     *     }
                     */
                    host: {
                        /**
                         * @description Multiplies every per-operation CPU cost (the ns and ns/KiB cost parameters, on both hosts; not sizes, not the management layer's recovery time) for hosts slower (> 1) or faster (< 1) than the calibration host (docs/validation.md). Explicit costs overrides are taken as they are.
                         * @default 1
                         */
                        costScale: number;
                    };
                    /**
                     * @description Bounds on the work a single simulation may do.
                     * @default {
                     *       "maxFaultEvents": 10000000,
                     *       "maxSimulatedSeconds": 3600
                     *     }
                     */
                    limits: {
                        /**
                         * @description Stop (outcome truncated) after this many fault events. Hard maximum 100000000.
                         * @default 10000000
                         */
                        maxFaultEvents: number;
                        /**
                         * @description Stop (outcome truncated) when simulated post-copy time exceeds this.
                         * @default 3600
                         */
                        maxSimulatedSeconds: number;
                    };
                };
                axes: components["schemas"]["ExperimentAxis"][];
                seeds: number;
                /** @enum {string} */
                faultEvents: "all" | "sample" | "none";
            };
            /** @description The results table (GET /v1/experiments/{id} only; null in lists). */
            results: components["schemas"]["ExperimentResults"] | null;
            links: {
                self: string;
                results: string;
                cancel: string;
                /** @description Its live events (Server-Sent Events). */
                events: string;
            };
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
         *           "label": "blocktime vs vCPUs",
         *           "status": "succeeded",
         *           "runCount": 2,
         *           "modelVersion": 27,
         *           "cancelRequested": false,
         *           "createdAt": "2026-03-02T09:20:11.204Z",
         *           "finishedAt": "2026-03-02T09:20:12.931Z",
         *           "progress": {
         *             "total": 2,
         *             "done": 2,
         *             "fraction": 1,
         *             "byStatus": {
         *               "queued": 0,
         *               "running": 0,
         *               "succeeded": 2,
         *               "failed": 0,
         *               "cancelled": 0
         *             }
         *           },
         *           "request": {
         *             "label": "blocktime vs vCPUs",
         *             "preset": null,
         *             "base": {
         *               "seed": 1,
         *               "vm": {
         *                 "arch": "x86_64",
         *                 "memoryMiB": 256,
         *                 "vcpus": 4,
         *                 "pageSize": "4K",
         *                 "backing": "anonymous",
         *                 "thp": false,
         *                 "khugepagedCollapsesPerSecond": 1,
         *                 "nested": false,
         *                 "zeroPageFraction": 0,
         *                 "ras": true,
         *                 "poisonedPages": [],
         *                 "poisonPlacement": "gfn"
         *               },
         *               "workload": {
         *                 "pattern": "zipf",
         *                 "writeRatio": 0.3,
         *                 "accessesPerSecond": 100000,
         *                 "thinkTimeNs": 1000,
         *                 "asyncPageFaults": false,
         *                 "userModeShare": 1,
         *                 "zipfExponent": 1.1,
         *                 "faultSources": {
         *                   "kvmUserAccessPerSecond": 1000,
         *                   "instructionEmulationPerSecond": 200,
         *                   "nestedWalkShare": 0.5,
         *                   "vhostAccessesPerSecond": 0,
         *                   "vhostBufferMiB": 8
         *                 }
         *               },
         *               "strategy": {
         *                 "mechanism": "uffd_missing",
         *                 "handlerThreads": 1,
         *                 "uffdCount": 1,
         *                 "uffdWake": "poll",
         *                 "hugetlbMapping": "huge_page",
         *                 "gmemUptodateCheck": true,
         *                 "poisonPolicy": "intercept",
         *                 "backgroundCopy": {
         *                   "enabled": true,
         *                   "bandwidthShare": 1,
         *                   "order": "sequential"
         *                 },
         *                 "precopy": {
         *                   "rounds": 0,
         *                   "dirtyRateMiBps": 256
         *                 },
         *                 "deviceRestore": {
         *                   "preTransfer": false,
         *                   "preTransferMissingDevices": [],
         *                   "vcpuStart": "after_restore"
         *                 }
         *               },
         *               "network": {
         *                 "bandwidthGbps": 25,
         *                 "rttUs": 100,
         *                 "postcopyPreempt": false,
         *                 "preemptSender": "return_path",
         *                 "demandChannel": "migration_stream",
         *                 "multifdChannels": 1,
         *                 "multifdInPostcopy": false,
         *                 "sourceLocal": false,
         *                 "failures": [],
         *                 "postcopyRecovery": true
         *               },
         *               "host": {
         *                 "costScale": 1
         *               },
         *               "limits": {
         *                 "maxFaultEvents": 10000000,
         *                 "maxSimulatedSeconds": 3600
         *               }
         *             },
         *             "axes": [
         *               {
         *                 "path": "vm.vcpus",
         *                 "values": [
         *                   1,
         *                   4
         *                 ]
         *               }
         *             ],
         *             "seeds": 1,
         *             "faultEvents": "none"
         *           },
         *           "results": null,
         *           "links": {
         *             "self": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
         *             "results": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/results",
         *             "cancel": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/cancel",
         *             "events": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/events"
         *           }
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        ExperimentPage: {
            items: components["schemas"]["Experiment"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "name": "demand-paging-scaling",
         *           "title": "One shared uffd vs KVM exit-on-missing (demand_paging_test)",
         *           "source": "Anish Moorthy, \"[PATCH v3 00/22] Improve scalability of KVM + userfaultfd live migration via annotated memory faults\", kvm@vger.kernel.org, 2023-04-12 (Message-ID 20230412213510.1220557-1-amoorthy@google.com): ./demand_paging_test -b 64M -u MINOR -s shmem -a -v N -r N, average paging rate, n = 5, 256-core x86 host.",
         *           "axes": [
         *             "vm.vcpus",
         *             "strategy.mechanism"
         *           ],
         *           "runCount": 18,
         *           "metric": "pagingRatePagesPerSec"
         *         },
         *         {
         *           "name": "postcopy-preempt",
         *           "title": "Postcopy page-request latency, vanilla vs postcopy-preempt",
         *           "source": "Peter Xu, \"[PATCH RFC 00/15] migration: Postcopy Preemption\", qemu-devel, 2022-01-19, and v4 (2022-03-31, Message-ID 20220331150857.74406-1-peterx@redhat.com): average page request latency, 20 GiB / 40 vCPU guest, 10 Gbps NIC, one busy thread dirtying 18 GiB.",
         *           "axes": [
         *             "vm.pageSize",
         *             "network.postcopyPreempt"
         *           ],
         *           "runCount": 4,
         *           "metric": "vcpuFaultLatencyMeanNs"
         *         }
         *       ]
         *     }
         */
        ExperimentPresetList: {
            items: {
                /**
                 * @description What POST /v1/experiments takes as `preset`.
                 * @enum {string}
                 */
                name: "demand-paging-scaling" | "postcopy-preempt";
                /** @description What the publication measured. */
                title: string;
                /** @description Where the figures were published. */
                source: string;
                /** @description The spec fields the preset varies. */
                axes: string[];
                /** @description Runs of the preset with one seed (`seeds` multiplies them). */
                runCount: number;
                /**
                 * @description The metric the publication reports, shown beside the simulated one.
                 * @enum {string}
                 */
                metric: "totalNs" | "downtimeNs" | "postcopyNs" | "blocktimeAllVcpusNs" | "blocktimePerVcpuMeanNs" | "faults" | "latencyP50Ns" | "latencyP99Ns" | "vcpuFaultLatencyMeanNs" | "slowdown" | "pagingRatePagesPerSec" | "bytesOnWire" | "violations";
            }[];
        };
        /**
         * @description A worker started (or, after a crash, restarted) the migration.
         * @example {
         *       "type": "status",
         *       "status": "running",
         *       "attempt": 1,
         *       "at": "2026-03-02T09:14:07.618Z"
         *     }
         */
        MigrationStatusEvent: {
            /** @constant */
            type: "status";
            /** @constant */
            status: "running";
            /** @description 1 for the first run; more after a worker crash. */
            attempt: number;
            /**
             * Format: date-time
             * @description When the worker started this attempt.
             */
            at: string;
        };
        /**
         * @description The simulation entered another phase.
         * @example {
         *       "type": "phase",
         *       "phase": "postcopy",
         *       "previousPhase": "switchover",
         *       "simTimeNs": 1250000
         *     }
         */
        MigrationPhaseEvent: {
            /** @constant */
            type: "phase";
            /** @description switchover, postcopy, completing, completed or failed. */
            phase: string;
            previousPhase: string | null;
            /** @description Simulated time of the first sample in this phase. */
            simTimeNs: number;
        };
        /**
         * @description A progress sample: pages present, faults and blocktime so far (about every 250 ms).
         * @example {
         *       "simTimeNs": 48000000,
         *       "phase": "postcopy",
         *       "pagesPresent": 32768,
         *       "pagesTotal": 65536,
         *       "faults": 1873,
         *       "blocktimeNs": 61420000,
         *       "type": "progress",
         *       "progress": 0.5
         *     }
         */
        MigrationProgressEvent: {
            /** @description Current simulated time in ns. */
            simTimeNs: number;
            /** @description switchover, postcopy or completing while it runs; then its outcome (completed, vm_lost, refused, aborted, truncated or stalled). */
            phase: string;
            /** @description 4 KiB frames already on the target. */
            pagesPresent: number;
            /** @description Guest memory in 4 KiB frames. */
            pagesTotal: number;
            /** @description Fault events resolved so far. */
            faults: number;
            /** @description Sum of vCPU stall time so far. */
            blocktimeNs: number;
            /** @constant */
            type: "progress";
            /** @description pagesPresent / pagesTotal. */
            progress: number;
        };
        /**
         * @description The migration ended (succeeded, failed or cancelled): its final state and summary. Always the last event, with id "end"; the server then closes the stream.
         * @example {
         *       "type": "summary",
         *       "migration": {
         *         "id": "3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
         *         "status": "cancelled",
         *         "progress": 0,
         *         "cancelRequested": true,
         *         "attempts": 0,
         *         "eventCount": 0,
         *         "modelVersion": 12,
         *         "experimentId": null,
         *         "faultEvents": "all",
         *         "createdAt": "2026-03-02T09:14:07.512Z",
         *         "startedAt": null,
         *         "finishedAt": "2026-03-02T09:14:08.041Z",
         *         "spec": {
         *           "seed": 42,
         *           "vm": {
         *             "arch": "x86_64",
         *             "memoryMiB": 256,
         *             "vcpus": 4,
         *             "pageSize": "4K",
         *             "backing": "anonymous",
         *             "thp": false,
         *             "khugepagedCollapsesPerSecond": 1,
         *             "nested": false,
         *             "zeroPageFraction": 0,
         *             "ras": true,
         *             "poisonedPages": [],
         *             "poisonPlacement": "gfn"
         *           },
         *           "workload": {
         *             "pattern": "zipf",
         *             "writeRatio": 0.3,
         *             "accessesPerSecond": 100000,
         *             "thinkTimeNs": 1000,
         *             "asyncPageFaults": false,
         *             "userModeShare": 1,
         *             "zipfExponent": 1.1,
         *             "faultSources": {
         *               "kvmUserAccessPerSecond": 1000,
         *               "instructionEmulationPerSecond": 200,
         *               "nestedWalkShare": 0.5,
         *               "vhostAccessesPerSecond": 0,
         *               "vhostBufferMiB": 8
         *             }
         *           },
         *           "strategy": {
         *             "mechanism": "uffd_missing",
         *             "handlerThreads": 1,
         *             "uffdCount": 1,
         *             "uffdWake": "poll",
         *             "hugetlbMapping": "huge_page",
         *             "gmemUptodateCheck": true,
         *             "poisonPolicy": "intercept",
         *             "backgroundCopy": {
         *               "enabled": true,
         *               "bandwidthShare": 0.8,
         *               "order": "sequential"
         *             },
         *             "precopy": {
         *               "rounds": 0,
         *               "dirtyRateMiBps": 256
         *             },
         *             "deviceRestore": {
         *               "preTransfer": false,
         *               "preTransferMissingDevices": [],
         *               "vcpuStart": "after_restore"
         *             }
         *           },
         *           "network": {
         *             "bandwidthGbps": 25,
         *             "rttUs": 50,
         *             "postcopyPreempt": false,
         *             "preemptSender": "return_path",
         *             "demandChannel": "migration_stream",
         *             "multifdChannels": 1,
         *             "multifdInPostcopy": false,
         *             "sourceLocal": false,
         *             "failures": [],
         *             "postcopyRecovery": true
         *           },
         *           "host": {
         *             "costScale": 1
         *           },
         *           "limits": {
         *             "maxFaultEvents": 10000000,
         *             "maxSimulatedSeconds": 3600
         *           }
         *         },
         *         "progressDetail": null,
         *         "summary": null,
         *         "legacySummary": null,
         *         "resolvedCosts": null,
         *         "error": null,
         *         "links": {
         *           "self": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
         *           "faults": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/faults",
         *           "violations": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/violations",
         *           "cancel": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/cancel"
         *         }
         *       }
         *     }
         */
        MigrationSummaryEvent: {
            /** @constant */
            type: "summary";
            migration: components["schemas"]["Migration"];
        };
        /** @description The JSON `data` of one Server-Sent Event; the SSE `event` field equals its `type`. */
        MigrationEvent: components["schemas"]["MigrationStatusEvent"] | components["schemas"]["MigrationPhaseEvent"] | components["schemas"]["MigrationProgressEvent"] | components["schemas"]["MigrationSummaryEvent"];
        /**
         * @description The runs in each status and how far the running ones are: first on every connection, then whenever it changes (a running run by a whole percent).
         * @example {
         *       "type": "progress",
         *       "status": "running",
         *       "cancelRequested": false,
         *       "progress": {
         *         "total": 40,
         *         "done": 12,
         *         "fraction": 0.3,
         *         "byStatus": {
         *           "queued": 26,
         *           "running": 2,
         *           "succeeded": 12,
         *           "failed": 0,
         *           "cancelled": 0
         *         }
         *       },
         *       "running": [
         *         {
         *           "index": 12,
         *           "progress": 0.64
         *         },
         *         {
         *           "index": 13,
         *           "progress": 0.18
         *         }
         *       ]
         *     }
         */
        ExperimentProgressEvent: {
            /** @constant */
            type: "progress";
            /**
             * @description The experiment's status, as GET /v1/experiments/{id} states it.
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            cancelRequested: boolean;
            progress: components["schemas"]["ExperimentProgress"];
            /** @description The runs in progress, by index, with how far each is (pages present / pages to move): a run reports every 250 ms, so a run shorter than that is never listed. */
            running: {
                index: number;
                progress: number;
            }[];
        };
        /**
         * @example {
         *       "index": 0,
         *       "migrationId": "5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64",
         *       "values": {
         *         "vm.vcpus": 1
         *       },
         *       "seedIndex": 0,
         *       "seed": 1,
         *       "status": "succeeded",
         *       "outcome": "completed",
         *       "correct": true,
         *       "guestImpaired": false,
         *       "metrics": {
         *         "totalNs": 147300754,
         *         "downtimeNs": 20385544,
         *         "postcopyNs": 126815210,
         *         "blocktimeAllVcpusNs": 119590986,
         *         "blocktimePerVcpuMeanNs": 119590986,
         *         "faults": 28,
         *         "latencyP50Ns": 4554752,
         *         "latencyP99Ns": 4932151,
         *         "vcpuFaultLatencyMeanNs": 4271107,
         *         "slowdown": 17.622,
         *         "pagingRatePagesPerSec": 199.843,
         *         "bytesOnWire": 269496320,
         *         "violations": 0
         *       }
         *     }
         */
        ExperimentResultRow: {
            /** @description Position of the run (the order of the axes, seeds innermost). */
            index: number;
            /**
             * Format: uuid
             * @description The run is this migration: its summary, faults and events are at /v1/migrations/{migrationId}.
             */
            migrationId: string;
            /** @description The axis values of the run ({ path: value }). */
            values: {
                [key: string]: components["schemas"]["AxisValue"];
            };
            /** @description Seed repetition, from 0: the run's seed is that of its combination + seedIndex. */
            seedIndex: number;
            /** @description The run's seed (its spec's): submitting that spec alone gives the same run. */
            seed: number;
            /**
             * @description The run's migration status.
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /** @description summary.outcome, once the run ended. */
            outcome: string | null;
            /** @description summary.correct: completed with no correctness violation. */
            correct: boolean | null;
            /** @description summary.guestImpaired: poison reached by a kernel access left part of the guest broken (a livelocked vCPU, a broken virtqueue). */
            guestImpaired: boolean | null;
            metrics: components["schemas"]["RunMetrics"] | null;
        };
        /**
         * @description A run ended: its row of the results table (ExperimentResults.runs), final. Each run is sent once per stream, in the order the runs end.
         * @example {
         *       "type": "run",
         *       "run": {
         *         "index": 1,
         *         "migrationId": "c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37",
         *         "values": {
         *           "vm.vcpus": 4
         *         },
         *         "seedIndex": 0,
         *         "seed": 1,
         *         "status": "succeeded",
         *         "outcome": "completed",
         *         "correct": true,
         *         "guestImpaired": false,
         *         "metrics": {
         *           "totalNs": 147320869,
         *           "downtimeNs": 20385544,
         *           "postcopyNs": 126835325,
         *           "blocktimeAllVcpusNs": 115689430,
         *           "blocktimePerVcpuMeanNs": 122026969,
         *           "faults": 117,
         *           "latencyP50Ns": 4554752,
         *           "latencyP99Ns": 4938856,
         *           "vcpuFaultLatencyMeanNs": 4171862,
         *           "slowdown": 26.54,
         *           "pagingRatePagesPerSec": 780.53,
         *           "bytesOnWire": 269549568,
         *           "violations": 0
         *         }
         *       }
         *     }
         */
        ExperimentRunEvent: {
            /** @constant */
            type: "run";
            run: components["schemas"]["ExperimentResultRow"];
        };
        /**
         * @description The experiment ended (succeeded, failed or cancelled): as GET /v1/experiments/{id} answers it, with the whole results table and the aggregates over seeds. Always the last event, with id "end"; the server then closes the stream.
         * @example {
         *       "type": "summary",
         *       "experiment": {
         *         "id": "8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
         *         "label": "blocktime vs vCPUs",
         *         "status": "succeeded",
         *         "runCount": 2,
         *         "modelVersion": 27,
         *         "cancelRequested": false,
         *         "createdAt": "2026-03-02T09:20:11.204Z",
         *         "finishedAt": "2026-03-02T09:20:12.931Z",
         *         "progress": {
         *           "total": 2,
         *           "done": 2,
         *           "fraction": 1,
         *           "byStatus": {
         *             "queued": 0,
         *             "running": 0,
         *             "succeeded": 2,
         *             "failed": 0,
         *             "cancelled": 0
         *           }
         *         },
         *         "request": {
         *           "label": "blocktime vs vCPUs",
         *           "preset": null,
         *           "base": {
         *             "seed": 1,
         *             "vm": {
         *               "arch": "x86_64",
         *               "memoryMiB": 256,
         *               "vcpus": 4,
         *               "pageSize": "4K",
         *               "backing": "anonymous",
         *               "thp": false,
         *               "khugepagedCollapsesPerSecond": 1,
         *               "nested": false,
         *               "zeroPageFraction": 0,
         *               "ras": true,
         *               "poisonedPages": [],
         *               "poisonPlacement": "gfn"
         *             },
         *             "workload": {
         *               "pattern": "zipf",
         *               "writeRatio": 0.3,
         *               "accessesPerSecond": 100000,
         *               "thinkTimeNs": 1000,
         *               "asyncPageFaults": false,
         *               "userModeShare": 1,
         *               "zipfExponent": 1.1,
         *               "faultSources": {
         *                 "kvmUserAccessPerSecond": 1000,
         *                 "instructionEmulationPerSecond": 200,
         *                 "nestedWalkShare": 0.5,
         *                 "vhostAccessesPerSecond": 0,
         *                 "vhostBufferMiB": 8
         *               }
         *             },
         *             "strategy": {
         *               "mechanism": "uffd_missing",
         *               "handlerThreads": 1,
         *               "uffdCount": 1,
         *               "uffdWake": "poll",
         *               "hugetlbMapping": "huge_page",
         *               "gmemUptodateCheck": true,
         *               "poisonPolicy": "intercept",
         *               "backgroundCopy": {
         *                 "enabled": true,
         *                 "bandwidthShare": 1,
         *                 "order": "sequential"
         *               },
         *               "precopy": {
         *                 "rounds": 0,
         *                 "dirtyRateMiBps": 256
         *               },
         *               "deviceRestore": {
         *                 "preTransfer": false,
         *                 "preTransferMissingDevices": [],
         *                 "vcpuStart": "after_restore"
         *               }
         *             },
         *             "network": {
         *               "bandwidthGbps": 25,
         *               "rttUs": 100,
         *               "postcopyPreempt": false,
         *               "preemptSender": "return_path",
         *               "demandChannel": "migration_stream",
         *               "multifdChannels": 1,
         *               "multifdInPostcopy": false,
         *               "sourceLocal": false,
         *               "failures": [],
         *               "postcopyRecovery": true
         *             },
         *             "host": {
         *               "costScale": 1
         *             },
         *             "limits": {
         *               "maxFaultEvents": 10000000,
         *               "maxSimulatedSeconds": 3600
         *             }
         *           },
         *           "axes": [
         *             {
         *               "path": "vm.vcpus",
         *               "values": [
         *                 1,
         *                 4
         *               ]
         *             }
         *           ],
         *           "seeds": 1,
         *           "faultEvents": "none"
         *         },
         *         "results": {
         *           "columns": [
         *             "vm.vcpus"
         *           ],
         *           "metrics": [
         *             {
         *               "name": "totalNs",
         *               "unit": "ns",
         *               "description": "timing.totalNs: pre-copy + downtime + post-copy."
         *             },
         *             {
         *               "name": "downtimeNs",
         *               "unit": "ns",
         *               "description": "timing.downtimeNs: source paused until the vCPUs resumed on the target."
         *             },
         *             {
         *               "name": "postcopyNs",
         *               "unit": "ns",
         *               "description": "timing.postcopyNs: resume until the last page arrived."
         *             },
         *             {
         *               "name": "blocktimeAllVcpusNs",
         *               "unit": "ns",
         *               "description": "blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once)."
         *             },
         *             {
         *               "name": "blocktimePerVcpuMeanNs",
         *               "unit": "ns",
         *               "description": "Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime)."
         *             },
         *             {
         *               "name": "faults",
         *               "unit": "count",
         *               "description": "faults.total: fault events of the run."
         *             },
         *             {
         *               "name": "latencyP50Ns",
         *               "unit": "ns",
         *               "description": "faults.latency.p50Ns."
         *             },
         *             {
         *               "name": "latencyP99Ns",
         *               "unit": "ns",
         *               "description": "faults.latency.p99Ns."
         *             },
         *             {
         *               "name": "vcpuFaultLatencyMeanNs",
         *               "unit": "ns",
         *               "description": "Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the \"average page request latency\" of QEMU measurements."
         *             },
         *             {
         *               "name": "slowdown",
         *               "unit": "ratio",
         *               "description": "slowdown: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed); null when they executed no access at all (the aggregates leave such runs out)."
         *             },
         *             {
         *               "name": "pagingRatePagesPerSec",
         *               "unit": "4 KiB frames/s",
         *               "description": "pagingRate.overallPagesPerSec: demand paging rate of the vCPUs."
         *             },
         *             {
         *               "name": "bytesOnWire",
         *               "unit": "bytes",
         *               "description": "bytesOnWire: everything sent over the link."
         *             },
         *             {
         *               "name": "violations",
         *               "unit": "count",
         *               "description": "violationCount: correctness violations."
         *             }
         *           ],
         *           "runs": [
         *             {
         *               "index": 0,
         *               "migrationId": "5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64",
         *               "values": {
         *                 "vm.vcpus": 1
         *               },
         *               "seedIndex": 0,
         *               "seed": 1,
         *               "status": "succeeded",
         *               "outcome": "completed",
         *               "correct": true,
         *               "guestImpaired": false,
         *               "metrics": {
         *                 "totalNs": 147300754,
         *                 "downtimeNs": 20385544,
         *                 "postcopyNs": 126815210,
         *                 "blocktimeAllVcpusNs": 119590986,
         *                 "blocktimePerVcpuMeanNs": 119590986,
         *                 "faults": 28,
         *                 "latencyP50Ns": 4554752,
         *                 "latencyP99Ns": 4932151,
         *                 "vcpuFaultLatencyMeanNs": 4271107,
         *                 "slowdown": 17.622,
         *                 "pagingRatePagesPerSec": 199.843,
         *                 "bytesOnWire": 269496320,
         *                 "violations": 0
         *               }
         *             },
         *             {
         *               "index": 1,
         *               "migrationId": "c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37",
         *               "values": {
         *                 "vm.vcpus": 4
         *               },
         *               "seedIndex": 0,
         *               "seed": 1,
         *               "status": "succeeded",
         *               "outcome": "completed",
         *               "correct": true,
         *               "guestImpaired": false,
         *               "metrics": {
         *                 "totalNs": 147320869,
         *                 "downtimeNs": 20385544,
         *                 "postcopyNs": 126835325,
         *                 "blocktimeAllVcpusNs": 115689430,
         *                 "blocktimePerVcpuMeanNs": 122026969,
         *                 "faults": 117,
         *                 "latencyP50Ns": 4554752,
         *                 "latencyP99Ns": 4938856,
         *                 "vcpuFaultLatencyMeanNs": 4171862,
         *                 "slowdown": 26.54,
         *                 "pagingRatePagesPerSec": 780.53,
         *                 "bytesOnWire": 269549568,
         *                 "violations": 0
         *               }
         *             }
         *           ],
         *           "aggregates": [
         *             {
         *               "values": {
         *                 "vm.vcpus": 1
         *               },
         *               "runs": 1,
         *               "measured": 1,
         *               "outcomes": {
         *                 "completed": 1
         *               },
         *               "metrics": {
         *                 "totalNs": {
         *                   "mean": 147300754,
         *                   "min": 147300754,
         *                   "max": 147300754,
         *                   "sd": null
         *                 },
         *                 "downtimeNs": {
         *                   "mean": 20385544,
         *                   "min": 20385544,
         *                   "max": 20385544,
         *                   "sd": null
         *                 },
         *                 "postcopyNs": {
         *                   "mean": 126815210,
         *                   "min": 126815210,
         *                   "max": 126815210,
         *                   "sd": null
         *                 },
         *                 "blocktimeAllVcpusNs": {
         *                   "mean": 119590986,
         *                   "min": 119590986,
         *                   "max": 119590986,
         *                   "sd": null
         *                 },
         *                 "blocktimePerVcpuMeanNs": {
         *                   "mean": 119590986,
         *                   "min": 119590986,
         *                   "max": 119590986,
         *                   "sd": null
         *                 },
         *                 "faults": {
         *                   "mean": 28,
         *                   "min": 28,
         *                   "max": 28,
         *                   "sd": null
         *                 },
         *                 "latencyP50Ns": {
         *                   "mean": 4554752,
         *                   "min": 4554752,
         *                   "max": 4554752,
         *                   "sd": null
         *                 },
         *                 "latencyP99Ns": {
         *                   "mean": 4932151,
         *                   "min": 4932151,
         *                   "max": 4932151,
         *                   "sd": null
         *                 },
         *                 "vcpuFaultLatencyMeanNs": {
         *                   "mean": 4271107,
         *                   "min": 4271107,
         *                   "max": 4271107,
         *                   "sd": null
         *                 },
         *                 "slowdown": {
         *                   "mean": 17.622,
         *                   "min": 17.622,
         *                   "max": 17.622,
         *                   "sd": null
         *                 },
         *                 "pagingRatePagesPerSec": {
         *                   "mean": 199.843,
         *                   "min": 199.843,
         *                   "max": 199.843,
         *                   "sd": null
         *                 },
         *                 "bytesOnWire": {
         *                   "mean": 269496320,
         *                   "min": 269496320,
         *                   "max": 269496320,
         *                   "sd": null
         *                 },
         *                 "violations": {
         *                   "mean": 0,
         *                   "min": 0,
         *                   "max": 0,
         *                   "sd": null
         *                 }
         *               },
         *               "published": null
         *             },
         *             {
         *               "values": {
         *                 "vm.vcpus": 4
         *               },
         *               "runs": 1,
         *               "measured": 1,
         *               "outcomes": {
         *                 "completed": 1
         *               },
         *               "metrics": {
         *                 "totalNs": {
         *                   "mean": 147320869,
         *                   "min": 147320869,
         *                   "max": 147320869,
         *                   "sd": null
         *                 },
         *                 "downtimeNs": {
         *                   "mean": 20385544,
         *                   "min": 20385544,
         *                   "max": 20385544,
         *                   "sd": null
         *                 },
         *                 "postcopyNs": {
         *                   "mean": 126835325,
         *                   "min": 126835325,
         *                   "max": 126835325,
         *                   "sd": null
         *                 },
         *                 "blocktimeAllVcpusNs": {
         *                   "mean": 115689430,
         *                   "min": 115689430,
         *                   "max": 115689430,
         *                   "sd": null
         *                 },
         *                 "blocktimePerVcpuMeanNs": {
         *                   "mean": 122026969,
         *                   "min": 122026969,
         *                   "max": 122026969,
         *                   "sd": null
         *                 },
         *                 "faults": {
         *                   "mean": 117,
         *                   "min": 117,
         *                   "max": 117,
         *                   "sd": null
         *                 },
         *                 "latencyP50Ns": {
         *                   "mean": 4554752,
         *                   "min": 4554752,
         *                   "max": 4554752,
         *                   "sd": null
         *                 },
         *                 "latencyP99Ns": {
         *                   "mean": 4938856,
         *                   "min": 4938856,
         *                   "max": 4938856,
         *                   "sd": null
         *                 },
         *                 "vcpuFaultLatencyMeanNs": {
         *                   "mean": 4171862,
         *                   "min": 4171862,
         *                   "max": 4171862,
         *                   "sd": null
         *                 },
         *                 "slowdown": {
         *                   "mean": 26.54,
         *                   "min": 26.54,
         *                   "max": 26.54,
         *                   "sd": null
         *                 },
         *                 "pagingRatePagesPerSec": {
         *                   "mean": 780.53,
         *                   "min": 780.53,
         *                   "max": 780.53,
         *                   "sd": null
         *                 },
         *                 "bytesOnWire": {
         *                   "mean": 269549568,
         *                   "min": 269549568,
         *                   "max": 269549568,
         *                   "sd": null
         *                 },
         *                 "violations": {
         *                   "mean": 0,
         *                   "min": 0,
         *                   "max": 0,
         *                   "sd": null
         *                 }
         *               },
         *               "published": null
         *             }
         *           ],
         *           "preset": null
         *         },
         *         "links": {
         *           "self": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
         *           "results": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/results",
         *           "cancel": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/cancel",
         *           "events": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/events"
         *         }
         *       }
         *     }
         */
        ExperimentSummaryEvent: {
            /** @constant */
            type: "summary";
            experiment: components["schemas"]["Experiment"];
        };
        /** @description The JSON `data` of one Server-Sent Event; the SSE `event` field equals its `type`. */
        ExperimentEvent: components["schemas"]["ExperimentProgressEvent"] | components["schemas"]["ExperimentRunEvent"] | components["schemas"]["ExperimentSummaryEvent"];
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "modelVersion": 12,
                     *       "version": "0.1.0"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "checks": {
                     *         "postgres": "ok",
                     *         "redis": "ok"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "checks": {
                     *         "postgres": "ok",
                     *         "redis": "ok"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    listMigrations: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
                status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
                     *           "status": "queued",
                     *           "progress": 0,
                     *           "cancelRequested": false,
                     *           "attempts": 0,
                     *           "eventCount": 0,
                     *           "modelVersion": 12,
                     *           "experimentId": null,
                     *           "faultEvents": "all",
                     *           "createdAt": "2026-03-02T09:14:07.512Z",
                     *           "startedAt": null,
                     *           "finishedAt": null,
                     *           "spec": {
                     *             "seed": 42,
                     *             "vm": {
                     *               "arch": "x86_64",
                     *               "memoryMiB": 256,
                     *               "vcpus": 4,
                     *               "pageSize": "4K",
                     *               "backing": "anonymous",
                     *               "thp": false,
                     *               "khugepagedCollapsesPerSecond": 1,
                     *               "nested": false,
                     *               "zeroPageFraction": 0,
                     *               "ras": true,
                     *               "poisonedPages": [],
                     *               "poisonPlacement": "gfn"
                     *             },
                     *             "workload": {
                     *               "pattern": "zipf",
                     *               "writeRatio": 0.3,
                     *               "accessesPerSecond": 100000,
                     *               "thinkTimeNs": 1000,
                     *               "asyncPageFaults": false,
                     *               "userModeShare": 1,
                     *               "zipfExponent": 1.1,
                     *               "faultSources": {
                     *                 "kvmUserAccessPerSecond": 1000,
                     *                 "instructionEmulationPerSecond": 200,
                     *                 "nestedWalkShare": 0.5,
                     *                 "vhostAccessesPerSecond": 0,
                     *                 "vhostBufferMiB": 8
                     *               }
                     *             },
                     *             "strategy": {
                     *               "mechanism": "uffd_missing",
                     *               "handlerThreads": 1,
                     *               "uffdCount": 1,
                     *               "uffdWake": "poll",
                     *               "hugetlbMapping": "huge_page",
                     *               "gmemUptodateCheck": true,
                     *               "poisonPolicy": "intercept",
                     *               "backgroundCopy": {
                     *                 "enabled": true,
                     *                 "bandwidthShare": 0.8,
                     *                 "order": "sequential"
                     *               },
                     *               "precopy": {
                     *                 "rounds": 0,
                     *                 "dirtyRateMiBps": 256
                     *               },
                     *               "deviceRestore": {
                     *                 "preTransfer": false,
                     *                 "preTransferMissingDevices": [],
                     *                 "vcpuStart": "after_restore"
                     *               }
                     *             },
                     *             "network": {
                     *               "bandwidthGbps": 25,
                     *               "rttUs": 50,
                     *               "postcopyPreempt": false,
                     *               "preemptSender": "return_path",
                     *               "demandChannel": "migration_stream",
                     *               "multifdChannels": 1,
                     *               "multifdInPostcopy": false,
                     *               "sourceLocal": false,
                     *               "failures": [],
                     *               "postcopyRecovery": true
                     *             },
                     *             "host": {
                     *               "costScale": 1
                     *             },
                     *             "limits": {
                     *               "maxFaultEvents": 10000000,
                     *               "maxSimulatedSeconds": 3600
                     *             }
                     *           },
                     *           "progressDetail": null,
                     *           "summary": null,
                     *           "legacySummary": null,
                     *           "resolvedCosts": null,
                     *           "error": null,
                     *           "links": {
                     *             "self": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
                     *             "faults": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/faults",
                     *             "violations": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/violations",
                     *             "cancel": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/cancel"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["MigrationPage"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitMigration: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried submission return the first migration instead of creating a second one. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "seed": 42,
                 *       "vm": {
                 *         "arch": "x86_64",
                 *         "memoryMiB": 256,
                 *         "vcpus": 4,
                 *         "pageSize": "4K",
                 *         "backing": "anonymous"
                 *       },
                 *       "workload": {
                 *         "pattern": "zipf",
                 *         "writeRatio": 0.3
                 *       },
                 *       "strategy": {
                 *         "mechanism": "uffd_missing",
                 *         "handlerThreads": 1,
                 *         "backgroundCopy": {
                 *           "enabled": true,
                 *           "bandwidthShare": 0.8,
                 *           "order": "sequential"
                 *         }
                 *       },
                 *       "network": {
                 *         "bandwidthGbps": 25,
                 *         "rttUs": 50
                 *       }
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Seed of the simulator random generator: the same spec and seed give identical results.
                     * @default 1
                     */
                    seed?: number;
                    /** @description The virtual machine being migrated. */
                    vm: {
                        /**
                         * @description Guest architecture: x86_64 (EPT violations) or arm64 (stage-2 aborts).
                         * @default x86_64
                         * @enum {string}
                         */
                        arch?: "x86_64" | "arm64";
                        /** @description Guest memory size in MiB; a multiple of the page size. */
                        memoryMiB: number;
                        /** @description Number of vCPUs. */
                        vcpus: number;
                        /**
                         * @description Backing page size; 2M and 1G need hugetlbfs.
                         * @default 4K
                         * @enum {string}
                         */
                        pageSize?: "4K" | "2M" | "1G";
                        /**
                         * @description Memory backing of guest RAM on the target.
                         * @default anonymous
                         * @enum {string}
                         */
                        backing?: "anonymous" | "shmem" | "hugetlbfs" | "guest_memfd";
                        /**
                         * @description Transparent huge pages enabled on the backing (anonymous/shmem only).
                         * @default false
                         */
                        thp?: boolean;
                        /**
                         * @description With thp on shmem: 2 MiB ranges khugepaged collapses per second (default scan: 4096 pages every 10 s). Under a MINOR registration a collapse maps pages without a fault (minor_thp_bypass).
                         * @default 1
                         */
                        khugepagedCollapsesPerSecond?: number;
                        /**
                         * @description The guest runs nested VMs: KVM walks L1 EPT tables through __get_user.
                         * @default false
                         */
                        nested?: boolean;
                        /**
                         * @description Fraction of guest pages that hold only zeros on the source (never written, or freed and cleared), scattered over memory by a hash of the seed; whole backing pages (a huge page is zero as a whole). A zero page travels as a flag (9 bytes: QEMU RAM_SAVE_FLAG_ZERO) instead of 4 KiB and is installed with UFFDIO_ZEROPAGE (no copy). Default 0: every page has data (docs/model.md, section 5b).
                         * @default 0
                         */
                        zeroPageFraction?: number;
                        /**
                         * @description The guest handles machine checks (RAS: MCA on x86_64, SEA via APEI/GHES on arm64). Without it a machine check for a poisoned page cannot be delivered and the VM stops.
                         * @default true
                         */
                        ras?: boolean;
                        /** @description arm64 only: the GICv3 interrupt state that lives in guest memory and that KVM re-reads on the target before resume (KVM_DEV_ARM_ITS_RESTORE_TABLES). One redistributor per vCPU. Tables whose address is omitted are placed deterministically from the seed, aligned as the architecture requires, clear of each other and of poisoned pages. */
                        gic?: {
                            /**
                             * @description LPI INTID bits (GICR_PROPBASER.IDbits; KVM's vITS supports 16): the property table holds 2^bits - 8192 bytes (one per LPI), each pending table 2^bits / 8 bytes.
                             * @default 16
                             */
                            lpiIdBits?: number;
                            /** @description GICR_PROPBASER: the LPI property table shared by every redistributor (4 KiB aligned); placed when omitted. */
                            propertyTableAddress?: number;
                            /** @description GICR_PENDBASER of each redistributor, one per vCPU in vCPU order (64 KiB aligned); placed when omitted. */
                            pendingTableAddresses?: number[];
                            /**
                             * @description The ITS: its device table, collection table and the devices' interrupt translation tables, all in guest memory.
                             * @default {
                             *       "deviceTable": "two_level"
                             *     }
                             */
                            its?: {
                                /**
                                 * @description two_level: a level-1 table of 64 KiB level-2 tables of 8192 DeviceIDs (what Linux uses for 16 DeviceID bits); flat: one 512 KiB table indexed by DeviceID.
                                 * @default two_level
                                 * @enum {string}
                                 */
                                deviceTable?: "two_level" | "flat";
                                /** @description GITS_BASER of the device table (level 1 when two_level; 64 KiB aligned); placed when omitted. */
                                deviceTableAddress?: number;
                                /** @description GITS_BASER of the collection table (64 KiB aligned); placed when omitted. */
                                collectionTableAddress?: number;
                                /** @description Devices mapped in the ITS. Default: virtio-net (DeviceID 8, 2 x min(vCPUs, 16) + 2 events) and virtio-blk (DeviceID 16, min(vCPUs, 16) + 1 events). */
                                devices?: {
                                    /** @description DeviceID (e.g. the PCI requester ID; KVM's vITS has 16 DeviceID bits). */
                                    deviceId: number;
                                    /** @description MSI events (vectors) the device uses: one interrupt translation table entry and one LPI each; the ITT has room for max(2, events) rounded up to a power of two. */
                                    events: number;
                                    /** @description Collection every event of the device targets. Default: event e targets collection number e modulo the number of collections. */
                                    collectionId?: number;
                                    /** @description Guest physical address of the device's interrupt translation table (256-byte aligned); placed by the guest OS model when omitted. */
                                    ittAddress?: number;
                                }[];
                                /** @description Interrupt collections. Default: one per vCPU, collection i on redistributor i (as Linux allocates them). */
                                collections?: {
                                    /** @description Collection ID (ICID). */
                                    id: number;
                                    /** @description Redistributor (vCPU number, RDBase) the collection routes to. A value >= vm.vcpus describes an inconsistent table: the restore fails with -EINVAL. */
                                    targetVcpu: number;
                                }[];
                            };
                        };
                        /**
                         * @description Pages the source host marked hardware-poisoned: gfns or {start, count} ranges, inside guest memory, not overlapping, at most 1048576 frames and at most half of guest memory. They are never transferred.
                         * @default []
                         */
                        poisonedPages?: (number | {
                            /** @description Guest frame number (4 KiB units). */
                            start: number;
                            /** @description Number of consecutive 4 KiB frames. */
                            count: number;
                            /**
                             * @description The hardware poisoned these pages after pre-copy had sent them (needs strategy.precopy.rounds >= 1): the target holds a mapped, healthy-looking copy that must be zapped before resume (UFFDIO_POISON fails with -EEXIST on a mapped page).
                             * @default false
                             */
                            poisonedDuringPrecopy?: boolean;
                        })[];
                        /**
                         * @description What the numbers in vm.poisonedPages are. gfn (default): guest frame numbers, wherever the workload's seeded placement puts its hot pages. hot: positions in the working set, hottest first (0 = the most-accessed page under zipf; any working-set page under uniform), so the guest touches its poisoned pages; cold: positions in the memory outside the working set (needs workload.workingSetMiB below memoryMiB), which the vCPUs never touch. The run's placement turns positions into gfns (docs/model.md, section 7b).
                         * @default gfn
                         * @enum {string}
                         */
                        poisonPlacement?: "gfn" | "hot" | "cold";
                    };
                    /**
                     * @description What the vCPUs do after resume.
                     * @default {
                     *       "pattern": "uniform",
                     *       "writeRatio": 0.3,
                     *       "accessesPerSecond": 100000,
                     *       "thinkTimeNs": 1000,
                     *       "asyncPageFaults": false,
                     *       "userModeShare": 1,
                     *       "zipfExponent": 1.1,
                     *       "faultSources": {
                     *         "kvmUserAccessPerSecond": 1000,
                     *         "instructionEmulationPerSecond": 200,
                     *         "nestedWalkShare": 0.5,
                     *         "vhostAccessesPerSecond": 0,
                     *         "vhostBufferMiB": 8
                     *       }
                     *     }
                     */
                    workload?: {
                        /**
                         * @description uniform: any working-set page; zipf: hot pages (Zipf over page ranks); sequential: each vCPU scans its slice of the working set; random_walk: sequential runs with local jumps; demand_paging_test: like the KVM selftest, each vCPU touches each page of its own slice once.
                         * @default uniform
                         * @enum {string}
                         */
                        pattern?: "uniform" | "zipf" | "sequential" | "random_walk" | "demand_paging_test";
                        /** @description Hot memory touched by the vCPUs; defaults to all of guest memory. */
                        workingSetMiB?: number;
                        /**
                         * @description Fraction of accesses that are writes.
                         * @default 0.3
                         */
                        writeRatio?: number;
                        /**
                         * @description Guest accesses to distinct pages per vCPU per second of simulated time while the vCPU runs (one access every 1e9/accessesPerSecond ns).
                         * @default 100000
                         */
                        accessesPerSecond?: number;
                        /**
                         * @description Time a vCPU computes after a fault is resolved before its next access.
                         * @default 1000
                         */
                        thinkTimeNs?: number;
                        /**
                         * @description KVM async page faults (KVM_ASYNC_PF, x86_64 only; a 400 on arm64, which has none upstream, and with KVM exit mechanisms, whose vCPU thread resolves the fault itself): a vCPU whose guest task faults in user mode on a missing page is not stalled; KVM injects "page not present", the guest runs another task (its other accesses go on) and KVM's async-PF worker faults the page in (path async_page_fault), at most 64 outstanding per vCPU (ASYNC_PF_PER_VCPU). Kernel-mode faults, KVM's own accesses and nested walks still block. Default false (docs/model.md, section 3).
                         * @default false
                         */
                        asyncPageFaults?: boolean;
                        /**
                         * @description With asyncPageFaults: the share of guest accesses made in guest user mode (only those can be asynchronous; a fault in kernel mode blocks the vCPU). Default 1.
                         * @default 1
                         */
                        userModeShare?: number;
                        /**
                         * @description Exponent s of the zipf pattern: page of rank r is accessed with weight (r+1)^-s.
                         * @default 1.1
                         */
                        zipfExponent?: number;
                        /**
                         * @description Fault sources other than guest accesses by the vCPUs (docs/model.md, section 3).
                         * @default {
                         *       "kvmUserAccessPerSecond": 1000,
                         *       "instructionEmulationPerSecond": 200,
                         *       "nestedWalkShare": 0.5,
                         *       "vhostAccessesPerSecond": 0,
                         *       "vhostBufferMiB": 8
                         *     }
                         */
                        faultSources?: {
                            /**
                             * @description Per vCPU: KVM copy_to/from_user accesses to the paravirtual pages per second (x86_64: kvmclock, PV EOI, steal time, 3 pages per vCPU; arm64: the stolen-time page only).
                             * @default 1000
                             */
                            kvmUserAccessPerSecond?: number;
                            /**
                             * @description Per vCPU: instruction emulations per second; each reads the instruction bytes and walks the guest page tables of the code the vCPU runs (kvm_read_guest outside the EPT-violation path): a page within 64 KiB of its latest guest fault.
                             * @default 200
                             */
                            instructionEmulationPerSecond?: number;
                            /**
                             * @description With vm.nested: walks of L1's EPT tables by KVM (FNAME(walk_addr_generic) reading each entry with get_user) per guest access, so each vCPU walks nestedWalkShare x accessesPerSecond times per second; a walk reads a page of nestedTablePages and faults (path nested_walk) when that page is missing. Default 0.5 (docs/model.md, section 3).
                             * @default 0.5
                             */
                            nestedWalkShare?: number;
                            /** @description With vm.nested: the 4 KiB pages holding L1's EPT tables for its L2 guests, the only pages nested walks read: a region of the working set at a position drawn from the seed (capped at the working set). Default: one page per 2 MiB of the working set (a table of 512 8-byte entries, L2 memory mapped at 4 KiB), e.g. 512 pages for 1 GiB. */
                            nestedTablePages?: number;
                            /**
                             * @description Accesses by a vhost/VMM userspace thread to its buffer pages per second (resolved by uffd, at huge-page size on hugetlbfs).
                             * @default 0
                             */
                            vhostAccessesPerSecond?: number;
                            /**
                             * @description Guest memory the vhost/VMM thread touches: the virtqueue rings and the packet buffers the guest posted, a region of the working set at a position drawn from the seed (capped at the working set). 8 MiB: virtio-net with 4 queue pairs, 256 descriptors per queue and a page-sized buffer per descriptor (mergeable RX buffers), rings included.
                             * @default 8
                             */
                            vhostBufferMiB?: number;
                        };
                    };
                    /**
                     * @description How the target resolves missing pages.
                     * @default {
                     *       "mechanism": "uffd_missing",
                     *       "handlerThreads": 1,
                     *       "uffdCount": 1,
                     *       "uffdWake": "poll",
                     *       "hugetlbMapping": "huge_page",
                     *       "gmemUptodateCheck": true,
                     *       "poisonPolicy": "intercept",
                     *       "backgroundCopy": {
                     *         "enabled": true,
                     *         "bandwidthShare": 1,
                     *         "order": "sequential"
                     *       },
                     *       "precopy": {
                     *         "rounds": 0,
                     *         "dirtyRateMiBps": 256
                     *       },
                     *       "deviceRestore": {
                     *         "preTransfer": false,
                     *         "preTransferMissingDevices": [],
                     *         "vcpuStart": "after_restore"
                     *       }
                     *     }
                     */
                    strategy?: {
                        /**
                         * @description How a missing page reaches the VMM (docs/model.md, section 4).
                         * @default uffd_missing
                         * @enum {string}
                         */
                        mechanism?: "uffd_missing" | "uffd_minor" | "kvm_exit_on_missing" | "kvm_userfault" | "gmem_write_continue";
                        /**
                         * @description With kvm_exit_on_missing / kvm_userfault: the userfaultfd mode serving the other fault paths (missing = UFFDIO_COPY, minor = UFFDIO_CONTINUE, write_continue = guest_memfd write() + UFFDIO_CONTINUE). Default: minor on guest_memfd, missing otherwise.
                         * @enum {string}
                         */
                        uffdMode?: "missing" | "minor" | "write_continue" | "none";
                        /**
                         * @description userfaultfd handler threads reading each uffd.
                         * @default 1
                         */
                        handlerThreads?: number;
                        /**
                         * @description userfaultfds, each registered on an equal range of guest memory, with its own wait queue, lock and handlerThreads readers: a fault goes to the one registered on its page. 1: one shared by all memory (QEMU); vm.vcpus with pattern demand_paging_test: one per vCPU slice, as the selftest does.
                         * @default 1
                         */
                        uffdCount?: number;
                        /**
                         * @description How parked readers wait for a message: poll() wakes every one of them (a thundering herd, uffd_poll_herd_per_reader_ns each); EPOLLEXCLUSIVE wakes one.
                         * @default poll
                         * @enum {string}
                         */
                        uffdWake?: "poll" | "epoll_exclusive";
                        /**
                         * @description hugetlbfs with 2M/1G pages: how a missing page is filled, by every mechanism. huge_page: the whole huge page (what the kernel can map today, so a KVM exit fetches 2 MiB or 1 GiB too); hgm_4k: 4 KiB at a time through HugeTLB high-granularity mapping, as the 002_ thread assumes (proposed, not merged).
                         * @default huge_page
                         * @enum {string}
                         */
                        hugetlbMapping?: "huge_page" | "hgm_4k";
                        /**
                         * @description guest_memfd write() + UFFDIO_CONTINUE: the fault path also checks that the folio is up to date, as Peter Xu asked of the RFC (003_). false reproduces the RFC as posted: a concurrent fault during write() maps a partially written page (partial_page_read violation).
                         * @default true
                         */
                        gmemUptodateCheck?: boolean;
                        /**
                         * @description How the target makes poisoned pages fault before resume: uffdio_poison (UFFDIO_POISON, Linux 6.6: a poison PTE marker, the access faults with VM_FAULT_HWPOISON and KVM injects the machine check; -EEXIST on a page that is already mapped; anonymous, shmem, hugetlbfs), zap (MADV_DONTNEED / the proposed MADV_ZAP, then a missing-page fault answered with a machine check; anonymous, shmem), punch_hole (fallocate(FALLOC_FL_PUNCH_HOLE); shmem, hugetlbfs, guest_memfd), or none (no interception: the guest reads a healthy page where its data was poisoned, a poison_escape violation). Default: uffdio_poison, punch_hole on guest_memfd.
                         * @enum {string}
                         */
                        poisonHandling?: "uffdio_poison" | "zap" | "punch_hole" | "none";
                        /**
                         * @description intercept: migrate and keep the poisoned pages poisoned on the target (poisonHandling); strict: refuse to migrate a VM that has poisoned pages, as QEMU does today (migrate_prepare: "Can't migrate this vm with hardware poisoned memory").
                         * @default intercept
                         * @enum {string}
                         */
                        poisonPolicy?: "intercept" | "strict";
                        /**
                         * @description The background (population) copier that pushes pages nobody asked for.
                         * @default {
                         *       "enabled": true,
                         *       "bandwidthShare": 1,
                         *       "order": "sequential"
                         *     }
                         */
                        backgroundCopy?: {
                            /**
                             * @description Push pages that were not requested in the background.
                             * @default true
                             */
                            enabled?: boolean;
                            /**
                             * @description Share of link bandwidth the background copier may use (QEMU max-postcopy-bandwidth; 1 = unlimited, its default). Below 1 the copier is paced and the socket is mostly empty, so demand pages queue behind less data.
                             * @default 1
                             */
                            bandwidthShare?: number;
                            /**
                             * @description sequential: ascending gfn; near_recent_faults: continue right after the most recent demand fault (QEMU-style locality).
                             * @default sequential
                             * @enum {string}
                             */
                            order?: "sequential" | "near_recent_faults";
                        };
                        /**
                         * @description Optional pre-copy rounds before switchover (hybrid migration).
                         * @default {
                         *       "rounds": 0,
                         *       "dirtyRateMiBps": 256
                         *     }
                         */
                        precopy?: {
                            /**
                             * @description Pre-copy rounds before switchover (hybrid migration); 0 = pure post-copy.
                             * @default 0
                             */
                            rounds?: number;
                            /**
                             * @description Rate at which the running guest dirties working-set memory during pre-copy, MiB/s.
                             * @default 256
                             */
                            dirtyRateMiBps?: number;
                        };
                        /**
                         * @description How the target makes the ARM GIC/ITS restore (KVM_DEV_ARM_ITS_RESTORE_TABLES) see guest memory that has not arrived (arm64).
                         * @default {
                         *       "preTransfer": false,
                         *       "preTransferMissingDevices": [],
                         *       "vcpuStart": "after_restore"
                         *     }
                         */
                        deviceRestore?: {
                            /**
                             * @description The VMM sends every page holding a GIC/ITS table it knows of before resume (option 3 of the 001_ thread) instead of letting the restore fault on them. Pages it misses fault on the device_restore path: uffd serves them (strategy.uffdMode), or, with a KVM mechanism and uffdMode none, the restore fails with -EFAULT.
                             * @default false
                             */
                            preTransfer?: boolean;
                            /**
                             * @description Declares the pre-transfer list incomplete: DeviceIDs added after the list was made, whose interrupt translation table (and level-2 device table, if no known device shares it) the list lacks.
                             * @default []
                             */
                            preTransferMissingDevices?: number[];
                            /**
                             * @description after_restore: the vCPUs start after GITS_CTLR, as KVM documents; before_restore_tables: the VMM starts them before KVM_DEV_ARM_ITS_RESTORE_TABLES to shorten the downtime, and the ioctl fails with -EBUSY (KVM must lock every vCPU).
                             * @default after_restore
                             * @enum {string}
                             */
                            vcpuStart?: "after_restore" | "before_restore_tables";
                        };
                    };
                    /**
                     * @description The link between source and target.
                     * @default {
                     *       "bandwidthGbps": 25,
                     *       "rttUs": 100,
                     *       "postcopyPreempt": false,
                     *       "preemptSender": "return_path",
                     *       "demandChannel": "migration_stream",
                     *       "multifdChannels": 1,
                     *       "multifdInPostcopy": false,
                     *       "sourceLocal": false,
                     *       "failures": [],
                     *       "postcopyRecovery": true
                     *     }
                     */
                    network?: {
                        /**
                         * @description Link bandwidth between source and target, Gbit/s.
                         * @default 25
                         */
                        bandwidthGbps?: number;
                        /**
                         * @description Round-trip time between source and target in microseconds.
                         * @default 100
                         */
                        rttUs?: number;
                        /**
                         * @description Separate channel for urgent page requests (QEMU's postcopy-preempt): demand pages do not queue behind the background stream.
                         * @default false
                         */
                        postcopyPreempt?: boolean;
                        /**
                         * @description With postcopyPreempt: which source thread sends an urgent page. return_path (default; Peter Xu's "Postcopy Preempt-Full", QEMU since late 2022): the return-path thread that read the request sends it at once. migration_thread (the original postcopy-preempt, as [PX] measured it): the migration thread sends it, and when its background write finds the main socket full that thread sleeps in sendmsg() until a third of the send buffer (costs.send_buffer_kib) has drained, as a TCP sender does, so an urgent page may wait that long (3.6 ms at 10 Gbit/s with the default buffer; docs/model.md, section 5).
                         * @default return_path
                         * @enum {string}
                         */
                        preemptSender?: "return_path" | "migration_thread";
                        /**
                         * @description Where a page fetched for a KVM exit travels. migration_stream: in the migration stream like every demand page (the preempt channel with postcopyPreempt), usable once the receive side has consumed what is queued ahead of it; separate_connection: a VMM design that fetches exit pages over a connection of their own, installed by the vCPU thread on arrival.
                         * @default migration_stream
                         * @enum {string}
                         */
                        demandChannel?: "migration_stream" | "separate_connection";
                        /**
                         * @description Multifd connections (QEMU multifd-channels), each with its own receive thread on the target. As in QEMU (10.1+, which allows multifd with postcopy-ram) they carry the pre-copy rounds and stop at the switch to post-copy, where the background stream goes on the main channel (urgent pages on the preempt channel with postcopyPreempt); the model's pre-copy is bound by the wire, so they change nothing there. With multifdInPostcopy they also carry the post-copy background copy. Default 1 (docs/model.md, section 5).
                         * @default 1
                         */
                        multifdChannels?: number;
                        /**
                         * @description With multifdChannels > 1: a VMM that keeps streaming the post-copy background copy over the multifd connections (they share the link bandwidth but install their chunks in parallel, lifting the one-receive-thread cap of ~14.7 Gbit/s; the migration thread then writes no background data, so preemptSender migration_thread does not wait). Default false: QEMU, whose multifd threads stop sending once post-copy starts (docs/model.md, section 5).
                         * @default false
                         */
                        multifdInPostcopy?: boolean;
                        /**
                         * @description The source memory is local (as in demand_paging_test): a fetch is a memory copy, no link is involved.
                         * @default false
                         */
                        sourceLocal?: boolean;
                        /**
                         * @description Failures of the link or the source. During post-copy a broken link or an unresponsive source pauses the migration (QEMU postcopy-paused): faulting vCPUs stay blocked; when it is back, recovery (postcopy-recover) re-sends what the failure cut. If it never comes back the VM is lost. During pre-copy or the switchover (atMs before resume) the migration is aborted and the VM stays on the source, or is lost with a source that fails for good.
                         * @default []
                         */
                        failures?: {
                            /**
                             * @description link: the migration channels break; source: the source host stops serving (hangs for durationMs, or crashes for good and its memory is gone).
                             * @default link
                             * @enum {string}
                             */
                            component?: "link" | "source";
                            /** @description When it fails, in ms after the vCPUs resumed on the target (during post-copy). Give this or atMs. */
                            afterResumeMs?: number;
                            /** @description When it fails, in ms from the moment the source paused the VM (t = 0 of every timestamp; give this or afterResumeMs): negative during pre-copy (needs strategy.precopy.rounds >= 1; before the first round: at its start), from 0 until the vCPUs resume during the switchover (device state sent and loaded, GIC/ITS restore), later during post-copy. A failure before resume aborts the migration: the VM stays on the source (docs/model.md, section 7d). */
                            atMs?: number;
                            /** @description How long until it is back; omitted: for good (the VM is lost if post-copy has not finished). */
                            durationMs?: number;
                        }[];
                        /**
                         * @description The management layer issues migrate-recover when a failed component is back; false: a paused post-copy never resumes and the VM is lost.
                         * @default true
                         */
                        postcopyRecovery?: boolean;
                    };
                    /** @description Overrides of named cost parameters; any omitted parameter keeps its published default (docs/model.md). */
                    costs?: {
                        /** @description EPT violation (x86_64) / stage-2 abort (arm64): VM exit and KVM fault-path entry up to the host page-table walk (hva_to_pfn). arm64 with VHE (ARMv8.1+ servers) exits to the host kernel without a second world switch: its trap round trip is ~0.58x of x86 (Dall et al., USENIX ATC 2017), applied to the exit part (450 of the 600 ns). Unit: ns. Default: 600 on x86_64, 410 on arm64. */
                        ept_violation_ns?: number;
                        /** @description Slow GUP (mmap_lock, handle_mm_fault) until handle_userfault() is reached. Unit: ns. Default: 500. */
                        gup_slow_path_ns?: number;
                        /** @description handle_userfault(): queueing the message on the uffd wait queue, under its spinlock (lock hold time). Unit: ns. Default: 1992. */
                        uffd_enqueue_ns?: number;
                        /** @description Handler thread read() of one uffd message (syscall + moving the waiter between wait queues; lock held for part of it). Unit: ns. Default: 1200. */
                        uffd_read_ns?: number;
                        /** @description Part of uffd_read_ns spent holding the uffd wait-queue spinlock. Unit: ns. Default: 120. */
                        uffd_read_lock_ns?: number;
                        /** @description Wake of the waiters of a resolved range (userfaultfd_wake / __wake_up), lock hold excluding the queue walk. Unit: ns. Default: 315. */
                        uffd_wake_ns?: number;
                        /** @description Extra wait-queue lock hold per fault still queued on the uffd: the range wake-up walks every waiter to match its address. Unit: ns. Default: 1. */
                        uffd_wake_scan_per_waiter_ns?: number;
                        /** @description Extra lock hold per idle handler thread woken by a new message (every poller on the uffd is woken; all but one find nothing). Unit: ns. Default: 89. */
                        uffd_poll_herd_per_reader_ns?: number;
                        /** @description Cache-line hand-off cost added to each uffd wait-queue lock acquisition per doubling of the threads blocked on the uffd. Unit: ns. Default: 509. */
                        lock_bounce_per_log2_contender_ns?: number;
                        /** @description Scheduler latency to wake an idle handler thread sleeping in poll(). Unit: ns. Default: 1000. */
                        handler_wakeup_ns?: number;
                        /** @description Scheduler latency until a woken vCPU thread runs again, retries the fault and re-enters the guest. Unit: ns. Default: 1176. */
                        vcpu_wakeup_ns?: number;
                        /** @description KVM_RUN returns to userspace with KVM_EXIT_MEMORY_FAULT (fast-GUP miss, exit, ioctl return). Unit: ns. Default: 800. */
                        exit_to_userspace_ns?: number;
                        /** @description KVM_RUN ioctl and VM entry after userspace resolved the fault. arm64 (VHE): the VM-entry part (~350 ns on x86) at ~0.58x, as for ept_violation_ns. Unit: ns. Default: 700 on x86_64, 550 on arm64. */
                        vcpu_reentry_ns?: number;
                        /** @description Async page fault (workload.asyncPageFaults): after the EPT violation, KVM queues the async-PF work and injects "page not present"; the guest's handler parks the faulting task and schedules another one (an exception entry and a context switch; estimate). Unit: ns. Default: 2000. */
                        async_pf_inject_ns?: number;
                        /** @description Serialized part of every install ioctl on the target mm (mmap_lock read-side and page-cache cache lines move between CPUs one at a time). Unit: ns. Default: 235. */
                        mmap_lock_hold_ns?: number;
                        /** @description Extra cost of an install ioctl (mmap_lock read side, shared page-cache locks) per doubling of the threads inside the fault/install path at once, up to llc_cpus of them (the contended cache lines move inside one last-level cache). Unit: ns. Default: 1170. */
                        mmap_lock_bounce_per_log2_vcpu_ns?: number;
                        /** @description Extra cost of an install ioctl per doubling of the threads inside the fault/install path beyond llc_cpus: the contended cache lines then move between last-level caches (chiplets or sockets), several times slower than inside one. Unit: ns. Default: 3970. */
                        mmap_lock_bounce_cross_llc_per_log2_ns?: number;
                        /** @description CPUs sharing one last-level cache on the target host (8 on an AMD Zen 3 CCX, as on the 256-thread host [AM] measured): contention among at most that many threads stays inside one cache. Unit: CPUs. Default: 8. */
                        llc_cpus?: number;
                        /** @description UFFDIO_COPY of one 4 KiB page (allocate, copy, map; wake excluded). Unit: ns. Default: 2000. */
                        uffdio_copy_4k_ns?: number;
                        /** @description UFFDIO_COPY of one 2 MiB huge page. Unit: ns. Default: 180000. */
                        uffdio_copy_2m_ns?: number;
                        /** @description UFFDIO_COPY of one 1 GiB huge page. Unit: ns. Default: 95000000. */
                        uffdio_copy_1g_ns?: number;
                        /** @description UFFDIO_CONTINUE of one 4 KiB page already in the page cache (map only). Unit: ns. Default: 500. */
                        uffdio_continue_4k_ns?: number;
                        /** @description UFFDIO_CONTINUE of one 2 MiB page (one PMD). Unit: ns. Default: 2000. */
                        uffdio_continue_2m_ns?: number;
                        /** @description UFFDIO_CONTINUE of one 1 GiB page (one PUD). Unit: ns. Default: 4000. */
                        uffdio_continue_1g_ns?: number;
                        /** @description UFFDIO_ZEROPAGE of one 4 KiB zero page: maps the shared zero page (anonymous) or a freshly cleared page (shmem); no copy. Not on hugetlbfs, where a zeroed huge page is copied (UFFDIO_COPY cost). Unit: ns. Default: 700. */
                        uffdio_zeropage_4k_ns?: number;
                        /** @description Filling the page cache through the second mapping or write() (memcpy at ~10 GB/s), per KiB. Unit: ns/KiB. Default: 100. */
                        page_cache_write_per_kib_ns?: number;
                        /** @description GIC/ITS restore: one kvm_read_guest_lock() of a table entry (8 bytes) or of an LPI property/pending byte from a present page (memslot lookup, copy_from_user). Unit: ns. Default: 300. */
                        kvm_read_guest_ns?: number;
                        /** @description GIC/ITS restore: one KVM_SET_DEVICE_ATTR ioctl writing a redistributor or ITS register (syscall round trip and the register emulation). Unit: ns. Default: 1000. */
                        kvm_device_attr_ns?: number;
                        /** @description Postcopy recovery after the link is back: re-establishing the migration channels (migrate-recover) before the received-pages bitmap is exchanged. Unit: ns. Default: 50000000. */
                        postcopy_recover_ns?: number;
                        /** @description Injecting a machine check into the vCPU instead of fetching a poisoned page: x86_64 one KVM_X86_SET_MCE ioctl (the bank values) and delivery; arm64 an SEA, for which QEMU first writes the CPER record into the guest's ACPI GHES error block (guest-memory writes, ~2 us more), then sets the pending external abort with KVM_SET_VCPU_EVENTS. Unit: ns. Default: 5000 on x86_64, 7000 on arm64. */
                        mce_inject_ns?: number;
                        /** @description Before resume: one zap (MADV_DONTNEED), hole punch or UFFDIO_POISON call per poisoned range on the target. Unit: ns. Default: 5000. */
                        poison_setup_per_range_ns?: number;
                        /** @description Target thread sends a page request on the return path (syscall). Unit: ns. Default: 2000. */
                        request_send_ns?: number;
                        /** @description Source side: receive the request, look up and queue the page for sending. Unit: ns. Default: 5000. */
                        fetch_service_ns?: number;
                        /** @description Send buffer of the main channel socket on the source (sk_sndbuf, autotuned up to net.ipv4.tcp_wmem's maximum): the background stream fills it, and a writer blocked on the full socket is woken when a third of it has drained (sk_stream_write_space). What a demand page queues behind without postcopy-preempt. Unit: KiB. Default: 13312. */
                        send_buffer_kib?: number;
                        /** @description CPU time of the source thread that writes the background stream, per KiB written: finding and clearing dirty bits, the zero-page check, the page header, the copy into the socket and TCP segmentation. It caps one stream at about 1 / this rate (each multifd channel has a thread of its own). Unit: ns/KiB. Default: 180. */
                        migration_thread_send_per_kib_ns?: number;
                        /** @description Device state sent while the VM is paused (vCPU registers, interrupt controllers, devices). Unit: KiB. Default: 1024. */
                        device_state_kib?: number;
                        /** @description Target loads the device state before resuming the vCPUs. Unit: ns. Default: 20000000. */
                        device_state_load_ns?: number;
                    };
                    /**
                     * @description The hosts the migration runs on, relative to the calibration host.
                     * @default {
                     *       "costScale": 1
                     *     }
                     */
                    host?: {
                        /**
                         * @description Multiplies every per-operation CPU cost (the ns and ns/KiB cost parameters, on both hosts; not sizes, not the management layer's recovery time) for hosts slower (> 1) or faster (< 1) than the calibration host (docs/validation.md). Explicit costs overrides are taken as they are.
                         * @default 1
                         */
                        costScale?: number;
                    };
                    /**
                     * @description Bounds on the work a single simulation may do.
                     * @default {
                     *       "maxFaultEvents": 10000000,
                     *       "maxSimulatedSeconds": 3600
                     *     }
                     */
                    limits?: {
                        /**
                         * @description Stop (outcome truncated) after this many fault events. Hard maximum 100000000.
                         * @default 10000000
                         */
                        maxFaultEvents?: number;
                        /**
                         * @description Stop (outcome truncated) when simulated post-copy time exceeds this.
                         * @default 3600
                         */
                        maxSimulatedSeconds?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Accepted; the migration is queued (or the first one, on an Idempotency-Key replay). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
                     *       "status": "queued",
                     *       "progress": 0,
                     *       "cancelRequested": false,
                     *       "attempts": 0,
                     *       "eventCount": 0,
                     *       "modelVersion": 12,
                     *       "experimentId": null,
                     *       "faultEvents": "all",
                     *       "createdAt": "2026-03-02T09:14:07.512Z",
                     *       "startedAt": null,
                     *       "finishedAt": null,
                     *       "spec": {
                     *         "seed": 42,
                     *         "vm": {
                     *           "arch": "x86_64",
                     *           "memoryMiB": 256,
                     *           "vcpus": 4,
                     *           "pageSize": "4K",
                     *           "backing": "anonymous",
                     *           "thp": false,
                     *           "khugepagedCollapsesPerSecond": 1,
                     *           "nested": false,
                     *           "zeroPageFraction": 0,
                     *           "ras": true,
                     *           "poisonedPages": [],
                     *           "poisonPlacement": "gfn"
                     *         },
                     *         "workload": {
                     *           "pattern": "zipf",
                     *           "writeRatio": 0.3,
                     *           "accessesPerSecond": 100000,
                     *           "thinkTimeNs": 1000,
                     *           "asyncPageFaults": false,
                     *           "userModeShare": 1,
                     *           "zipfExponent": 1.1,
                     *           "faultSources": {
                     *             "kvmUserAccessPerSecond": 1000,
                     *             "instructionEmulationPerSecond": 200,
                     *             "nestedWalkShare": 0.5,
                     *             "vhostAccessesPerSecond": 0,
                     *             "vhostBufferMiB": 8
                     *           }
                     *         },
                     *         "strategy": {
                     *           "mechanism": "uffd_missing",
                     *           "handlerThreads": 1,
                     *           "uffdCount": 1,
                     *           "uffdWake": "poll",
                     *           "hugetlbMapping": "huge_page",
                     *           "gmemUptodateCheck": true,
                     *           "poisonPolicy": "intercept",
                     *           "backgroundCopy": {
                     *             "enabled": true,
                     *             "bandwidthShare": 0.8,
                     *             "order": "sequential"
                     *           },
                     *           "precopy": {
                     *             "rounds": 0,
                     *             "dirtyRateMiBps": 256
                     *           },
                     *           "deviceRestore": {
                     *             "preTransfer": false,
                     *             "preTransferMissingDevices": [],
                     *             "vcpuStart": "after_restore"
                     *           }
                     *         },
                     *         "network": {
                     *           "bandwidthGbps": 25,
                     *           "rttUs": 50,
                     *           "postcopyPreempt": false,
                     *           "preemptSender": "return_path",
                     *           "demandChannel": "migration_stream",
                     *           "multifdChannels": 1,
                     *           "multifdInPostcopy": false,
                     *           "sourceLocal": false,
                     *           "failures": [],
                     *           "postcopyRecovery": true
                     *         },
                     *         "host": {
                     *           "costScale": 1
                     *         },
                     *         "limits": {
                     *           "maxFaultEvents": 10000000,
                     *           "maxSimulatedSeconds": 3600
                     *         }
                     *       },
                     *       "progressDetail": null,
                     *       "summary": null,
                     *       "legacySummary": null,
                     *       "resolvedCosts": null,
                     *       "error": null,
                     *       "links": {
                     *         "self": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
                     *         "faults": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/faults",
                     *         "violations": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/violations",
                     *         "cancel": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/cancel"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Migration"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A limit or quota is reached; `detail` names it, and `Retry-After` says when to retry where waiting helps. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMigration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Migration id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
                     *       "status": "queued",
                     *       "progress": 0,
                     *       "cancelRequested": false,
                     *       "attempts": 0,
                     *       "eventCount": 0,
                     *       "modelVersion": 12,
                     *       "experimentId": null,
                     *       "faultEvents": "all",
                     *       "createdAt": "2026-03-02T09:14:07.512Z",
                     *       "startedAt": null,
                     *       "finishedAt": null,
                     *       "spec": {
                     *         "seed": 42,
                     *         "vm": {
                     *           "arch": "x86_64",
                     *           "memoryMiB": 256,
                     *           "vcpus": 4,
                     *           "pageSize": "4K",
                     *           "backing": "anonymous",
                     *           "thp": false,
                     *           "khugepagedCollapsesPerSecond": 1,
                     *           "nested": false,
                     *           "zeroPageFraction": 0,
                     *           "ras": true,
                     *           "poisonedPages": [],
                     *           "poisonPlacement": "gfn"
                     *         },
                     *         "workload": {
                     *           "pattern": "zipf",
                     *           "writeRatio": 0.3,
                     *           "accessesPerSecond": 100000,
                     *           "thinkTimeNs": 1000,
                     *           "asyncPageFaults": false,
                     *           "userModeShare": 1,
                     *           "zipfExponent": 1.1,
                     *           "faultSources": {
                     *             "kvmUserAccessPerSecond": 1000,
                     *             "instructionEmulationPerSecond": 200,
                     *             "nestedWalkShare": 0.5,
                     *             "vhostAccessesPerSecond": 0,
                     *             "vhostBufferMiB": 8
                     *           }
                     *         },
                     *         "strategy": {
                     *           "mechanism": "uffd_missing",
                     *           "handlerThreads": 1,
                     *           "uffdCount": 1,
                     *           "uffdWake": "poll",
                     *           "hugetlbMapping": "huge_page",
                     *           "gmemUptodateCheck": true,
                     *           "poisonPolicy": "intercept",
                     *           "backgroundCopy": {
                     *             "enabled": true,
                     *             "bandwidthShare": 0.8,
                     *             "order": "sequential"
                     *           },
                     *           "precopy": {
                     *             "rounds": 0,
                     *             "dirtyRateMiBps": 256
                     *           },
                     *           "deviceRestore": {
                     *             "preTransfer": false,
                     *             "preTransferMissingDevices": [],
                     *             "vcpuStart": "after_restore"
                     *           }
                     *         },
                     *         "network": {
                     *           "bandwidthGbps": 25,
                     *           "rttUs": 50,
                     *           "postcopyPreempt": false,
                     *           "preemptSender": "return_path",
                     *           "demandChannel": "migration_stream",
                     *           "multifdChannels": 1,
                     *           "multifdInPostcopy": false,
                     *           "sourceLocal": false,
                     *           "failures": [],
                     *           "postcopyRecovery": true
                     *         },
                     *         "host": {
                     *           "costScale": 1
                     *         },
                     *         "limits": {
                     *           "maxFaultEvents": 10000000,
                     *           "maxSimulatedSeconds": 3600
                     *         }
                     *       },
                     *       "progressDetail": null,
                     *       "summary": null,
                     *       "legacySummary": null,
                     *       "resolvedCosts": null,
                     *       "error": null,
                     *       "links": {
                     *         "self": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
                     *         "faults": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/faults",
                     *         "violations": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/violations",
                     *         "cancel": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/cancel"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Migration"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMigration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Migration id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The migration is in a state that does not allow this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelMigration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Migration id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
                     *       "status": "queued",
                     *       "progress": 0,
                     *       "cancelRequested": false,
                     *       "attempts": 0,
                     *       "eventCount": 0,
                     *       "modelVersion": 12,
                     *       "experimentId": null,
                     *       "faultEvents": "all",
                     *       "createdAt": "2026-03-02T09:14:07.512Z",
                     *       "startedAt": null,
                     *       "finishedAt": null,
                     *       "spec": {
                     *         "seed": 42,
                     *         "vm": {
                     *           "arch": "x86_64",
                     *           "memoryMiB": 256,
                     *           "vcpus": 4,
                     *           "pageSize": "4K",
                     *           "backing": "anonymous",
                     *           "thp": false,
                     *           "khugepagedCollapsesPerSecond": 1,
                     *           "nested": false,
                     *           "zeroPageFraction": 0,
                     *           "ras": true,
                     *           "poisonedPages": [],
                     *           "poisonPlacement": "gfn"
                     *         },
                     *         "workload": {
                     *           "pattern": "zipf",
                     *           "writeRatio": 0.3,
                     *           "accessesPerSecond": 100000,
                     *           "thinkTimeNs": 1000,
                     *           "asyncPageFaults": false,
                     *           "userModeShare": 1,
                     *           "zipfExponent": 1.1,
                     *           "faultSources": {
                     *             "kvmUserAccessPerSecond": 1000,
                     *             "instructionEmulationPerSecond": 200,
                     *             "nestedWalkShare": 0.5,
                     *             "vhostAccessesPerSecond": 0,
                     *             "vhostBufferMiB": 8
                     *           }
                     *         },
                     *         "strategy": {
                     *           "mechanism": "uffd_missing",
                     *           "handlerThreads": 1,
                     *           "uffdCount": 1,
                     *           "uffdWake": "poll",
                     *           "hugetlbMapping": "huge_page",
                     *           "gmemUptodateCheck": true,
                     *           "poisonPolicy": "intercept",
                     *           "backgroundCopy": {
                     *             "enabled": true,
                     *             "bandwidthShare": 0.8,
                     *             "order": "sequential"
                     *           },
                     *           "precopy": {
                     *             "rounds": 0,
                     *             "dirtyRateMiBps": 256
                     *           },
                     *           "deviceRestore": {
                     *             "preTransfer": false,
                     *             "preTransferMissingDevices": [],
                     *             "vcpuStart": "after_restore"
                     *           }
                     *         },
                     *         "network": {
                     *           "bandwidthGbps": 25,
                     *           "rttUs": 50,
                     *           "postcopyPreempt": false,
                     *           "preemptSender": "return_path",
                     *           "demandChannel": "migration_stream",
                     *           "multifdChannels": 1,
                     *           "multifdInPostcopy": false,
                     *           "sourceLocal": false,
                     *           "failures": [],
                     *           "postcopyRecovery": true
                     *         },
                     *         "host": {
                     *           "costScale": 1
                     *         },
                     *         "limits": {
                     *           "maxFaultEvents": 10000000,
                     *           "maxSimulatedSeconds": 3600
                     *         }
                     *       },
                     *       "progressDetail": null,
                     *       "summary": null,
                     *       "legacySummary": null,
                     *       "resolvedCosts": null,
                     *       "error": null,
                     *       "links": {
                     *         "self": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13",
                     *         "faults": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/faults",
                     *         "violations": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/violations",
                     *         "cancel": "/v1/migrations/3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13/cancel"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Migration"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The migration is in a state that does not allow this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A limit or quota is reached; `detail` names it, and `Retry-After` says when to retry where waiting helps. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listExperiments: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
                /** @description Only the experiments with this status, as they show it (running: queued with a run started). */
                status?: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
                     *           "label": "blocktime vs vCPUs",
                     *           "status": "succeeded",
                     *           "runCount": 2,
                     *           "modelVersion": 27,
                     *           "cancelRequested": false,
                     *           "createdAt": "2026-03-02T09:20:11.204Z",
                     *           "finishedAt": "2026-03-02T09:20:12.931Z",
                     *           "progress": {
                     *             "total": 2,
                     *             "done": 2,
                     *             "fraction": 1,
                     *             "byStatus": {
                     *               "queued": 0,
                     *               "running": 0,
                     *               "succeeded": 2,
                     *               "failed": 0,
                     *               "cancelled": 0
                     *             }
                     *           },
                     *           "request": {
                     *             "label": "blocktime vs vCPUs",
                     *             "preset": null,
                     *             "base": {
                     *               "seed": 1,
                     *               "vm": {
                     *                 "arch": "x86_64",
                     *                 "memoryMiB": 256,
                     *                 "vcpus": 4,
                     *                 "pageSize": "4K",
                     *                 "backing": "anonymous",
                     *                 "thp": false,
                     *                 "khugepagedCollapsesPerSecond": 1,
                     *                 "nested": false,
                     *                 "zeroPageFraction": 0,
                     *                 "ras": true,
                     *                 "poisonedPages": [],
                     *                 "poisonPlacement": "gfn"
                     *               },
                     *               "workload": {
                     *                 "pattern": "zipf",
                     *                 "writeRatio": 0.3,
                     *                 "accessesPerSecond": 100000,
                     *                 "thinkTimeNs": 1000,
                     *                 "asyncPageFaults": false,
                     *                 "userModeShare": 1,
                     *                 "zipfExponent": 1.1,
                     *                 "faultSources": {
                     *                   "kvmUserAccessPerSecond": 1000,
                     *                   "instructionEmulationPerSecond": 200,
                     *                   "nestedWalkShare": 0.5,
                     *                   "vhostAccessesPerSecond": 0,
                     *                   "vhostBufferMiB": 8
                     *                 }
                     *               },
                     *               "strategy": {
                     *                 "mechanism": "uffd_missing",
                     *                 "handlerThreads": 1,
                     *                 "uffdCount": 1,
                     *                 "uffdWake": "poll",
                     *                 "hugetlbMapping": "huge_page",
                     *                 "gmemUptodateCheck": true,
                     *                 "poisonPolicy": "intercept",
                     *                 "backgroundCopy": {
                     *                   "enabled": true,
                     *                   "bandwidthShare": 1,
                     *                   "order": "sequential"
                     *                 },
                     *                 "precopy": {
                     *                   "rounds": 0,
                     *                   "dirtyRateMiBps": 256
                     *                 },
                     *                 "deviceRestore": {
                     *                   "preTransfer": false,
                     *                   "preTransferMissingDevices": [],
                     *                   "vcpuStart": "after_restore"
                     *                 }
                     *               },
                     *               "network": {
                     *                 "bandwidthGbps": 25,
                     *                 "rttUs": 100,
                     *                 "postcopyPreempt": false,
                     *                 "preemptSender": "return_path",
                     *                 "demandChannel": "migration_stream",
                     *                 "multifdChannels": 1,
                     *                 "multifdInPostcopy": false,
                     *                 "sourceLocal": false,
                     *                 "failures": [],
                     *                 "postcopyRecovery": true
                     *               },
                     *               "host": {
                     *                 "costScale": 1
                     *               },
                     *               "limits": {
                     *                 "maxFaultEvents": 10000000,
                     *                 "maxSimulatedSeconds": 3600
                     *               }
                     *             },
                     *             "axes": [
                     *               {
                     *                 "path": "vm.vcpus",
                     *                 "values": [
                     *                   1,
                     *                   4
                     *                 ]
                     *               }
                     *             ],
                     *             "seeds": 1,
                     *             "faultEvents": "none"
                     *           },
                     *           "results": null,
                     *           "links": {
                     *             "self": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
                     *             "results": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/results",
                     *             "cancel": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/cancel",
                     *             "events": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/events"
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ExperimentPage"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitExperiment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried submission return the first migration instead of creating a second one. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "label": "blocktime vs vCPUs",
                 *       "base": {
                 *         "seed": 1,
                 *         "vm": {
                 *           "memoryMiB": 256,
                 *           "vcpus": 4,
                 *           "backing": "shmem"
                 *         },
                 *         "workload": {
                 *           "pattern": "zipf"
                 *         },
                 *         "strategy": {
                 *           "mechanism": "uffd_missing"
                 *         }
                 *       },
                 *       "axes": [
                 *         {
                 *           "path": "vm.vcpus",
                 *           "values": [
                 *             1,
                 *             4,
                 *             16
                 *           ]
                 *         },
                 *         {
                 *           "path": "strategy.mechanism",
                 *           "values": [
                 *             "uffd_minor",
                 *             "kvm_exit_on_missing"
                 *           ]
                 *         }
                 *       ],
                 *       "seeds": 2,
                 *       "faultEvents": "none"
                 *     }
                 */
                "application/json": {
                    /** @description A name for people (lists, the dashboard, exports); a preset's name when a preset is given without one. */
                    label?: string;
                    /**
                     * @description A published measurement to reproduce: the preset defines `base` and `axes` (leave them out), and its results carry the published figures beside the simulated ones (docs/validation.md).
                     * @enum {string}
                     */
                    preset?: "demand-paging-scaling" | "postcopy-preempt";
                    /**
                     * @description The migration every run starts from (a MigrationRequest); required unless `preset` is given.
                     * @example {
                     *       "seed": 42,
                     *       "vm": {
                     *         "arch": "x86_64",
                     *         "memoryMiB": 256,
                     *         "vcpus": 4
                     *       },
                     *       "workload": {
                     *         "pattern": "zipf"
                     *       },
                     *       "strategy": {
                     *         "mechanism": "uffd_missing"
                     *       },
                     *       "network": {
                     *         "bandwidthGbps": 25,
                     *         "rttUs": 50
                     *       }
                     *     }
                     */
                    base?: {
                        /**
                         * @description Seed of the simulator random generator: the same spec and seed give identical results.
                         * @default 1
                         */
                        seed?: number;
                        /** @description The virtual machine being migrated. */
                        vm: {
                            /**
                             * @description Guest architecture: x86_64 (EPT violations) or arm64 (stage-2 aborts).
                             * @default x86_64
                             * @enum {string}
                             */
                            arch?: "x86_64" | "arm64";
                            /** @description Guest memory size in MiB; a multiple of the page size. */
                            memoryMiB: number;
                            /** @description Number of vCPUs. */
                            vcpus: number;
                            /**
                             * @description Backing page size; 2M and 1G need hugetlbfs.
                             * @default 4K
                             * @enum {string}
                             */
                            pageSize?: "4K" | "2M" | "1G";
                            /**
                             * @description Memory backing of guest RAM on the target.
                             * @default anonymous
                             * @enum {string}
                             */
                            backing?: "anonymous" | "shmem" | "hugetlbfs" | "guest_memfd";
                            /**
                             * @description Transparent huge pages enabled on the backing (anonymous/shmem only).
                             * @default false
                             */
                            thp?: boolean;
                            /**
                             * @description With thp on shmem: 2 MiB ranges khugepaged collapses per second (default scan: 4096 pages every 10 s). Under a MINOR registration a collapse maps pages without a fault (minor_thp_bypass).
                             * @default 1
                             */
                            khugepagedCollapsesPerSecond?: number;
                            /**
                             * @description The guest runs nested VMs: KVM walks L1 EPT tables through __get_user.
                             * @default false
                             */
                            nested?: boolean;
                            /**
                             * @description Fraction of guest pages that hold only zeros on the source (never written, or freed and cleared), scattered over memory by a hash of the seed; whole backing pages (a huge page is zero as a whole). A zero page travels as a flag (9 bytes: QEMU RAM_SAVE_FLAG_ZERO) instead of 4 KiB and is installed with UFFDIO_ZEROPAGE (no copy). Default 0: every page has data (docs/model.md, section 5b).
                             * @default 0
                             */
                            zeroPageFraction?: number;
                            /**
                             * @description The guest handles machine checks (RAS: MCA on x86_64, SEA via APEI/GHES on arm64). Without it a machine check for a poisoned page cannot be delivered and the VM stops.
                             * @default true
                             */
                            ras?: boolean;
                            /** @description arm64 only: the GICv3 interrupt state that lives in guest memory and that KVM re-reads on the target before resume (KVM_DEV_ARM_ITS_RESTORE_TABLES). One redistributor per vCPU. Tables whose address is omitted are placed deterministically from the seed, aligned as the architecture requires, clear of each other and of poisoned pages. */
                            gic?: {
                                /**
                                 * @description LPI INTID bits (GICR_PROPBASER.IDbits; KVM's vITS supports 16): the property table holds 2^bits - 8192 bytes (one per LPI), each pending table 2^bits / 8 bytes.
                                 * @default 16
                                 */
                                lpiIdBits?: number;
                                /** @description GICR_PROPBASER: the LPI property table shared by every redistributor (4 KiB aligned); placed when omitted. */
                                propertyTableAddress?: number;
                                /** @description GICR_PENDBASER of each redistributor, one per vCPU in vCPU order (64 KiB aligned); placed when omitted. */
                                pendingTableAddresses?: number[];
                                /**
                                 * @description The ITS: its device table, collection table and the devices' interrupt translation tables, all in guest memory.
                                 * @default {
                                 *       "deviceTable": "two_level"
                                 *     }
                                 */
                                its?: {
                                    /**
                                     * @description two_level: a level-1 table of 64 KiB level-2 tables of 8192 DeviceIDs (what Linux uses for 16 DeviceID bits); flat: one 512 KiB table indexed by DeviceID.
                                     * @default two_level
                                     * @enum {string}
                                     */
                                    deviceTable?: "two_level" | "flat";
                                    /** @description GITS_BASER of the device table (level 1 when two_level; 64 KiB aligned); placed when omitted. */
                                    deviceTableAddress?: number;
                                    /** @description GITS_BASER of the collection table (64 KiB aligned); placed when omitted. */
                                    collectionTableAddress?: number;
                                    /** @description Devices mapped in the ITS. Default: virtio-net (DeviceID 8, 2 x min(vCPUs, 16) + 2 events) and virtio-blk (DeviceID 16, min(vCPUs, 16) + 1 events). */
                                    devices?: {
                                        /** @description DeviceID (e.g. the PCI requester ID; KVM's vITS has 16 DeviceID bits). */
                                        deviceId: number;
                                        /** @description MSI events (vectors) the device uses: one interrupt translation table entry and one LPI each; the ITT has room for max(2, events) rounded up to a power of two. */
                                        events: number;
                                        /** @description Collection every event of the device targets. Default: event e targets collection number e modulo the number of collections. */
                                        collectionId?: number;
                                        /** @description Guest physical address of the device's interrupt translation table (256-byte aligned); placed by the guest OS model when omitted. */
                                        ittAddress?: number;
                                    }[];
                                    /** @description Interrupt collections. Default: one per vCPU, collection i on redistributor i (as Linux allocates them). */
                                    collections?: {
                                        /** @description Collection ID (ICID). */
                                        id: number;
                                        /** @description Redistributor (vCPU number, RDBase) the collection routes to. A value >= vm.vcpus describes an inconsistent table: the restore fails with -EINVAL. */
                                        targetVcpu: number;
                                    }[];
                                };
                            };
                            /**
                             * @description Pages the source host marked hardware-poisoned: gfns or {start, count} ranges, inside guest memory, not overlapping, at most 1048576 frames and at most half of guest memory. They are never transferred.
                             * @default []
                             */
                            poisonedPages?: (number | {
                                /** @description Guest frame number (4 KiB units). */
                                start: number;
                                /** @description Number of consecutive 4 KiB frames. */
                                count: number;
                                /**
                                 * @description The hardware poisoned these pages after pre-copy had sent them (needs strategy.precopy.rounds >= 1): the target holds a mapped, healthy-looking copy that must be zapped before resume (UFFDIO_POISON fails with -EEXIST on a mapped page).
                                 * @default false
                                 */
                                poisonedDuringPrecopy?: boolean;
                            })[];
                            /**
                             * @description What the numbers in vm.poisonedPages are. gfn (default): guest frame numbers, wherever the workload's seeded placement puts its hot pages. hot: positions in the working set, hottest first (0 = the most-accessed page under zipf; any working-set page under uniform), so the guest touches its poisoned pages; cold: positions in the memory outside the working set (needs workload.workingSetMiB below memoryMiB), which the vCPUs never touch. The run's placement turns positions into gfns (docs/model.md, section 7b).
                             * @default gfn
                             * @enum {string}
                             */
                            poisonPlacement?: "gfn" | "hot" | "cold";
                        };
                        /**
                         * @description What the vCPUs do after resume.
                         * @default {
                         *       "pattern": "uniform",
                         *       "writeRatio": 0.3,
                         *       "accessesPerSecond": 100000,
                         *       "thinkTimeNs": 1000,
                         *       "asyncPageFaults": false,
                         *       "userModeShare": 1,
                         *       "zipfExponent": 1.1,
                         *       "faultSources": {
                         *         "kvmUserAccessPerSecond": 1000,
                         *         "instructionEmulationPerSecond": 200,
                         *         "nestedWalkShare": 0.5,
                         *         "vhostAccessesPerSecond": 0,
                         *         "vhostBufferMiB": 8
                         *       }
                         *     }
                         */
                        workload?: {
                            /**
                             * @description uniform: any working-set page; zipf: hot pages (Zipf over page ranks); sequential: each vCPU scans its slice of the working set; random_walk: sequential runs with local jumps; demand_paging_test: like the KVM selftest, each vCPU touches each page of its own slice once.
                             * @default uniform
                             * @enum {string}
                             */
                            pattern?: "uniform" | "zipf" | "sequential" | "random_walk" | "demand_paging_test";
                            /** @description Hot memory touched by the vCPUs; defaults to all of guest memory. */
                            workingSetMiB?: number;
                            /**
                             * @description Fraction of accesses that are writes.
                             * @default 0.3
                             */
                            writeRatio?: number;
                            /**
                             * @description Guest accesses to distinct pages per vCPU per second of simulated time while the vCPU runs (one access every 1e9/accessesPerSecond ns).
                             * @default 100000
                             */
                            accessesPerSecond?: number;
                            /**
                             * @description Time a vCPU computes after a fault is resolved before its next access.
                             * @default 1000
                             */
                            thinkTimeNs?: number;
                            /**
                             * @description KVM async page faults (KVM_ASYNC_PF, x86_64 only; a 400 on arm64, which has none upstream, and with KVM exit mechanisms, whose vCPU thread resolves the fault itself): a vCPU whose guest task faults in user mode on a missing page is not stalled; KVM injects "page not present", the guest runs another task (its other accesses go on) and KVM's async-PF worker faults the page in (path async_page_fault), at most 64 outstanding per vCPU (ASYNC_PF_PER_VCPU). Kernel-mode faults, KVM's own accesses and nested walks still block. Default false (docs/model.md, section 3).
                             * @default false
                             */
                            asyncPageFaults?: boolean;
                            /**
                             * @description With asyncPageFaults: the share of guest accesses made in guest user mode (only those can be asynchronous; a fault in kernel mode blocks the vCPU). Default 1.
                             * @default 1
                             */
                            userModeShare?: number;
                            /**
                             * @description Exponent s of the zipf pattern: page of rank r is accessed with weight (r+1)^-s.
                             * @default 1.1
                             */
                            zipfExponent?: number;
                            /**
                             * @description Fault sources other than guest accesses by the vCPUs (docs/model.md, section 3).
                             * @default {
                             *       "kvmUserAccessPerSecond": 1000,
                             *       "instructionEmulationPerSecond": 200,
                             *       "nestedWalkShare": 0.5,
                             *       "vhostAccessesPerSecond": 0,
                             *       "vhostBufferMiB": 8
                             *     }
                             */
                            faultSources?: {
                                /**
                                 * @description Per vCPU: KVM copy_to/from_user accesses to the paravirtual pages per second (x86_64: kvmclock, PV EOI, steal time, 3 pages per vCPU; arm64: the stolen-time page only).
                                 * @default 1000
                                 */
                                kvmUserAccessPerSecond?: number;
                                /**
                                 * @description Per vCPU: instruction emulations per second; each reads the instruction bytes and walks the guest page tables of the code the vCPU runs (kvm_read_guest outside the EPT-violation path): a page within 64 KiB of its latest guest fault.
                                 * @default 200
                                 */
                                instructionEmulationPerSecond?: number;
                                /**
                                 * @description With vm.nested: walks of L1's EPT tables by KVM (FNAME(walk_addr_generic) reading each entry with get_user) per guest access, so each vCPU walks nestedWalkShare x accessesPerSecond times per second; a walk reads a page of nestedTablePages and faults (path nested_walk) when that page is missing. Default 0.5 (docs/model.md, section 3).
                                 * @default 0.5
                                 */
                                nestedWalkShare?: number;
                                /** @description With vm.nested: the 4 KiB pages holding L1's EPT tables for its L2 guests, the only pages nested walks read: a region of the working set at a position drawn from the seed (capped at the working set). Default: one page per 2 MiB of the working set (a table of 512 8-byte entries, L2 memory mapped at 4 KiB), e.g. 512 pages for 1 GiB. */
                                nestedTablePages?: number;
                                /**
                                 * @description Accesses by a vhost/VMM userspace thread to its buffer pages per second (resolved by uffd, at huge-page size on hugetlbfs).
                                 * @default 0
                                 */
                                vhostAccessesPerSecond?: number;
                                /**
                                 * @description Guest memory the vhost/VMM thread touches: the virtqueue rings and the packet buffers the guest posted, a region of the working set at a position drawn from the seed (capped at the working set). 8 MiB: virtio-net with 4 queue pairs, 256 descriptors per queue and a page-sized buffer per descriptor (mergeable RX buffers), rings included.
                                 * @default 8
                                 */
                                vhostBufferMiB?: number;
                            };
                        };
                        /**
                         * @description How the target resolves missing pages.
                         * @default {
                         *       "mechanism": "uffd_missing",
                         *       "handlerThreads": 1,
                         *       "uffdCount": 1,
                         *       "uffdWake": "poll",
                         *       "hugetlbMapping": "huge_page",
                         *       "gmemUptodateCheck": true,
                         *       "poisonPolicy": "intercept",
                         *       "backgroundCopy": {
                         *         "enabled": true,
                         *         "bandwidthShare": 1,
                         *         "order": "sequential"
                         *       },
                         *       "precopy": {
                         *         "rounds": 0,
                         *         "dirtyRateMiBps": 256
                         *       },
                         *       "deviceRestore": {
                         *         "preTransfer": false,
                         *         "preTransferMissingDevices": [],
                         *         "vcpuStart": "after_restore"
                         *       }
                         *     }
                         */
                        strategy?: {
                            /**
                             * @description How a missing page reaches the VMM (docs/model.md, section 4).
                             * @default uffd_missing
                             * @enum {string}
                             */
                            mechanism?: "uffd_missing" | "uffd_minor" | "kvm_exit_on_missing" | "kvm_userfault" | "gmem_write_continue";
                            /**
                             * @description With kvm_exit_on_missing / kvm_userfault: the userfaultfd mode serving the other fault paths (missing = UFFDIO_COPY, minor = UFFDIO_CONTINUE, write_continue = guest_memfd write() + UFFDIO_CONTINUE). Default: minor on guest_memfd, missing otherwise.
                             * @enum {string}
                             */
                            uffdMode?: "missing" | "minor" | "write_continue" | "none";
                            /**
                             * @description userfaultfd handler threads reading each uffd.
                             * @default 1
                             */
                            handlerThreads?: number;
                            /**
                             * @description userfaultfds, each registered on an equal range of guest memory, with its own wait queue, lock and handlerThreads readers: a fault goes to the one registered on its page. 1: one shared by all memory (QEMU); vm.vcpus with pattern demand_paging_test: one per vCPU slice, as the selftest does.
                             * @default 1
                             */
                            uffdCount?: number;
                            /**
                             * @description How parked readers wait for a message: poll() wakes every one of them (a thundering herd, uffd_poll_herd_per_reader_ns each); EPOLLEXCLUSIVE wakes one.
                             * @default poll
                             * @enum {string}
                             */
                            uffdWake?: "poll" | "epoll_exclusive";
                            /**
                             * @description hugetlbfs with 2M/1G pages: how a missing page is filled, by every mechanism. huge_page: the whole huge page (what the kernel can map today, so a KVM exit fetches 2 MiB or 1 GiB too); hgm_4k: 4 KiB at a time through HugeTLB high-granularity mapping, as the 002_ thread assumes (proposed, not merged).
                             * @default huge_page
                             * @enum {string}
                             */
                            hugetlbMapping?: "huge_page" | "hgm_4k";
                            /**
                             * @description guest_memfd write() + UFFDIO_CONTINUE: the fault path also checks that the folio is up to date, as Peter Xu asked of the RFC (003_). false reproduces the RFC as posted: a concurrent fault during write() maps a partially written page (partial_page_read violation).
                             * @default true
                             */
                            gmemUptodateCheck?: boolean;
                            /**
                             * @description How the target makes poisoned pages fault before resume: uffdio_poison (UFFDIO_POISON, Linux 6.6: a poison PTE marker, the access faults with VM_FAULT_HWPOISON and KVM injects the machine check; -EEXIST on a page that is already mapped; anonymous, shmem, hugetlbfs), zap (MADV_DONTNEED / the proposed MADV_ZAP, then a missing-page fault answered with a machine check; anonymous, shmem), punch_hole (fallocate(FALLOC_FL_PUNCH_HOLE); shmem, hugetlbfs, guest_memfd), or none (no interception: the guest reads a healthy page where its data was poisoned, a poison_escape violation). Default: uffdio_poison, punch_hole on guest_memfd.
                             * @enum {string}
                             */
                            poisonHandling?: "uffdio_poison" | "zap" | "punch_hole" | "none";
                            /**
                             * @description intercept: migrate and keep the poisoned pages poisoned on the target (poisonHandling); strict: refuse to migrate a VM that has poisoned pages, as QEMU does today (migrate_prepare: "Can't migrate this vm with hardware poisoned memory").
                             * @default intercept
                             * @enum {string}
                             */
                            poisonPolicy?: "intercept" | "strict";
                            /**
                             * @description The background (population) copier that pushes pages nobody asked for.
                             * @default {
                             *       "enabled": true,
                             *       "bandwidthShare": 1,
                             *       "order": "sequential"
                             *     }
                             */
                            backgroundCopy?: {
                                /**
                                 * @description Push pages that were not requested in the background.
                                 * @default true
                                 */
                                enabled?: boolean;
                                /**
                                 * @description Share of link bandwidth the background copier may use (QEMU max-postcopy-bandwidth; 1 = unlimited, its default). Below 1 the copier is paced and the socket is mostly empty, so demand pages queue behind less data.
                                 * @default 1
                                 */
                                bandwidthShare?: number;
                                /**
                                 * @description sequential: ascending gfn; near_recent_faults: continue right after the most recent demand fault (QEMU-style locality).
                                 * @default sequential
                                 * @enum {string}
                                 */
                                order?: "sequential" | "near_recent_faults";
                            };
                            /**
                             * @description Optional pre-copy rounds before switchover (hybrid migration).
                             * @default {
                             *       "rounds": 0,
                             *       "dirtyRateMiBps": 256
                             *     }
                             */
                            precopy?: {
                                /**
                                 * @description Pre-copy rounds before switchover (hybrid migration); 0 = pure post-copy.
                                 * @default 0
                                 */
                                rounds?: number;
                                /**
                                 * @description Rate at which the running guest dirties working-set memory during pre-copy, MiB/s.
                                 * @default 256
                                 */
                                dirtyRateMiBps?: number;
                            };
                            /**
                             * @description How the target makes the ARM GIC/ITS restore (KVM_DEV_ARM_ITS_RESTORE_TABLES) see guest memory that has not arrived (arm64).
                             * @default {
                             *       "preTransfer": false,
                             *       "preTransferMissingDevices": [],
                             *       "vcpuStart": "after_restore"
                             *     }
                             */
                            deviceRestore?: {
                                /**
                                 * @description The VMM sends every page holding a GIC/ITS table it knows of before resume (option 3 of the 001_ thread) instead of letting the restore fault on them. Pages it misses fault on the device_restore path: uffd serves them (strategy.uffdMode), or, with a KVM mechanism and uffdMode none, the restore fails with -EFAULT.
                                 * @default false
                                 */
                                preTransfer?: boolean;
                                /**
                                 * @description Declares the pre-transfer list incomplete: DeviceIDs added after the list was made, whose interrupt translation table (and level-2 device table, if no known device shares it) the list lacks.
                                 * @default []
                                 */
                                preTransferMissingDevices?: number[];
                                /**
                                 * @description after_restore: the vCPUs start after GITS_CTLR, as KVM documents; before_restore_tables: the VMM starts them before KVM_DEV_ARM_ITS_RESTORE_TABLES to shorten the downtime, and the ioctl fails with -EBUSY (KVM must lock every vCPU).
                                 * @default after_restore
                                 * @enum {string}
                                 */
                                vcpuStart?: "after_restore" | "before_restore_tables";
                            };
                        };
                        /**
                         * @description The link between source and target.
                         * @default {
                         *       "bandwidthGbps": 25,
                         *       "rttUs": 100,
                         *       "postcopyPreempt": false,
                         *       "preemptSender": "return_path",
                         *       "demandChannel": "migration_stream",
                         *       "multifdChannels": 1,
                         *       "multifdInPostcopy": false,
                         *       "sourceLocal": false,
                         *       "failures": [],
                         *       "postcopyRecovery": true
                         *     }
                         */
                        network?: {
                            /**
                             * @description Link bandwidth between source and target, Gbit/s.
                             * @default 25
                             */
                            bandwidthGbps?: number;
                            /**
                             * @description Round-trip time between source and target in microseconds.
                             * @default 100
                             */
                            rttUs?: number;
                            /**
                             * @description Separate channel for urgent page requests (QEMU's postcopy-preempt): demand pages do not queue behind the background stream.
                             * @default false
                             */
                            postcopyPreempt?: boolean;
                            /**
                             * @description With postcopyPreempt: which source thread sends an urgent page. return_path (default; Peter Xu's "Postcopy Preempt-Full", QEMU since late 2022): the return-path thread that read the request sends it at once. migration_thread (the original postcopy-preempt, as [PX] measured it): the migration thread sends it, and when its background write finds the main socket full that thread sleeps in sendmsg() until a third of the send buffer (costs.send_buffer_kib) has drained, as a TCP sender does, so an urgent page may wait that long (3.6 ms at 10 Gbit/s with the default buffer; docs/model.md, section 5).
                             * @default return_path
                             * @enum {string}
                             */
                            preemptSender?: "return_path" | "migration_thread";
                            /**
                             * @description Where a page fetched for a KVM exit travels. migration_stream: in the migration stream like every demand page (the preempt channel with postcopyPreempt), usable once the receive side has consumed what is queued ahead of it; separate_connection: a VMM design that fetches exit pages over a connection of their own, installed by the vCPU thread on arrival.
                             * @default migration_stream
                             * @enum {string}
                             */
                            demandChannel?: "migration_stream" | "separate_connection";
                            /**
                             * @description Multifd connections (QEMU multifd-channels), each with its own receive thread on the target. As in QEMU (10.1+, which allows multifd with postcopy-ram) they carry the pre-copy rounds and stop at the switch to post-copy, where the background stream goes on the main channel (urgent pages on the preempt channel with postcopyPreempt); the model's pre-copy is bound by the wire, so they change nothing there. With multifdInPostcopy they also carry the post-copy background copy. Default 1 (docs/model.md, section 5).
                             * @default 1
                             */
                            multifdChannels?: number;
                            /**
                             * @description With multifdChannels > 1: a VMM that keeps streaming the post-copy background copy over the multifd connections (they share the link bandwidth but install their chunks in parallel, lifting the one-receive-thread cap of ~14.7 Gbit/s; the migration thread then writes no background data, so preemptSender migration_thread does not wait). Default false: QEMU, whose multifd threads stop sending once post-copy starts (docs/model.md, section 5).
                             * @default false
                             */
                            multifdInPostcopy?: boolean;
                            /**
                             * @description The source memory is local (as in demand_paging_test): a fetch is a memory copy, no link is involved.
                             * @default false
                             */
                            sourceLocal?: boolean;
                            /**
                             * @description Failures of the link or the source. During post-copy a broken link or an unresponsive source pauses the migration (QEMU postcopy-paused): faulting vCPUs stay blocked; when it is back, recovery (postcopy-recover) re-sends what the failure cut. If it never comes back the VM is lost. During pre-copy or the switchover (atMs before resume) the migration is aborted and the VM stays on the source, or is lost with a source that fails for good.
                             * @default []
                             */
                            failures?: {
                                /**
                                 * @description link: the migration channels break; source: the source host stops serving (hangs for durationMs, or crashes for good and its memory is gone).
                                 * @default link
                                 * @enum {string}
                                 */
                                component?: "link" | "source";
                                /** @description When it fails, in ms after the vCPUs resumed on the target (during post-copy). Give this or atMs. */
                                afterResumeMs?: number;
                                /** @description When it fails, in ms from the moment the source paused the VM (t = 0 of every timestamp; give this or afterResumeMs): negative during pre-copy (needs strategy.precopy.rounds >= 1; before the first round: at its start), from 0 until the vCPUs resume during the switchover (device state sent and loaded, GIC/ITS restore), later during post-copy. A failure before resume aborts the migration: the VM stays on the source (docs/model.md, section 7d). */
                                atMs?: number;
                                /** @description How long until it is back; omitted: for good (the VM is lost if post-copy has not finished). */
                                durationMs?: number;
                            }[];
                            /**
                             * @description The management layer issues migrate-recover when a failed component is back; false: a paused post-copy never resumes and the VM is lost.
                             * @default true
                             */
                            postcopyRecovery?: boolean;
                        };
                        /** @description Overrides of named cost parameters; any omitted parameter keeps its published default (docs/model.md). */
                        costs?: {
                            /** @description EPT violation (x86_64) / stage-2 abort (arm64): VM exit and KVM fault-path entry up to the host page-table walk (hva_to_pfn). arm64 with VHE (ARMv8.1+ servers) exits to the host kernel without a second world switch: its trap round trip is ~0.58x of x86 (Dall et al., USENIX ATC 2017), applied to the exit part (450 of the 600 ns). Unit: ns. Default: 600 on x86_64, 410 on arm64. */
                            ept_violation_ns?: number;
                            /** @description Slow GUP (mmap_lock, handle_mm_fault) until handle_userfault() is reached. Unit: ns. Default: 500. */
                            gup_slow_path_ns?: number;
                            /** @description handle_userfault(): queueing the message on the uffd wait queue, under its spinlock (lock hold time). Unit: ns. Default: 1992. */
                            uffd_enqueue_ns?: number;
                            /** @description Handler thread read() of one uffd message (syscall + moving the waiter between wait queues; lock held for part of it). Unit: ns. Default: 1200. */
                            uffd_read_ns?: number;
                            /** @description Part of uffd_read_ns spent holding the uffd wait-queue spinlock. Unit: ns. Default: 120. */
                            uffd_read_lock_ns?: number;
                            /** @description Wake of the waiters of a resolved range (userfaultfd_wake / __wake_up), lock hold excluding the queue walk. Unit: ns. Default: 315. */
                            uffd_wake_ns?: number;
                            /** @description Extra wait-queue lock hold per fault still queued on the uffd: the range wake-up walks every waiter to match its address. Unit: ns. Default: 1. */
                            uffd_wake_scan_per_waiter_ns?: number;
                            /** @description Extra lock hold per idle handler thread woken by a new message (every poller on the uffd is woken; all but one find nothing). Unit: ns. Default: 89. */
                            uffd_poll_herd_per_reader_ns?: number;
                            /** @description Cache-line hand-off cost added to each uffd wait-queue lock acquisition per doubling of the threads blocked on the uffd. Unit: ns. Default: 509. */
                            lock_bounce_per_log2_contender_ns?: number;
                            /** @description Scheduler latency to wake an idle handler thread sleeping in poll(). Unit: ns. Default: 1000. */
                            handler_wakeup_ns?: number;
                            /** @description Scheduler latency until a woken vCPU thread runs again, retries the fault and re-enters the guest. Unit: ns. Default: 1176. */
                            vcpu_wakeup_ns?: number;
                            /** @description KVM_RUN returns to userspace with KVM_EXIT_MEMORY_FAULT (fast-GUP miss, exit, ioctl return). Unit: ns. Default: 800. */
                            exit_to_userspace_ns?: number;
                            /** @description KVM_RUN ioctl and VM entry after userspace resolved the fault. arm64 (VHE): the VM-entry part (~350 ns on x86) at ~0.58x, as for ept_violation_ns. Unit: ns. Default: 700 on x86_64, 550 on arm64. */
                            vcpu_reentry_ns?: number;
                            /** @description Async page fault (workload.asyncPageFaults): after the EPT violation, KVM queues the async-PF work and injects "page not present"; the guest's handler parks the faulting task and schedules another one (an exception entry and a context switch; estimate). Unit: ns. Default: 2000. */
                            async_pf_inject_ns?: number;
                            /** @description Serialized part of every install ioctl on the target mm (mmap_lock read-side and page-cache cache lines move between CPUs one at a time). Unit: ns. Default: 235. */
                            mmap_lock_hold_ns?: number;
                            /** @description Extra cost of an install ioctl (mmap_lock read side, shared page-cache locks) per doubling of the threads inside the fault/install path at once, up to llc_cpus of them (the contended cache lines move inside one last-level cache). Unit: ns. Default: 1170. */
                            mmap_lock_bounce_per_log2_vcpu_ns?: number;
                            /** @description Extra cost of an install ioctl per doubling of the threads inside the fault/install path beyond llc_cpus: the contended cache lines then move between last-level caches (chiplets or sockets), several times slower than inside one. Unit: ns. Default: 3970. */
                            mmap_lock_bounce_cross_llc_per_log2_ns?: number;
                            /** @description CPUs sharing one last-level cache on the target host (8 on an AMD Zen 3 CCX, as on the 256-thread host [AM] measured): contention among at most that many threads stays inside one cache. Unit: CPUs. Default: 8. */
                            llc_cpus?: number;
                            /** @description UFFDIO_COPY of one 4 KiB page (allocate, copy, map; wake excluded). Unit: ns. Default: 2000. */
                            uffdio_copy_4k_ns?: number;
                            /** @description UFFDIO_COPY of one 2 MiB huge page. Unit: ns. Default: 180000. */
                            uffdio_copy_2m_ns?: number;
                            /** @description UFFDIO_COPY of one 1 GiB huge page. Unit: ns. Default: 95000000. */
                            uffdio_copy_1g_ns?: number;
                            /** @description UFFDIO_CONTINUE of one 4 KiB page already in the page cache (map only). Unit: ns. Default: 500. */
                            uffdio_continue_4k_ns?: number;
                            /** @description UFFDIO_CONTINUE of one 2 MiB page (one PMD). Unit: ns. Default: 2000. */
                            uffdio_continue_2m_ns?: number;
                            /** @description UFFDIO_CONTINUE of one 1 GiB page (one PUD). Unit: ns. Default: 4000. */
                            uffdio_continue_1g_ns?: number;
                            /** @description UFFDIO_ZEROPAGE of one 4 KiB zero page: maps the shared zero page (anonymous) or a freshly cleared page (shmem); no copy. Not on hugetlbfs, where a zeroed huge page is copied (UFFDIO_COPY cost). Unit: ns. Default: 700. */
                            uffdio_zeropage_4k_ns?: number;
                            /** @description Filling the page cache through the second mapping or write() (memcpy at ~10 GB/s), per KiB. Unit: ns/KiB. Default: 100. */
                            page_cache_write_per_kib_ns?: number;
                            /** @description GIC/ITS restore: one kvm_read_guest_lock() of a table entry (8 bytes) or of an LPI property/pending byte from a present page (memslot lookup, copy_from_user). Unit: ns. Default: 300. */
                            kvm_read_guest_ns?: number;
                            /** @description GIC/ITS restore: one KVM_SET_DEVICE_ATTR ioctl writing a redistributor or ITS register (syscall round trip and the register emulation). Unit: ns. Default: 1000. */
                            kvm_device_attr_ns?: number;
                            /** @description Postcopy recovery after the link is back: re-establishing the migration channels (migrate-recover) before the received-pages bitmap is exchanged. Unit: ns. Default: 50000000. */
                            postcopy_recover_ns?: number;
                            /** @description Injecting a machine check into the vCPU instead of fetching a poisoned page: x86_64 one KVM_X86_SET_MCE ioctl (the bank values) and delivery; arm64 an SEA, for which QEMU first writes the CPER record into the guest's ACPI GHES error block (guest-memory writes, ~2 us more), then sets the pending external abort with KVM_SET_VCPU_EVENTS. Unit: ns. Default: 5000 on x86_64, 7000 on arm64. */
                            mce_inject_ns?: number;
                            /** @description Before resume: one zap (MADV_DONTNEED), hole punch or UFFDIO_POISON call per poisoned range on the target. Unit: ns. Default: 5000. */
                            poison_setup_per_range_ns?: number;
                            /** @description Target thread sends a page request on the return path (syscall). Unit: ns. Default: 2000. */
                            request_send_ns?: number;
                            /** @description Source side: receive the request, look up and queue the page for sending. Unit: ns. Default: 5000. */
                            fetch_service_ns?: number;
                            /** @description Send buffer of the main channel socket on the source (sk_sndbuf, autotuned up to net.ipv4.tcp_wmem's maximum): the background stream fills it, and a writer blocked on the full socket is woken when a third of it has drained (sk_stream_write_space). What a demand page queues behind without postcopy-preempt. Unit: KiB. Default: 13312. */
                            send_buffer_kib?: number;
                            /** @description CPU time of the source thread that writes the background stream, per KiB written: finding and clearing dirty bits, the zero-page check, the page header, the copy into the socket and TCP segmentation. It caps one stream at about 1 / this rate (each multifd channel has a thread of its own). Unit: ns/KiB. Default: 180. */
                            migration_thread_send_per_kib_ns?: number;
                            /** @description Device state sent while the VM is paused (vCPU registers, interrupt controllers, devices). Unit: KiB. Default: 1024. */
                            device_state_kib?: number;
                            /** @description Target loads the device state before resuming the vCPUs. Unit: ns. Default: 20000000. */
                            device_state_load_ns?: number;
                        };
                        /**
                         * @description The hosts the migration runs on, relative to the calibration host.
                         * @default {
                         *       "costScale": 1
                         *     }
                         */
                        host?: {
                            /**
                             * @description Multiplies every per-operation CPU cost (the ns and ns/KiB cost parameters, on both hosts; not sizes, not the management layer's recovery time) for hosts slower (> 1) or faster (< 1) than the calibration host (docs/validation.md). Explicit costs overrides are taken as they are.
                             * @default 1
                             */
                            costScale?: number;
                        };
                        /**
                         * @description Bounds on the work a single simulation may do.
                         * @default {
                         *       "maxFaultEvents": 10000000,
                         *       "maxSimulatedSeconds": 3600
                         *     }
                         */
                        limits?: {
                            /**
                             * @description Stop (outcome truncated) after this many fault events. Hard maximum 100000000.
                             * @default 10000000
                             */
                            maxFaultEvents?: number;
                            /**
                             * @description Stop (outcome truncated) when simulated post-copy time exceeds this.
                             * @default 3600
                             */
                            maxSimulatedSeconds?: number;
                        };
                    };
                    /**
                     * @description The fields to vary. Runs are the cartesian product of the axes, the first axis outermost.
                     * @default []
                     */
                    axes?: components["schemas"]["ExperimentAxisInput"][];
                    /**
                     * @description Repetitions of every combination with different seeds: repetition i runs with seed = spec seed + i. The results aggregate over them (mean, min, max).
                     * @default 1
                     */
                    seeds?: number;
                    /**
                     * @description Which per-page fault events each run stores: all, sample (every 64th by seq), or none (the summaries are complete either way).
                     * @default none
                     * @enum {string}
                     */
                    faultEvents?: "all" | "sample" | "none";
                };
            };
        };
        responses: {
            /** @description Accepted; its runs are queued (or the first experiment, on an Idempotency-Key replay). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
                     *       "label": "blocktime vs vCPUs",
                     *       "status": "succeeded",
                     *       "runCount": 2,
                     *       "modelVersion": 27,
                     *       "cancelRequested": false,
                     *       "createdAt": "2026-03-02T09:20:11.204Z",
                     *       "finishedAt": "2026-03-02T09:20:12.931Z",
                     *       "progress": {
                     *         "total": 2,
                     *         "done": 2,
                     *         "fraction": 1,
                     *         "byStatus": {
                     *           "queued": 0,
                     *           "running": 0,
                     *           "succeeded": 2,
                     *           "failed": 0,
                     *           "cancelled": 0
                     *         }
                     *       },
                     *       "request": {
                     *         "label": "blocktime vs vCPUs",
                     *         "preset": null,
                     *         "base": {
                     *           "seed": 1,
                     *           "vm": {
                     *             "arch": "x86_64",
                     *             "memoryMiB": 256,
                     *             "vcpus": 4,
                     *             "pageSize": "4K",
                     *             "backing": "anonymous",
                     *             "thp": false,
                     *             "khugepagedCollapsesPerSecond": 1,
                     *             "nested": false,
                     *             "zeroPageFraction": 0,
                     *             "ras": true,
                     *             "poisonedPages": [],
                     *             "poisonPlacement": "gfn"
                     *           },
                     *           "workload": {
                     *             "pattern": "zipf",
                     *             "writeRatio": 0.3,
                     *             "accessesPerSecond": 100000,
                     *             "thinkTimeNs": 1000,
                     *             "asyncPageFaults": false,
                     *             "userModeShare": 1,
                     *             "zipfExponent": 1.1,
                     *             "faultSources": {
                     *               "kvmUserAccessPerSecond": 1000,
                     *               "instructionEmulationPerSecond": 200,
                     *               "nestedWalkShare": 0.5,
                     *               "vhostAccessesPerSecond": 0,
                     *               "vhostBufferMiB": 8
                     *             }
                     *           },
                     *           "strategy": {
                     *             "mechanism": "uffd_missing",
                     *             "handlerThreads": 1,
                     *             "uffdCount": 1,
                     *             "uffdWake": "poll",
                     *             "hugetlbMapping": "huge_page",
                     *             "gmemUptodateCheck": true,
                     *             "poisonPolicy": "intercept",
                     *             "backgroundCopy": {
                     *               "enabled": true,
                     *               "bandwidthShare": 1,
                     *               "order": "sequential"
                     *             },
                     *             "precopy": {
                     *               "rounds": 0,
                     *               "dirtyRateMiBps": 256
                     *             },
                     *             "deviceRestore": {
                     *               "preTransfer": false,
                     *               "preTransferMissingDevices": [],
                     *               "vcpuStart": "after_restore"
                     *             }
                     *           },
                     *           "network": {
                     *             "bandwidthGbps": 25,
                     *             "rttUs": 100,
                     *             "postcopyPreempt": false,
                     *             "preemptSender": "return_path",
                     *             "demandChannel": "migration_stream",
                     *             "multifdChannels": 1,
                     *             "multifdInPostcopy": false,
                     *             "sourceLocal": false,
                     *             "failures": [],
                     *             "postcopyRecovery": true
                     *           },
                     *           "host": {
                     *             "costScale": 1
                     *           },
                     *           "limits": {
                     *             "maxFaultEvents": 10000000,
                     *             "maxSimulatedSeconds": 3600
                     *           }
                     *         },
                     *         "axes": [
                     *           {
                     *             "path": "vm.vcpus",
                     *             "values": [
                     *               1,
                     *               4
                     *             ]
                     *           }
                     *         ],
                     *         "seeds": 1,
                     *         "faultEvents": "none"
                     *       },
                     *       "results": {
                     *         "columns": [
                     *           "vm.vcpus"
                     *         ],
                     *         "metrics": [
                     *           {
                     *             "name": "totalNs",
                     *             "unit": "ns",
                     *             "description": "timing.totalNs: pre-copy + downtime + post-copy."
                     *           },
                     *           {
                     *             "name": "downtimeNs",
                     *             "unit": "ns",
                     *             "description": "timing.downtimeNs: source paused until the vCPUs resumed on the target."
                     *           },
                     *           {
                     *             "name": "postcopyNs",
                     *             "unit": "ns",
                     *             "description": "timing.postcopyNs: resume until the last page arrived."
                     *           },
                     *           {
                     *             "name": "blocktimeAllVcpusNs",
                     *             "unit": "ns",
                     *             "description": "blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once)."
                     *           },
                     *           {
                     *             "name": "blocktimePerVcpuMeanNs",
                     *             "unit": "ns",
                     *             "description": "Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime)."
                     *           },
                     *           {
                     *             "name": "faults",
                     *             "unit": "count",
                     *             "description": "faults.total: fault events of the run."
                     *           },
                     *           {
                     *             "name": "latencyP50Ns",
                     *             "unit": "ns",
                     *             "description": "faults.latency.p50Ns."
                     *           },
                     *           {
                     *             "name": "latencyP99Ns",
                     *             "unit": "ns",
                     *             "description": "faults.latency.p99Ns."
                     *           },
                     *           {
                     *             "name": "vcpuFaultLatencyMeanNs",
                     *             "unit": "ns",
                     *             "description": "Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the \"average page request latency\" of QEMU measurements."
                     *           },
                     *           {
                     *             "name": "slowdown",
                     *             "unit": "ratio",
                     *             "description": "slowdown: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed); null when they executed no access at all (the aggregates leave such runs out)."
                     *           },
                     *           {
                     *             "name": "pagingRatePagesPerSec",
                     *             "unit": "4 KiB frames/s",
                     *             "description": "pagingRate.overallPagesPerSec: demand paging rate of the vCPUs."
                     *           },
                     *           {
                     *             "name": "bytesOnWire",
                     *             "unit": "bytes",
                     *             "description": "bytesOnWire: everything sent over the link."
                     *           },
                     *           {
                     *             "name": "violations",
                     *             "unit": "count",
                     *             "description": "violationCount: correctness violations."
                     *           }
                     *         ],
                     *         "runs": [
                     *           {
                     *             "index": 0,
                     *             "migrationId": "5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64",
                     *             "values": {
                     *               "vm.vcpus": 1
                     *             },
                     *             "seedIndex": 0,
                     *             "seed": 1,
                     *             "status": "succeeded",
                     *             "outcome": "completed",
                     *             "correct": true,
                     *             "guestImpaired": false,
                     *             "metrics": {
                     *               "totalNs": 147300754,
                     *               "downtimeNs": 20385544,
                     *               "postcopyNs": 126815210,
                     *               "blocktimeAllVcpusNs": 119590986,
                     *               "blocktimePerVcpuMeanNs": 119590986,
                     *               "faults": 28,
                     *               "latencyP50Ns": 4554752,
                     *               "latencyP99Ns": 4932151,
                     *               "vcpuFaultLatencyMeanNs": 4271107,
                     *               "slowdown": 17.622,
                     *               "pagingRatePagesPerSec": 199.843,
                     *               "bytesOnWire": 269496320,
                     *               "violations": 0
                     *             }
                     *           },
                     *           {
                     *             "index": 1,
                     *             "migrationId": "c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37",
                     *             "values": {
                     *               "vm.vcpus": 4
                     *             },
                     *             "seedIndex": 0,
                     *             "seed": 1,
                     *             "status": "succeeded",
                     *             "outcome": "completed",
                     *             "correct": true,
                     *             "guestImpaired": false,
                     *             "metrics": {
                     *               "totalNs": 147320869,
                     *               "downtimeNs": 20385544,
                     *               "postcopyNs": 126835325,
                     *               "blocktimeAllVcpusNs": 115689430,
                     *               "blocktimePerVcpuMeanNs": 122026969,
                     *               "faults": 117,
                     *               "latencyP50Ns": 4554752,
                     *               "latencyP99Ns": 4938856,
                     *               "vcpuFaultLatencyMeanNs": 4171862,
                     *               "slowdown": 26.54,
                     *               "pagingRatePagesPerSec": 780.53,
                     *               "bytesOnWire": 269549568,
                     *               "violations": 0
                     *             }
                     *           }
                     *         ],
                     *         "aggregates": [
                     *           {
                     *             "values": {
                     *               "vm.vcpus": 1
                     *             },
                     *             "runs": 1,
                     *             "measured": 1,
                     *             "outcomes": {
                     *               "completed": 1
                     *             },
                     *             "metrics": {
                     *               "totalNs": {
                     *                 "mean": 147300754,
                     *                 "min": 147300754,
                     *                 "max": 147300754,
                     *                 "sd": null
                     *               },
                     *               "downtimeNs": {
                     *                 "mean": 20385544,
                     *                 "min": 20385544,
                     *                 "max": 20385544,
                     *                 "sd": null
                     *               },
                     *               "postcopyNs": {
                     *                 "mean": 126815210,
                     *                 "min": 126815210,
                     *                 "max": 126815210,
                     *                 "sd": null
                     *               },
                     *               "blocktimeAllVcpusNs": {
                     *                 "mean": 119590986,
                     *                 "min": 119590986,
                     *                 "max": 119590986,
                     *                 "sd": null
                     *               },
                     *               "blocktimePerVcpuMeanNs": {
                     *                 "mean": 119590986,
                     *                 "min": 119590986,
                     *                 "max": 119590986,
                     *                 "sd": null
                     *               },
                     *               "faults": {
                     *                 "mean": 28,
                     *                 "min": 28,
                     *                 "max": 28,
                     *                 "sd": null
                     *               },
                     *               "latencyP50Ns": {
                     *                 "mean": 4554752,
                     *                 "min": 4554752,
                     *                 "max": 4554752,
                     *                 "sd": null
                     *               },
                     *               "latencyP99Ns": {
                     *                 "mean": 4932151,
                     *                 "min": 4932151,
                     *                 "max": 4932151,
                     *                 "sd": null
                     *               },
                     *               "vcpuFaultLatencyMeanNs": {
                     *                 "mean": 4271107,
                     *                 "min": 4271107,
                     *                 "max": 4271107,
                     *                 "sd": null
                     *               },
                     *               "slowdown": {
                     *                 "mean": 17.622,
                     *                 "min": 17.622,
                     *                 "max": 17.622,
                     *                 "sd": null
                     *               },
                     *               "pagingRatePagesPerSec": {
                     *                 "mean": 199.843,
                     *                 "min": 199.843,
                     *                 "max": 199.843,
                     *                 "sd": null
                     *               },
                     *               "bytesOnWire": {
                     *                 "mean": 269496320,
                     *                 "min": 269496320,
                     *                 "max": 269496320,
                     *                 "sd": null
                     *               },
                     *               "violations": {
                     *                 "mean": 0,
                     *                 "min": 0,
                     *                 "max": 0,
                     *                 "sd": null
                     *               }
                     *             },
                     *             "published": null
                     *           },
                     *           {
                     *             "values": {
                     *               "vm.vcpus": 4
                     *             },
                     *             "runs": 1,
                     *             "measured": 1,
                     *             "outcomes": {
                     *               "completed": 1
                     *             },
                     *             "metrics": {
                     *               "totalNs": {
                     *                 "mean": 147320869,
                     *                 "min": 147320869,
                     *                 "max": 147320869,
                     *                 "sd": null
                     *               },
                     *               "downtimeNs": {
                     *                 "mean": 20385544,
                     *                 "min": 20385544,
                     *                 "max": 20385544,
                     *                 "sd": null
                     *               },
                     *               "postcopyNs": {
                     *                 "mean": 126835325,
                     *                 "min": 126835325,
                     *                 "max": 126835325,
                     *                 "sd": null
                     *               },
                     *               "blocktimeAllVcpusNs": {
                     *                 "mean": 115689430,
                     *                 "min": 115689430,
                     *                 "max": 115689430,
                     *                 "sd": null
                     *               },
                     *               "blocktimePerVcpuMeanNs": {
                     *                 "mean": 122026969,
                     *                 "min": 122026969,
                     *                 "max": 122026969,
                     *                 "sd": null
                     *               },
                     *               "faults": {
                     *                 "mean": 117,
                     *                 "min": 117,
                     *                 "max": 117,
                     *                 "sd": null
                     *               },
                     *               "latencyP50Ns": {
                     *                 "mean": 4554752,
                     *                 "min": 4554752,
                     *                 "max": 4554752,
                     *                 "sd": null
                     *               },
                     *               "latencyP99Ns": {
                     *                 "mean": 4938856,
                     *                 "min": 4938856,
                     *                 "max": 4938856,
                     *                 "sd": null
                     *               },
                     *               "vcpuFaultLatencyMeanNs": {
                     *                 "mean": 4171862,
                     *                 "min": 4171862,
                     *                 "max": 4171862,
                     *                 "sd": null
                     *               },
                     *               "slowdown": {
                     *                 "mean": 26.54,
                     *                 "min": 26.54,
                     *                 "max": 26.54,
                     *                 "sd": null
                     *               },
                     *               "pagingRatePagesPerSec": {
                     *                 "mean": 780.53,
                     *                 "min": 780.53,
                     *                 "max": 780.53,
                     *                 "sd": null
                     *               },
                     *               "bytesOnWire": {
                     *                 "mean": 269549568,
                     *                 "min": 269549568,
                     *                 "max": 269549568,
                     *                 "sd": null
                     *               },
                     *               "violations": {
                     *                 "mean": 0,
                     *                 "min": 0,
                     *                 "max": 0,
                     *                 "sd": null
                     *               }
                     *             },
                     *             "published": null
                     *           }
                     *         ],
                     *         "preset": null
                     *       },
                     *       "links": {
                     *         "self": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
                     *         "results": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/results",
                     *         "cancel": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/cancel",
                     *         "events": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/events"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A limit or quota is reached; `detail` names it, and `Retry-After` says when to retry where waiting helps. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listExperimentPresets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "name": "demand-paging-scaling",
                     *           "title": "One shared uffd vs KVM exit-on-missing (demand_paging_test)",
                     *           "source": "Anish Moorthy, \"[PATCH v3 00/22] Improve scalability of KVM + userfaultfd live migration via annotated memory faults\", kvm@vger.kernel.org, 2023-04-12 (Message-ID 20230412213510.1220557-1-amoorthy@google.com): ./demand_paging_test -b 64M -u MINOR -s shmem -a -v N -r N, average paging rate, n = 5, 256-core x86 host.",
                     *           "axes": [
                     *             "vm.vcpus",
                     *             "strategy.mechanism"
                     *           ],
                     *           "runCount": 18,
                     *           "metric": "pagingRatePagesPerSec"
                     *         },
                     *         {
                     *           "name": "postcopy-preempt",
                     *           "title": "Postcopy page-request latency, vanilla vs postcopy-preempt",
                     *           "source": "Peter Xu, \"[PATCH RFC 00/15] migration: Postcopy Preemption\", qemu-devel, 2022-01-19, and v4 (2022-03-31, Message-ID 20220331150857.74406-1-peterx@redhat.com): average page request latency, 20 GiB / 40 vCPU guest, 10 Gbps NIC, one busy thread dirtying 18 GiB.",
                     *           "axes": [
                     *             "vm.pageSize",
                     *             "network.postcopyPreempt"
                     *           ],
                     *           "runCount": 4,
                     *           "metric": "vcpuFaultLatencyMeanNs"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ExperimentPresetList"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
                     *       "label": "blocktime vs vCPUs",
                     *       "status": "succeeded",
                     *       "runCount": 2,
                     *       "modelVersion": 27,
                     *       "cancelRequested": false,
                     *       "createdAt": "2026-03-02T09:20:11.204Z",
                     *       "finishedAt": "2026-03-02T09:20:12.931Z",
                     *       "progress": {
                     *         "total": 2,
                     *         "done": 2,
                     *         "fraction": 1,
                     *         "byStatus": {
                     *           "queued": 0,
                     *           "running": 0,
                     *           "succeeded": 2,
                     *           "failed": 0,
                     *           "cancelled": 0
                     *         }
                     *       },
                     *       "request": {
                     *         "label": "blocktime vs vCPUs",
                     *         "preset": null,
                     *         "base": {
                     *           "seed": 1,
                     *           "vm": {
                     *             "arch": "x86_64",
                     *             "memoryMiB": 256,
                     *             "vcpus": 4,
                     *             "pageSize": "4K",
                     *             "backing": "anonymous",
                     *             "thp": false,
                     *             "khugepagedCollapsesPerSecond": 1,
                     *             "nested": false,
                     *             "zeroPageFraction": 0,
                     *             "ras": true,
                     *             "poisonedPages": [],
                     *             "poisonPlacement": "gfn"
                     *           },
                     *           "workload": {
                     *             "pattern": "zipf",
                     *             "writeRatio": 0.3,
                     *             "accessesPerSecond": 100000,
                     *             "thinkTimeNs": 1000,
                     *             "asyncPageFaults": false,
                     *             "userModeShare": 1,
                     *             "zipfExponent": 1.1,
                     *             "faultSources": {
                     *               "kvmUserAccessPerSecond": 1000,
                     *               "instructionEmulationPerSecond": 200,
                     *               "nestedWalkShare": 0.5,
                     *               "vhostAccessesPerSecond": 0,
                     *               "vhostBufferMiB": 8
                     *             }
                     *           },
                     *           "strategy": {
                     *             "mechanism": "uffd_missing",
                     *             "handlerThreads": 1,
                     *             "uffdCount": 1,
                     *             "uffdWake": "poll",
                     *             "hugetlbMapping": "huge_page",
                     *             "gmemUptodateCheck": true,
                     *             "poisonPolicy": "intercept",
                     *             "backgroundCopy": {
                     *               "enabled": true,
                     *               "bandwidthShare": 1,
                     *               "order": "sequential"
                     *             },
                     *             "precopy": {
                     *               "rounds": 0,
                     *               "dirtyRateMiBps": 256
                     *             },
                     *             "deviceRestore": {
                     *               "preTransfer": false,
                     *               "preTransferMissingDevices": [],
                     *               "vcpuStart": "after_restore"
                     *             }
                     *           },
                     *           "network": {
                     *             "bandwidthGbps": 25,
                     *             "rttUs": 100,
                     *             "postcopyPreempt": false,
                     *             "preemptSender": "return_path",
                     *             "demandChannel": "migration_stream",
                     *             "multifdChannels": 1,
                     *             "multifdInPostcopy": false,
                     *             "sourceLocal": false,
                     *             "failures": [],
                     *             "postcopyRecovery": true
                     *           },
                     *           "host": {
                     *             "costScale": 1
                     *           },
                     *           "limits": {
                     *             "maxFaultEvents": 10000000,
                     *             "maxSimulatedSeconds": 3600
                     *           }
                     *         },
                     *         "axes": [
                     *           {
                     *             "path": "vm.vcpus",
                     *             "values": [
                     *               1,
                     *               4
                     *             ]
                     *           }
                     *         ],
                     *         "seeds": 1,
                     *         "faultEvents": "none"
                     *       },
                     *       "results": {
                     *         "columns": [
                     *           "vm.vcpus"
                     *         ],
                     *         "metrics": [
                     *           {
                     *             "name": "totalNs",
                     *             "unit": "ns",
                     *             "description": "timing.totalNs: pre-copy + downtime + post-copy."
                     *           },
                     *           {
                     *             "name": "downtimeNs",
                     *             "unit": "ns",
                     *             "description": "timing.downtimeNs: source paused until the vCPUs resumed on the target."
                     *           },
                     *           {
                     *             "name": "postcopyNs",
                     *             "unit": "ns",
                     *             "description": "timing.postcopyNs: resume until the last page arrived."
                     *           },
                     *           {
                     *             "name": "blocktimeAllVcpusNs",
                     *             "unit": "ns",
                     *             "description": "blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once)."
                     *           },
                     *           {
                     *             "name": "blocktimePerVcpuMeanNs",
                     *             "unit": "ns",
                     *             "description": "Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime)."
                     *           },
                     *           {
                     *             "name": "faults",
                     *             "unit": "count",
                     *             "description": "faults.total: fault events of the run."
                     *           },
                     *           {
                     *             "name": "latencyP50Ns",
                     *             "unit": "ns",
                     *             "description": "faults.latency.p50Ns."
                     *           },
                     *           {
                     *             "name": "latencyP99Ns",
                     *             "unit": "ns",
                     *             "description": "faults.latency.p99Ns."
                     *           },
                     *           {
                     *             "name": "vcpuFaultLatencyMeanNs",
                     *             "unit": "ns",
                     *             "description": "Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the \"average page request latency\" of QEMU measurements."
                     *           },
                     *           {
                     *             "name": "slowdown",
                     *             "unit": "ratio",
                     *             "description": "slowdown: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed); null when they executed no access at all (the aggregates leave such runs out)."
                     *           },
                     *           {
                     *             "name": "pagingRatePagesPerSec",
                     *             "unit": "4 KiB frames/s",
                     *             "description": "pagingRate.overallPagesPerSec: demand paging rate of the vCPUs."
                     *           },
                     *           {
                     *             "name": "bytesOnWire",
                     *             "unit": "bytes",
                     *             "description": "bytesOnWire: everything sent over the link."
                     *           },
                     *           {
                     *             "name": "violations",
                     *             "unit": "count",
                     *             "description": "violationCount: correctness violations."
                     *           }
                     *         ],
                     *         "runs": [
                     *           {
                     *             "index": 0,
                     *             "migrationId": "5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64",
                     *             "values": {
                     *               "vm.vcpus": 1
                     *             },
                     *             "seedIndex": 0,
                     *             "seed": 1,
                     *             "status": "succeeded",
                     *             "outcome": "completed",
                     *             "correct": true,
                     *             "guestImpaired": false,
                     *             "metrics": {
                     *               "totalNs": 147300754,
                     *               "downtimeNs": 20385544,
                     *               "postcopyNs": 126815210,
                     *               "blocktimeAllVcpusNs": 119590986,
                     *               "blocktimePerVcpuMeanNs": 119590986,
                     *               "faults": 28,
                     *               "latencyP50Ns": 4554752,
                     *               "latencyP99Ns": 4932151,
                     *               "vcpuFaultLatencyMeanNs": 4271107,
                     *               "slowdown": 17.622,
                     *               "pagingRatePagesPerSec": 199.843,
                     *               "bytesOnWire": 269496320,
                     *               "violations": 0
                     *             }
                     *           },
                     *           {
                     *             "index": 1,
                     *             "migrationId": "c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37",
                     *             "values": {
                     *               "vm.vcpus": 4
                     *             },
                     *             "seedIndex": 0,
                     *             "seed": 1,
                     *             "status": "succeeded",
                     *             "outcome": "completed",
                     *             "correct": true,
                     *             "guestImpaired": false,
                     *             "metrics": {
                     *               "totalNs": 147320869,
                     *               "downtimeNs": 20385544,
                     *               "postcopyNs": 126835325,
                     *               "blocktimeAllVcpusNs": 115689430,
                     *               "blocktimePerVcpuMeanNs": 122026969,
                     *               "faults": 117,
                     *               "latencyP50Ns": 4554752,
                     *               "latencyP99Ns": 4938856,
                     *               "vcpuFaultLatencyMeanNs": 4171862,
                     *               "slowdown": 26.54,
                     *               "pagingRatePagesPerSec": 780.53,
                     *               "bytesOnWire": 269549568,
                     *               "violations": 0
                     *             }
                     *           }
                     *         ],
                     *         "aggregates": [
                     *           {
                     *             "values": {
                     *               "vm.vcpus": 1
                     *             },
                     *             "runs": 1,
                     *             "measured": 1,
                     *             "outcomes": {
                     *               "completed": 1
                     *             },
                     *             "metrics": {
                     *               "totalNs": {
                     *                 "mean": 147300754,
                     *                 "min": 147300754,
                     *                 "max": 147300754,
                     *                 "sd": null
                     *               },
                     *               "downtimeNs": {
                     *                 "mean": 20385544,
                     *                 "min": 20385544,
                     *                 "max": 20385544,
                     *                 "sd": null
                     *               },
                     *               "postcopyNs": {
                     *                 "mean": 126815210,
                     *                 "min": 126815210,
                     *                 "max": 126815210,
                     *                 "sd": null
                     *               },
                     *               "blocktimeAllVcpusNs": {
                     *                 "mean": 119590986,
                     *                 "min": 119590986,
                     *                 "max": 119590986,
                     *                 "sd": null
                     *               },
                     *               "blocktimePerVcpuMeanNs": {
                     *                 "mean": 119590986,
                     *                 "min": 119590986,
                     *                 "max": 119590986,
                     *                 "sd": null
                     *               },
                     *               "faults": {
                     *                 "mean": 28,
                     *                 "min": 28,
                     *                 "max": 28,
                     *                 "sd": null
                     *               },
                     *               "latencyP50Ns": {
                     *                 "mean": 4554752,
                     *                 "min": 4554752,
                     *                 "max": 4554752,
                     *                 "sd": null
                     *               },
                     *               "latencyP99Ns": {
                     *                 "mean": 4932151,
                     *                 "min": 4932151,
                     *                 "max": 4932151,
                     *                 "sd": null
                     *               },
                     *               "vcpuFaultLatencyMeanNs": {
                     *                 "mean": 4271107,
                     *                 "min": 4271107,
                     *                 "max": 4271107,
                     *                 "sd": null
                     *               },
                     *               "slowdown": {
                     *                 "mean": 17.622,
                     *                 "min": 17.622,
                     *                 "max": 17.622,
                     *                 "sd": null
                     *               },
                     *               "pagingRatePagesPerSec": {
                     *                 "mean": 199.843,
                     *                 "min": 199.843,
                     *                 "max": 199.843,
                     *                 "sd": null
                     *               },
                     *               "bytesOnWire": {
                     *                 "mean": 269496320,
                     *                 "min": 269496320,
                     *                 "max": 269496320,
                     *                 "sd": null
                     *               },
                     *               "violations": {
                     *                 "mean": 0,
                     *                 "min": 0,
                     *                 "max": 0,
                     *                 "sd": null
                     *               }
                     *             },
                     *             "published": null
                     *           },
                     *           {
                     *             "values": {
                     *               "vm.vcpus": 4
                     *             },
                     *             "runs": 1,
                     *             "measured": 1,
                     *             "outcomes": {
                     *               "completed": 1
                     *             },
                     *             "metrics": {
                     *               "totalNs": {
                     *                 "mean": 147320869,
                     *                 "min": 147320869,
                     *                 "max": 147320869,
                     *                 "sd": null
                     *               },
                     *               "downtimeNs": {
                     *                 "mean": 20385544,
                     *                 "min": 20385544,
                     *                 "max": 20385544,
                     *                 "sd": null
                     *               },
                     *               "postcopyNs": {
                     *                 "mean": 126835325,
                     *                 "min": 126835325,
                     *                 "max": 126835325,
                     *                 "sd": null
                     *               },
                     *               "blocktimeAllVcpusNs": {
                     *                 "mean": 115689430,
                     *                 "min": 115689430,
                     *                 "max": 115689430,
                     *                 "sd": null
                     *               },
                     *               "blocktimePerVcpuMeanNs": {
                     *                 "mean": 122026969,
                     *                 "min": 122026969,
                     *                 "max": 122026969,
                     *                 "sd": null
                     *               },
                     *               "faults": {
                     *                 "mean": 117,
                     *                 "min": 117,
                     *                 "max": 117,
                     *                 "sd": null
                     *               },
                     *               "latencyP50Ns": {
                     *                 "mean": 4554752,
                     *                 "min": 4554752,
                     *                 "max": 4554752,
                     *                 "sd": null
                     *               },
                     *               "latencyP99Ns": {
                     *                 "mean": 4938856,
                     *                 "min": 4938856,
                     *                 "max": 4938856,
                     *                 "sd": null
                     *               },
                     *               "vcpuFaultLatencyMeanNs": {
                     *                 "mean": 4171862,
                     *                 "min": 4171862,
                     *                 "max": 4171862,
                     *                 "sd": null
                     *               },
                     *               "slowdown": {
                     *                 "mean": 26.54,
                     *                 "min": 26.54,
                     *                 "max": 26.54,
                     *                 "sd": null
                     *               },
                     *               "pagingRatePagesPerSec": {
                     *                 "mean": 780.53,
                     *                 "min": 780.53,
                     *                 "max": 780.53,
                     *                 "sd": null
                     *               },
                     *               "bytesOnWire": {
                     *                 "mean": 269549568,
                     *                 "min": 269549568,
                     *                 "max": 269549568,
                     *                 "sd": null
                     *               },
                     *               "violations": {
                     *                 "mean": 0,
                     *                 "min": 0,
                     *                 "max": 0,
                     *                 "sd": null
                     *               }
                     *             },
                     *             "published": null
                     *           }
                     *         ],
                     *         "preset": null
                     *       },
                     *       "links": {
                     *         "self": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
                     *         "results": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/results",
                     *         "cancel": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/cancel",
                     *         "events": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/events"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The migration is in a state that does not allow this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getExperimentResults: {
        parameters: {
            query?: {
                /** @description json: the ExperimentResults object; csv: one line per run; ndjson: one ResultRow per line. */
                format?: "json" | "csv" | "ndjson";
            };
            header?: never;
            path: {
                /** @description Experiment id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description format=json: ExperimentResults; csv: text/csv; ndjson: application/x-ndjson. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "columns": [
                     *         "vm.vcpus"
                     *       ],
                     *       "metrics": [
                     *         {
                     *           "name": "totalNs",
                     *           "unit": "ns",
                     *           "description": "timing.totalNs: pre-copy + downtime + post-copy."
                     *         },
                     *         {
                     *           "name": "downtimeNs",
                     *           "unit": "ns",
                     *           "description": "timing.downtimeNs: source paused until the vCPUs resumed on the target."
                     *         },
                     *         {
                     *           "name": "postcopyNs",
                     *           "unit": "ns",
                     *           "description": "timing.postcopyNs: resume until the last page arrived."
                     *         },
                     *         {
                     *           "name": "blocktimeAllVcpusNs",
                     *           "unit": "ns",
                     *           "description": "blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once)."
                     *         },
                     *         {
                     *           "name": "blocktimePerVcpuMeanNs",
                     *           "unit": "ns",
                     *           "description": "Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime)."
                     *         },
                     *         {
                     *           "name": "faults",
                     *           "unit": "count",
                     *           "description": "faults.total: fault events of the run."
                     *         },
                     *         {
                     *           "name": "latencyP50Ns",
                     *           "unit": "ns",
                     *           "description": "faults.latency.p50Ns."
                     *         },
                     *         {
                     *           "name": "latencyP99Ns",
                     *           "unit": "ns",
                     *           "description": "faults.latency.p99Ns."
                     *         },
                     *         {
                     *           "name": "vcpuFaultLatencyMeanNs",
                     *           "unit": "ns",
                     *           "description": "Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the \"average page request latency\" of QEMU measurements."
                     *         },
                     *         {
                     *           "name": "slowdown",
                     *           "unit": "ratio",
                     *           "description": "slowdown: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed); null when they executed no access at all (the aggregates leave such runs out)."
                     *         },
                     *         {
                     *           "name": "pagingRatePagesPerSec",
                     *           "unit": "4 KiB frames/s",
                     *           "description": "pagingRate.overallPagesPerSec: demand paging rate of the vCPUs."
                     *         },
                     *         {
                     *           "name": "bytesOnWire",
                     *           "unit": "bytes",
                     *           "description": "bytesOnWire: everything sent over the link."
                     *         },
                     *         {
                     *           "name": "violations",
                     *           "unit": "count",
                     *           "description": "violationCount: correctness violations."
                     *         }
                     *       ],
                     *       "runs": [
                     *         {
                     *           "index": 0,
                     *           "migrationId": "5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64",
                     *           "values": {
                     *             "vm.vcpus": 1
                     *           },
                     *           "seedIndex": 0,
                     *           "seed": 1,
                     *           "status": "succeeded",
                     *           "outcome": "completed",
                     *           "correct": true,
                     *           "guestImpaired": false,
                     *           "metrics": {
                     *             "totalNs": 147300754,
                     *             "downtimeNs": 20385544,
                     *             "postcopyNs": 126815210,
                     *             "blocktimeAllVcpusNs": 119590986,
                     *             "blocktimePerVcpuMeanNs": 119590986,
                     *             "faults": 28,
                     *             "latencyP50Ns": 4554752,
                     *             "latencyP99Ns": 4932151,
                     *             "vcpuFaultLatencyMeanNs": 4271107,
                     *             "slowdown": 17.622,
                     *             "pagingRatePagesPerSec": 199.843,
                     *             "bytesOnWire": 269496320,
                     *             "violations": 0
                     *           }
                     *         },
                     *         {
                     *           "index": 1,
                     *           "migrationId": "c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37",
                     *           "values": {
                     *             "vm.vcpus": 4
                     *           },
                     *           "seedIndex": 0,
                     *           "seed": 1,
                     *           "status": "succeeded",
                     *           "outcome": "completed",
                     *           "correct": true,
                     *           "guestImpaired": false,
                     *           "metrics": {
                     *             "totalNs": 147320869,
                     *             "downtimeNs": 20385544,
                     *             "postcopyNs": 126835325,
                     *             "blocktimeAllVcpusNs": 115689430,
                     *             "blocktimePerVcpuMeanNs": 122026969,
                     *             "faults": 117,
                     *             "latencyP50Ns": 4554752,
                     *             "latencyP99Ns": 4938856,
                     *             "vcpuFaultLatencyMeanNs": 4171862,
                     *             "slowdown": 26.54,
                     *             "pagingRatePagesPerSec": 780.53,
                     *             "bytesOnWire": 269549568,
                     *             "violations": 0
                     *           }
                     *         }
                     *       ],
                     *       "aggregates": [
                     *         {
                     *           "values": {
                     *             "vm.vcpus": 1
                     *           },
                     *           "runs": 1,
                     *           "measured": 1,
                     *           "outcomes": {
                     *             "completed": 1
                     *           },
                     *           "metrics": {
                     *             "totalNs": {
                     *               "mean": 147300754,
                     *               "min": 147300754,
                     *               "max": 147300754,
                     *               "sd": null
                     *             },
                     *             "downtimeNs": {
                     *               "mean": 20385544,
                     *               "min": 20385544,
                     *               "max": 20385544,
                     *               "sd": null
                     *             },
                     *             "postcopyNs": {
                     *               "mean": 126815210,
                     *               "min": 126815210,
                     *               "max": 126815210,
                     *               "sd": null
                     *             },
                     *             "blocktimeAllVcpusNs": {
                     *               "mean": 119590986,
                     *               "min": 119590986,
                     *               "max": 119590986,
                     *               "sd": null
                     *             },
                     *             "blocktimePerVcpuMeanNs": {
                     *               "mean": 119590986,
                     *               "min": 119590986,
                     *               "max": 119590986,
                     *               "sd": null
                     *             },
                     *             "faults": {
                     *               "mean": 28,
                     *               "min": 28,
                     *               "max": 28,
                     *               "sd": null
                     *             },
                     *             "latencyP50Ns": {
                     *               "mean": 4554752,
                     *               "min": 4554752,
                     *               "max": 4554752,
                     *               "sd": null
                     *             },
                     *             "latencyP99Ns": {
                     *               "mean": 4932151,
                     *               "min": 4932151,
                     *               "max": 4932151,
                     *               "sd": null
                     *             },
                     *             "vcpuFaultLatencyMeanNs": {
                     *               "mean": 4271107,
                     *               "min": 4271107,
                     *               "max": 4271107,
                     *               "sd": null
                     *             },
                     *             "slowdown": {
                     *               "mean": 17.622,
                     *               "min": 17.622,
                     *               "max": 17.622,
                     *               "sd": null
                     *             },
                     *             "pagingRatePagesPerSec": {
                     *               "mean": 199.843,
                     *               "min": 199.843,
                     *               "max": 199.843,
                     *               "sd": null
                     *             },
                     *             "bytesOnWire": {
                     *               "mean": 269496320,
                     *               "min": 269496320,
                     *               "max": 269496320,
                     *               "sd": null
                     *             },
                     *             "violations": {
                     *               "mean": 0,
                     *               "min": 0,
                     *               "max": 0,
                     *               "sd": null
                     *             }
                     *           },
                     *           "published": null
                     *         },
                     *         {
                     *           "values": {
                     *             "vm.vcpus": 4
                     *           },
                     *           "runs": 1,
                     *           "measured": 1,
                     *           "outcomes": {
                     *             "completed": 1
                     *           },
                     *           "metrics": {
                     *             "totalNs": {
                     *               "mean": 147320869,
                     *               "min": 147320869,
                     *               "max": 147320869,
                     *               "sd": null
                     *             },
                     *             "downtimeNs": {
                     *               "mean": 20385544,
                     *               "min": 20385544,
                     *               "max": 20385544,
                     *               "sd": null
                     *             },
                     *             "postcopyNs": {
                     *               "mean": 126835325,
                     *               "min": 126835325,
                     *               "max": 126835325,
                     *               "sd": null
                     *             },
                     *             "blocktimeAllVcpusNs": {
                     *               "mean": 115689430,
                     *               "min": 115689430,
                     *               "max": 115689430,
                     *               "sd": null
                     *             },
                     *             "blocktimePerVcpuMeanNs": {
                     *               "mean": 122026969,
                     *               "min": 122026969,
                     *               "max": 122026969,
                     *               "sd": null
                     *             },
                     *             "faults": {
                     *               "mean": 117,
                     *               "min": 117,
                     *               "max": 117,
                     *               "sd": null
                     *             },
                     *             "latencyP50Ns": {
                     *               "mean": 4554752,
                     *               "min": 4554752,
                     *               "max": 4554752,
                     *               "sd": null
                     *             },
                     *             "latencyP99Ns": {
                     *               "mean": 4938856,
                     *               "min": 4938856,
                     *               "max": 4938856,
                     *               "sd": null
                     *             },
                     *             "vcpuFaultLatencyMeanNs": {
                     *               "mean": 4171862,
                     *               "min": 4171862,
                     *               "max": 4171862,
                     *               "sd": null
                     *             },
                     *             "slowdown": {
                     *               "mean": 26.54,
                     *               "min": 26.54,
                     *               "max": 26.54,
                     *               "sd": null
                     *             },
                     *             "pagingRatePagesPerSec": {
                     *               "mean": 780.53,
                     *               "min": 780.53,
                     *               "max": 780.53,
                     *               "sd": null
                     *             },
                     *             "bytesOnWire": {
                     *               "mean": 269549568,
                     *               "min": 269549568,
                     *               "max": 269549568,
                     *               "sd": null
                     *             },
                     *             "violations": {
                     *               "mean": 0,
                     *               "min": 0,
                     *               "max": 0,
                     *               "sd": null
                     *             }
                     *           },
                     *           "published": null
                     *         }
                     *       ],
                     *       "preset": null
                     *     }
                     */
                    "application/json": components["schemas"]["ExperimentResults"];
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Experiment id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
                     *       "label": "blocktime vs vCPUs",
                     *       "status": "succeeded",
                     *       "runCount": 2,
                     *       "modelVersion": 27,
                     *       "cancelRequested": false,
                     *       "createdAt": "2026-03-02T09:20:11.204Z",
                     *       "finishedAt": "2026-03-02T09:20:12.931Z",
                     *       "progress": {
                     *         "total": 2,
                     *         "done": 2,
                     *         "fraction": 1,
                     *         "byStatus": {
                     *           "queued": 0,
                     *           "running": 0,
                     *           "succeeded": 2,
                     *           "failed": 0,
                     *           "cancelled": 0
                     *         }
                     *       },
                     *       "request": {
                     *         "label": "blocktime vs vCPUs",
                     *         "preset": null,
                     *         "base": {
                     *           "seed": 1,
                     *           "vm": {
                     *             "arch": "x86_64",
                     *             "memoryMiB": 256,
                     *             "vcpus": 4,
                     *             "pageSize": "4K",
                     *             "backing": "anonymous",
                     *             "thp": false,
                     *             "khugepagedCollapsesPerSecond": 1,
                     *             "nested": false,
                     *             "zeroPageFraction": 0,
                     *             "ras": true,
                     *             "poisonedPages": [],
                     *             "poisonPlacement": "gfn"
                     *           },
                     *           "workload": {
                     *             "pattern": "zipf",
                     *             "writeRatio": 0.3,
                     *             "accessesPerSecond": 100000,
                     *             "thinkTimeNs": 1000,
                     *             "asyncPageFaults": false,
                     *             "userModeShare": 1,
                     *             "zipfExponent": 1.1,
                     *             "faultSources": {
                     *               "kvmUserAccessPerSecond": 1000,
                     *               "instructionEmulationPerSecond": 200,
                     *               "nestedWalkShare": 0.5,
                     *               "vhostAccessesPerSecond": 0,
                     *               "vhostBufferMiB": 8
                     *             }
                     *           },
                     *           "strategy": {
                     *             "mechanism": "uffd_missing",
                     *             "handlerThreads": 1,
                     *             "uffdCount": 1,
                     *             "uffdWake": "poll",
                     *             "hugetlbMapping": "huge_page",
                     *             "gmemUptodateCheck": true,
                     *             "poisonPolicy": "intercept",
                     *             "backgroundCopy": {
                     *               "enabled": true,
                     *               "bandwidthShare": 1,
                     *               "order": "sequential"
                     *             },
                     *             "precopy": {
                     *               "rounds": 0,
                     *               "dirtyRateMiBps": 256
                     *             },
                     *             "deviceRestore": {
                     *               "preTransfer": false,
                     *               "preTransferMissingDevices": [],
                     *               "vcpuStart": "after_restore"
                     *             }
                     *           },
                     *           "network": {
                     *             "bandwidthGbps": 25,
                     *             "rttUs": 100,
                     *             "postcopyPreempt": false,
                     *             "preemptSender": "return_path",
                     *             "demandChannel": "migration_stream",
                     *             "multifdChannels": 1,
                     *             "multifdInPostcopy": false,
                     *             "sourceLocal": false,
                     *             "failures": [],
                     *             "postcopyRecovery": true
                     *           },
                     *           "host": {
                     *             "costScale": 1
                     *           },
                     *           "limits": {
                     *             "maxFaultEvents": 10000000,
                     *             "maxSimulatedSeconds": 3600
                     *           }
                     *         },
                     *         "axes": [
                     *           {
                     *             "path": "vm.vcpus",
                     *             "values": [
                     *               1,
                     *               4
                     *             ]
                     *           }
                     *         ],
                     *         "seeds": 1,
                     *         "faultEvents": "none"
                     *       },
                     *       "results": {
                     *         "columns": [
                     *           "vm.vcpus"
                     *         ],
                     *         "metrics": [
                     *           {
                     *             "name": "totalNs",
                     *             "unit": "ns",
                     *             "description": "timing.totalNs: pre-copy + downtime + post-copy."
                     *           },
                     *           {
                     *             "name": "downtimeNs",
                     *             "unit": "ns",
                     *             "description": "timing.downtimeNs: source paused until the vCPUs resumed on the target."
                     *           },
                     *           {
                     *             "name": "postcopyNs",
                     *             "unit": "ns",
                     *             "description": "timing.postcopyNs: resume until the last page arrived."
                     *           },
                     *           {
                     *             "name": "blocktimeAllVcpusNs",
                     *             "unit": "ns",
                     *             "description": "blocktime.allVcpusNs: QEMU's postcopy-blocktime (every vCPU blocked at once)."
                     *           },
                     *           {
                     *             "name": "blocktimePerVcpuMeanNs",
                     *             "unit": "ns",
                     *             "description": "Mean over vCPUs of blocktime.perVcpuNs (QEMU postcopy-vcpu-blocktime)."
                     *           },
                     *           {
                     *             "name": "faults",
                     *             "unit": "count",
                     *             "description": "faults.total: fault events of the run."
                     *           },
                     *           {
                     *             "name": "latencyP50Ns",
                     *             "unit": "ns",
                     *             "description": "faults.latency.p50Ns."
                     *           },
                     *           {
                     *             "name": "latencyP99Ns",
                     *             "unit": "ns",
                     *             "description": "faults.latency.p99Ns."
                     *           },
                     *           {
                     *             "name": "vcpuFaultLatencyMeanNs",
                     *             "unit": "ns",
                     *             "description": "Mean latency of the faults vCPUs raised (blocktime.sumNs / their count): the \"average page request latency\" of QEMU measurements."
                     *           },
                     *           {
                     *             "name": "slowdown",
                     *             "unit": "ratio",
                     *             "description": "slowdown: how much longer the vCPUs took for their guest work than with all memory present (1: not slowed); null when they executed no access at all (the aggregates leave such runs out)."
                     *           },
                     *           {
                     *             "name": "pagingRatePagesPerSec",
                     *             "unit": "4 KiB frames/s",
                     *             "description": "pagingRate.overallPagesPerSec: demand paging rate of the vCPUs."
                     *           },
                     *           {
                     *             "name": "bytesOnWire",
                     *             "unit": "bytes",
                     *             "description": "bytesOnWire: everything sent over the link."
                     *           },
                     *           {
                     *             "name": "violations",
                     *             "unit": "count",
                     *             "description": "violationCount: correctness violations."
                     *           }
                     *         ],
                     *         "runs": [
                     *           {
                     *             "index": 0,
                     *             "migrationId": "5b1e0c7a-93d2-4f6e-8a41-0c9d7e2f3b64",
                     *             "values": {
                     *               "vm.vcpus": 1
                     *             },
                     *             "seedIndex": 0,
                     *             "seed": 1,
                     *             "status": "succeeded",
                     *             "outcome": "completed",
                     *             "correct": true,
                     *             "guestImpaired": false,
                     *             "metrics": {
                     *               "totalNs": 147300754,
                     *               "downtimeNs": 20385544,
                     *               "postcopyNs": 126815210,
                     *               "blocktimeAllVcpusNs": 119590986,
                     *               "blocktimePerVcpuMeanNs": 119590986,
                     *               "faults": 28,
                     *               "latencyP50Ns": 4554752,
                     *               "latencyP99Ns": 4932151,
                     *               "vcpuFaultLatencyMeanNs": 4271107,
                     *               "slowdown": 17.622,
                     *               "pagingRatePagesPerSec": 199.843,
                     *               "bytesOnWire": 269496320,
                     *               "violations": 0
                     *             }
                     *           },
                     *           {
                     *             "index": 1,
                     *             "migrationId": "c4a8f2e1-6d3b-4e9a-b7c5-1f0e8d2a9c37",
                     *             "values": {
                     *               "vm.vcpus": 4
                     *             },
                     *             "seedIndex": 0,
                     *             "seed": 1,
                     *             "status": "succeeded",
                     *             "outcome": "completed",
                     *             "correct": true,
                     *             "guestImpaired": false,
                     *             "metrics": {
                     *               "totalNs": 147320869,
                     *               "downtimeNs": 20385544,
                     *               "postcopyNs": 126835325,
                     *               "blocktimeAllVcpusNs": 115689430,
                     *               "blocktimePerVcpuMeanNs": 122026969,
                     *               "faults": 117,
                     *               "latencyP50Ns": 4554752,
                     *               "latencyP99Ns": 4938856,
                     *               "vcpuFaultLatencyMeanNs": 4171862,
                     *               "slowdown": 26.54,
                     *               "pagingRatePagesPerSec": 780.53,
                     *               "bytesOnWire": 269549568,
                     *               "violations": 0
                     *             }
                     *           }
                     *         ],
                     *         "aggregates": [
                     *           {
                     *             "values": {
                     *               "vm.vcpus": 1
                     *             },
                     *             "runs": 1,
                     *             "measured": 1,
                     *             "outcomes": {
                     *               "completed": 1
                     *             },
                     *             "metrics": {
                     *               "totalNs": {
                     *                 "mean": 147300754,
                     *                 "min": 147300754,
                     *                 "max": 147300754,
                     *                 "sd": null
                     *               },
                     *               "downtimeNs": {
                     *                 "mean": 20385544,
                     *                 "min": 20385544,
                     *                 "max": 20385544,
                     *                 "sd": null
                     *               },
                     *               "postcopyNs": {
                     *                 "mean": 126815210,
                     *                 "min": 126815210,
                     *                 "max": 126815210,
                     *                 "sd": null
                     *               },
                     *               "blocktimeAllVcpusNs": {
                     *                 "mean": 119590986,
                     *                 "min": 119590986,
                     *                 "max": 119590986,
                     *                 "sd": null
                     *               },
                     *               "blocktimePerVcpuMeanNs": {
                     *                 "mean": 119590986,
                     *                 "min": 119590986,
                     *                 "max": 119590986,
                     *                 "sd": null
                     *               },
                     *               "faults": {
                     *                 "mean": 28,
                     *                 "min": 28,
                     *                 "max": 28,
                     *                 "sd": null
                     *               },
                     *               "latencyP50Ns": {
                     *                 "mean": 4554752,
                     *                 "min": 4554752,
                     *                 "max": 4554752,
                     *                 "sd": null
                     *               },
                     *               "latencyP99Ns": {
                     *                 "mean": 4932151,
                     *                 "min": 4932151,
                     *                 "max": 4932151,
                     *                 "sd": null
                     *               },
                     *               "vcpuFaultLatencyMeanNs": {
                     *                 "mean": 4271107,
                     *                 "min": 4271107,
                     *                 "max": 4271107,
                     *                 "sd": null
                     *               },
                     *               "slowdown": {
                     *                 "mean": 17.622,
                     *                 "min": 17.622,
                     *                 "max": 17.622,
                     *                 "sd": null
                     *               },
                     *               "pagingRatePagesPerSec": {
                     *                 "mean": 199.843,
                     *                 "min": 199.843,
                     *                 "max": 199.843,
                     *                 "sd": null
                     *               },
                     *               "bytesOnWire": {
                     *                 "mean": 269496320,
                     *                 "min": 269496320,
                     *                 "max": 269496320,
                     *                 "sd": null
                     *               },
                     *               "violations": {
                     *                 "mean": 0,
                     *                 "min": 0,
                     *                 "max": 0,
                     *                 "sd": null
                     *               }
                     *             },
                     *             "published": null
                     *           },
                     *           {
                     *             "values": {
                     *               "vm.vcpus": 4
                     *             },
                     *             "runs": 1,
                     *             "measured": 1,
                     *             "outcomes": {
                     *               "completed": 1
                     *             },
                     *             "metrics": {
                     *               "totalNs": {
                     *                 "mean": 147320869,
                     *                 "min": 147320869,
                     *                 "max": 147320869,
                     *                 "sd": null
                     *               },
                     *               "downtimeNs": {
                     *                 "mean": 20385544,
                     *                 "min": 20385544,
                     *                 "max": 20385544,
                     *                 "sd": null
                     *               },
                     *               "postcopyNs": {
                     *                 "mean": 126835325,
                     *                 "min": 126835325,
                     *                 "max": 126835325,
                     *                 "sd": null
                     *               },
                     *               "blocktimeAllVcpusNs": {
                     *                 "mean": 115689430,
                     *                 "min": 115689430,
                     *                 "max": 115689430,
                     *                 "sd": null
                     *               },
                     *               "blocktimePerVcpuMeanNs": {
                     *                 "mean": 122026969,
                     *                 "min": 122026969,
                     *                 "max": 122026969,
                     *                 "sd": null
                     *               },
                     *               "faults": {
                     *                 "mean": 117,
                     *                 "min": 117,
                     *                 "max": 117,
                     *                 "sd": null
                     *               },
                     *               "latencyP50Ns": {
                     *                 "mean": 4554752,
                     *                 "min": 4554752,
                     *                 "max": 4554752,
                     *                 "sd": null
                     *               },
                     *               "latencyP99Ns": {
                     *                 "mean": 4938856,
                     *                 "min": 4938856,
                     *                 "max": 4938856,
                     *                 "sd": null
                     *               },
                     *               "vcpuFaultLatencyMeanNs": {
                     *                 "mean": 4171862,
                     *                 "min": 4171862,
                     *                 "max": 4171862,
                     *                 "sd": null
                     *               },
                     *               "slowdown": {
                     *                 "mean": 26.54,
                     *                 "min": 26.54,
                     *                 "max": 26.54,
                     *                 "sd": null
                     *               },
                     *               "pagingRatePagesPerSec": {
                     *                 "mean": 780.53,
                     *                 "min": 780.53,
                     *                 "max": 780.53,
                     *                 "sd": null
                     *               },
                     *               "bytesOnWire": {
                     *                 "mean": 269549568,
                     *                 "min": 269549568,
                     *                 "max": 269549568,
                     *                 "sd": null
                     *               },
                     *               "violations": {
                     *                 "mean": 0,
                     *                 "min": 0,
                     *                 "max": 0,
                     *                 "sd": null
                     *               }
                     *             },
                     *             "published": null
                     *           }
                     *         ],
                     *         "preset": null
                     *       },
                     *       "links": {
                     *         "self": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58",
                     *         "results": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/results",
                     *         "cancel": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/cancel",
                     *         "events": "/v1/experiments/8d0f6c2b-41a7-4e3c-9f15-7b2e9a0c4d58/events"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The migration is in a state that does not allow this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A limit or quota is reached; `detail` names it, and `Retry-After` says when to retry where waiting helps. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFaultEvents: {
        parameters: {
            query?: {
                /** @description Only faults raised by this vCPU; -1: faults no vCPU raised. */
                vcpu?: number;
                /** @description Only faults that came this way. */
                path?: "vcpu_access" | "kvm_user_access" | "instruction_emulation" | "nested_walk" | "device_restore" | "vhost_userspace" | "async_page_fault";
                /** @description Only faults resolved through this mechanism. */
                mechanism?: "uffd_missing" | "uffd_minor" | "kvm_exit_on_missing" | "kvm_userfault" | "gmem_write_continue";
                /** @description Only faults that ended this way. */
                resolution?: "uffdio_copy" | "uffdio_continue" | "write_continue" | "exit_fetch" | "eexist_wake" | "joined_inflight" | "machine_check" | "poison_escape" | "unresolved" | "zero_fill" | "partial_read" | "efault";
                /** @description Only faults at guest frame numbers >= gfnMin. */
                gfnMin?: number;
                /** @description Only faults at guest frame numbers <= gfnMax (>= gfnMin). */
                gfnMax?: number;
                /** @description Only faults raised at or after this simulated time (raisedAtNs >= fromNs). */
                fromNs?: number;
                /** @description Only faults raised before this simulated time (raisedAtNs < toNs; > fromNs). */
                toNs?: number;
                /** @description Page size (at most 1000). */
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Migration id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "seq": 0,
                     *           "vcpu": 2,
                     *           "thread": 0,
                     *           "gfn": 51234,
                     *           "pageSizeBytes": 4096,
                     *           "write": false,
                     *           "path": "vcpu_access",
                     *           "mechanism": "uffd_missing",
                     *           "resolution": "uffdio_copy",
                     *           "raisedAtNs": 18250,
                     *           "resolvedAtNs": 41730,
                     *           "latencyNs": 23480
                     *         }
                     *       ],
                     *       "nextCursor": "eyJzZXEiOjB9",
                     *       "sampleEvery": 1
                     *     }
                     */
                    "application/json": components["schemas"]["FaultEventPage"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The migration is in a state that does not allow this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportFaultEvents: {
        parameters: {
            query?: {
                /** @description Only faults raised by this vCPU; -1: faults no vCPU raised. */
                vcpu?: number;
                /** @description Only faults that came this way. */
                path?: "vcpu_access" | "kvm_user_access" | "instruction_emulation" | "nested_walk" | "device_restore" | "vhost_userspace" | "async_page_fault";
                /** @description Only faults resolved through this mechanism. */
                mechanism?: "uffd_missing" | "uffd_minor" | "kvm_exit_on_missing" | "kvm_userfault" | "gmem_write_continue";
                /** @description Only faults that ended this way. */
                resolution?: "uffdio_copy" | "uffdio_continue" | "write_continue" | "exit_fetch" | "eexist_wake" | "joined_inflight" | "machine_check" | "poison_escape" | "unresolved" | "zero_fill" | "partial_read" | "efault";
                /** @description Only faults at guest frame numbers >= gfnMin. */
                gfnMin?: number;
                /** @description Only faults at guest frame numbers <= gfnMax (>= gfnMin). */
                gfnMax?: number;
                /** @description Only faults raised at or after this simulated time (raisedAtNs >= fromNs). */
                fromNs?: number;
                /** @description Only faults raised before this simulated time (raisedAtNs < toNs; > fromNs). */
                toNs?: number;
                /** @description ndjson: one FaultEvent object per line; csv: a header line, then one line per event with the FaultEvent fields in order. */
                format?: "ndjson" | "csv";
            };
            header?: never;
            path: {
                /** @description Migration id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching events (format=ndjson: application/x-ndjson; format=csv: text/csv). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The migration is in a state that does not allow this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A limit or quota is reached; `detail` names it, and `Retry-After` says when to retry where waiting helps. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFaultStats: {
        parameters: {
            query?: {
                /** @description Only faults raised by this vCPU; -1: faults no vCPU raised. */
                vcpu?: number;
                /** @description Only faults that came this way. */
                path?: "vcpu_access" | "kvm_user_access" | "instruction_emulation" | "nested_walk" | "device_restore" | "vhost_userspace" | "async_page_fault";
                /** @description Only faults resolved through this mechanism. */
                mechanism?: "uffd_missing" | "uffd_minor" | "kvm_exit_on_missing" | "kvm_userfault" | "gmem_write_continue";
                /** @description Only faults that ended this way. */
                resolution?: "uffdio_copy" | "uffdio_continue" | "write_continue" | "exit_fetch" | "eexist_wake" | "joined_inflight" | "machine_check" | "poison_escape" | "unresolved" | "zero_fill" | "partial_read" | "efault";
                /** @description Only faults at guest frame numbers >= gfnMin. */
                gfnMin?: number;
                /** @description Only faults at guest frame numbers <= gfnMax (>= gfnMin). */
                gfnMax?: number;
                /** @description Only faults raised at or after this simulated time (raisedAtNs >= fromNs). */
                fromNs?: number;
                /** @description Only faults raised before this simulated time (raisedAtNs < toNs; > fromNs). */
                toNs?: number;
                /** @description Number of timeline buckets. */
                buckets?: number;
                /** @description Latency histogram buckets between each power of two and the next, of equal width on a log scale (1: log2 buckets; 8: each 9% wider than the previous; 32: 2.2%). */
                latencyBucketsPerDoubling?: number;
            };
            header?: never;
            path: {
                /** @description Migration id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total": 3,
                     *       "latency": {
                     *         "p50Ns": 23480,
                     *         "p90Ns": 61200,
                     *         "p99Ns": 61200,
                     *         "maxNs": 61200,
                     *         "meanNs": 36060
                     *       },
                     *       "latencyHistogram": [
                     *         {
                     *           "lowerNs": 16384,
                     *           "upperNs": 32768,
                     *           "count": 2
                     *         },
                     *         {
                     *           "lowerNs": 32768,
                     *           "upperNs": 65536,
                     *           "count": 1
                     *         }
                     *       ],
                     *       "byPath": {
                     *         "vcpu_access": 3,
                     *         "kvm_user_access": 0,
                     *         "instruction_emulation": 0,
                     *         "nested_walk": 0,
                     *         "device_restore": 0,
                     *         "vhost_userspace": 0,
                     *         "async_page_fault": 0
                     *       },
                     *       "byMechanism": {
                     *         "uffd_missing": 3,
                     *         "uffd_minor": 0,
                     *         "kvm_exit_on_missing": 0,
                     *         "kvm_userfault": 0,
                     *         "gmem_write_continue": 0
                     *       },
                     *       "byResolution": {
                     *         "uffdio_copy": 3,
                     *         "uffdio_continue": 0,
                     *         "write_continue": 0,
                     *         "exit_fetch": 0,
                     *         "eexist_wake": 0,
                     *         "joined_inflight": 0,
                     *         "machine_check": 0,
                     *         "poison_escape": 0,
                     *         "unresolved": 0,
                     *         "zero_fill": 0,
                     *         "partial_read": 0,
                     *         "efault": 0
                     *       },
                     *       "blocktimePerVcpu": [
                     *         {
                     *           "vcpu": 0,
                     *           "blockedNs": 23500,
                     *           "faults": 1
                     *         },
                     *         {
                     *           "vcpu": 2,
                     *           "blockedNs": 84680,
                     *           "faults": 2
                     *         }
                     *       ],
                     *       "timeline": [
                     *         {
                     *           "startNs": 0,
                     *           "endNs": 60000,
                     *           "faults": 2
                     *         },
                     *         {
                     *           "startNs": 60000,
                     *           "endNs": 120000,
                     *           "faults": 1
                     *         }
                     *       ],
                     *       "sampleEvery": 1
                     *     }
                     */
                    "application/json": components["schemas"]["FaultStats"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The migration is in a state that does not allow this. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listViolations: {
        parameters: {
            query?: {
                /** @description Only violations of this kind. */
                kind?: "partial_page_read" | "minor_thp_bypass" | "zero_page_exposed" | "its_state_lost" | "poison_escape" | "restore_failure" | "ran_on_missing_page" | "poison_transferred";
                /** @description Page size (at most 1000). */
                limit?: number;
                /** @description nextCursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Migration id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "seq": 0,
                     *           "kind": "zero_page_exposed",
                     *           "atNs": 1873412,
                     *           "gfn": 51234,
                     *           "vcpu": null,
                     *           "detail": "a vhost/VMM userspace access to a missing page was not intercepted (no userfaultfd): the kernel mapped a zero-filled page"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJzZXEiOjB9"
                     *     }
                     */
                    "application/json": components["schemas"]["ViolationPage"];
                };
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamMigrationEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description The id of the last event received: the stream resumes right after it (sent by EventSource on reconnection). */
                "last-event-id"?: string;
            };
            path: {
                /** @description Migration id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream; each event's `data` is one MigrationEvent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["MigrationEvent"];
                };
            };
            /** @description Last-Event-ID was "end": the stream already ended; do not reconnect. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A limit or quota is reached; `detail` names it, and `Retry-After` says when to retry where waiting helps. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamExperimentEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description The id of the last event received: the stream resumes right after it (sent by EventSource on reconnection). */
                "last-event-id"?: string;
            };
            path: {
                /** @description Experiment id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream; each event's `data` is one ExperimentEvent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ExperimentEvent"];
                };
            };
            /** @description Last-Event-ID was "end": the stream already ended; do not reconnect. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request; `errors` names each offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key, or not a valid one (unknown, malformed or revoked); see `WWW-Authenticate`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: an admin key on the tenant API, or a cross-site request that would change state (a foreign `Origin`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such migration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A limit or quota is reached; `detail` names it, and `Retry-After` says when to retry where waiting helps. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Postgres or Redis does not answer right now (a restart, a failover); retry after `Retry-After` seconds. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://postcopy-lab.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "Invalid body: vm.vcpus",
                     *       "instance": "/v1/migrations",
                     *       "errors": [
                     *         {
                     *           "in": "body",
                     *           "field": "vm.vcpus",
                     *           "message": "Too big: expected number to be <=1024"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
