import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; version?: string }>;
};

describe('the Node.js the project declares', () => {
  it('is the one it runs on, and every installed package accepts it (npm ci prints no EBADENGINE)', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
    const minimum = semver.minVersion(pkg.engines.node)!.version;
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => {
        const wanted = (entry.engines as { node: string }).node;
        return !semver.satisfies(minimum, wanted) || !semver.satisfies(process.version, wanted);
      })
      .map(([path, entry]) => `${path}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
