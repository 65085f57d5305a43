import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../db/migrations.js';
import { diffMigrationsAgainstSchema } from '../db/schema-engine.js';

/**
 * Development command: writes prisma/migrations/<timestamp>_<name>/migration.sql with what
 * prisma/schema.prisma adds to the existing migrations (what `prisma migrate dev --create-only`
 * does with the native engine). Check constraints, which Prisma cannot express, are added to the
 * file by hand afterwards.
 */
export async function createMigration(name: string): Promise<string | undefined> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('A migration name is lower-case letters, digits and underscores.');
  const script = await diffMigrationsAgainstSchema();
  if (!script) return undefined;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), `${script}\n`);
  return dir;
}

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run migration:create -- <name>');
  process.exit(2);
}
const created = await createMigration(name);
console.log(
  created
    ? `created ${path.relative(process.cwd(), created)}`
    : 'prisma/schema.prisma matches the migrations: nothing to create',
);
