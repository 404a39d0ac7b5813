// Prisma CLI config. Only `prisma generate` is used: DDL is applied from datasets/schema.sql by the harness.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'datasets/prisma/schema.prisma',
});
