import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { databaseOnPGlite } from './database.js';
import { applyMigrations, readMigrations } from './migrations.js';

export const PRISMA_SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * The SQL that would take a database holding every existing migration to prisma/schema.prisma,
 * or an empty string when they agree. Uses Prisma's schema engine compiled to WebAssembly (the
 * native engine cannot be downloaded here) against a throwaway in-memory PGlite that the existing
 * migrations are replayed into: the shadow database Prisma would otherwise need.
 */
export async function diffMigrationsAgainstSchema(): Promise<string> {
  const shadow = databaseOnPGlite(await PGlite.create());
  try {
    await applyMigrations(shadow, readMigrations());
    const engine = await loadSchemaEngine(shadow.adapterFactory);
    try {
      const datamodel = readFileSync(PRISMA_SCHEMA_PATH, 'utf8');
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files: [{ path: PRISMA_SCHEMA_PATH, content: datamodel }], configDir: '.' },
        to: { tag: 'schemaDatamodel', files: [{ path: PRISMA_SCHEMA_PATH, content: datamodel }] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      });
      const script = (result.stdout ?? '').trim();
      return result.exitCode === 2 && !/^-- This is an empty migration\.?$/.test(script) ? script : '';
    } finally {
      engine.free();
    }
  } finally {
    await shadow.close();
  }
}

interface SchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

async function loadSchemaEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  const require = createRequire(import.meta.url);
  let bindingsPath: string;
  try {
    bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  } catch {
    throw new Error('@prisma/schema-engine-wasm is a development dependency: run `npm ci` without --omit=dev.');
  }
  const bindings = await import(bindingsPath);
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  // Node 20 cannot import a .wasm entry point, so the module is instantiated by hand.
  const wasm = readFileSync(bindingsPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(wasm, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const datamodel = readFileSync(PRISMA_SCHEMA_PATH, 'utf8');
  return bindings.SchemaEngine.new(
    { datamodels: [[PRISMA_SCHEMA_PATH, datamodel]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
