import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DatabaseInUseError, lockPathOf } from '../../src/db/data-dir-lock.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'nmg-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const directory = (name: string) => {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  return dir;
};

describe("the embedded data directory's lock", () => {
  it('is met through a symlink to the directory, not bypassed', () => {
    const real = directory('real');
    const link = path.join(scratch, 'link');
    symlinkSync(real, link);
    const release = acquireDataDirLock(real);
    try {
      expect(() => acquireDataDirLock(link)).toThrow(DatabaseInUseError);
      expect(() => acquireDataDirLock(link)).toThrow(/in use by process \d+ \(this one\)/);
    } finally {
      release();
    }
    acquireDataDirLock(link)();
  });

  it('is taken over when its process has died, or its pid now belongs to an unrelated process', async () => {
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => other.once('spawn', resolve));
      for (const [name, content] of [
        ['reused', JSON.stringify({ pid: other.pid, startedAt: '1' })],
        ['legacy', String(other.pid)],
        ['dead', JSON.stringify({ pid: 2 ** 22 + 1, startedAt: null })],
        ['garbled', '{not json'],
      ] as const) {
        const dir = directory(name);
        writeFileSync(lockPathOf(dir), content);
        const release = acquireDataDirLock(dir);
        release();
      }
    } finally {
      other.kill();
    }
  });
});
