import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layers, top first: a module may import its own layer's and those below, never above. */
const LAYERS: string[][] = [
  ['cli'],
  ['server'],
  ['schema'],
  ['services'],
  ['events'],
  ['ingest', 'db'],
  ['domain', 'config'],
];
const rank = (layer: string) => LAYERS.findIndex((names) => names.includes(layer));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the layers of src/', () => {
  it('import downwards only (and the two layers that share a level, not each other)', () => {
    const upwards: string[] = [];
    for (const file of sources('src')) {
      const layer = file.split(path.sep)[1]!;
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = path.normalize(path.join(path.dirname(file), specifier!)).split(path.sep);
        if (target[0] !== 'src' || target.length < 3) continue;
        const targetLayer = target[1]!;
        if (targetLayer === layer || rank(targetLayer) < 0 || rank(layer) < 0) continue;
        if (rank(targetLayer) <= rank(layer)) upwards.push(`${file} imports ${specifier}`);
      }
    }
    expect(upwards).toEqual([]);
  });
});
