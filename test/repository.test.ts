import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIRROR } from './support/mirror.js';

const filesBelow = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesBelow(full) : [full];
  });
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the repository', () => {
  it("holds none of the publishers' files: not by name, not by content", () => {
    const theirs = filesBelow(MIRROR).filter((file) => /\.(csv|xlsx)$/i.test(file));
    expect(theirs.length).toBeGreaterThan(10);
    const names = new Set(theirs.map((file) => path.basename(file)));
    const digests = new Set(theirs.map(digest));
    const ours = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(ours.filter((file) => names.has(path.basename(file)) || digests.has(digest(file)))).toEqual([]);
  });
});
