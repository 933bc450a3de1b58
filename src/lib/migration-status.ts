import { z } from 'zod';
import { MigrationStatus } from '../generated/prisma/enums.js';

/** A migration's status as the API states it: schema.prisma's MigrationStatus enum. */
export const migrationStatusSchema = z.enum(MigrationStatus);
