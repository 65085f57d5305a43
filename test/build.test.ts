import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsCurrent, inputsNow, SERVER_ENTRY, stampIsCurrent } from '../scripts/build.mjs';
import { runCli } from './support/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'nmg-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the build', () => {
  it('is current while the suite runs: its global setup built it, and the CLI tests run what it built', () => {
    expect(buildIsCurrent()).toBe(true);
  });

  it('carries source maps of every module it was built from, so that a stack trace names the TypeScript line', () => {
    const built = path.dirname(SERVER_ENTRY);
    const sources = readdirSync(built)
      .filter((name) => name.endsWith('.js.map'))
      .flatMap((name) => (JSON.parse(readFileSync(path.join(built, name), 'utf8')) as { sources: string[] }).sources)
      .map((source) => path.resolve(built, source));
    for (const module of [
      'src/cli/main.ts',
      'src/server/app.ts',
      'src/services/record-measurements.ts',
      'src/db/database.ts',
    ]) {
      expect(sources).toContain(path.resolve(built, '../..', module));
    }
  });

  it('runs with its source maps: an unexpected failure of the command names the TypeScript file and line', async () => {
    const failed = await runCli(['migrate'], { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/unreachable' });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/at async openPostgres \(.*src\/db\/database\.ts:\d+:\d+\)/);
  });

  it('is stale once a source is changed, added or removed after it, so that the command builds again before it runs', () => {
    const sources = path.join(scratch, 'src');
    mkdirSync(path.join(sources, 'cli'), { recursive: true });
    writeFileSync(path.join(sources, 'cli', 'main.ts'), 'export {};\n');
    writeFileSync(path.join(sources, 'app.ts'), 'export {};\n');
    const stamp = path.join(scratch, 'build.json');
    const build = () => writeFileSync(stamp, JSON.stringify({ inputs: inputsNow([sources]) }));
    expect(stampIsCurrent(stamp, [sources]), 'never built').toBe(false);

    build();
    expect(stampIsCurrent(stamp, [sources])).toBe(true);

    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(sources, 'app.ts'), later, later);
    expect(stampIsCurrent(stamp, [sources]), 'a source changed since').toBe(false);

    build();
    writeFileSync(path.join(sources, 'cli', 'new.ts'), 'export {};\n');
    expect(stampIsCurrent(stamp, [sources]), 'a source added since').toBe(false);

    build();
    rmSync(path.join(sources, 'app.ts'));
    expect(stampIsCurrent(stamp, [sources]), 'a source removed since').toBe(false);
  });
});
