import { z } from 'zod';
import { MigrationStatus } from '../generated/prisma/enums.js';

/** A migration's status as the API states it: schema.prisma's MigrationStatus enum. */
export const migrationStatusSchema = z.enum(MigrationStatus);

/** Statuses of a run that has started: an experiment with one shows running (a cancelled run may never have). */
export const STARTED_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const satisfies readonly MigrationStatus[];
