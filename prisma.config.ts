import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI only (generate/validate). The service applies migrations itself.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postcopy_lab' },
});
