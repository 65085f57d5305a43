import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// `prisma generate` checks for the native schema engine before it starts, although generating never
// runs it, and the engine cannot be downloaded on our machines. Pointing the check at any existing
// file lets generate work offline. Only for generate: migrations go through src/db/migrations.ts.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && process.argv.includes('generate')) {
  const standIn = fileURLToPath(import.meta.url);
  if (existsSync(standIn)) process.env.PRISMA_SCHEMA_ENGINE_BINARY = standIn;
}

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
