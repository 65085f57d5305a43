import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from '../../scripts/build.mjs';
import { makeDatabaseTemplates, type DatabaseTemplates } from './database-templates.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

/** Once per run, before any test file: the compiled CLI the CLI tests run, and the database templates every test copies. */
export default async function setup(project: TestProject) {
  await ensureBuilt();
  const scratch = mkdtempSync(path.join(tmpdir(), 'nmg-templates-'));
  const adminUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
  const { templates, drop } = await makeDatabaseTemplates(scratch, adminUrl);
  project.provide('databaseTemplates', templates);
  return async () => {
    await drop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
