import { describe, expect, it } from 'vitest';
import { rankBestFirst } from '../../src/domain/ranking.js';

describe('ranking best first', () => {
  const values = [{ v: 71.2 }, { v: 80.5 }, { v: 75 }, { v: 80.5 }];

  it('puts higher values first when higher is better, with shared ranks for ties', () => {
    const ranked = rankBestFirst(values, (item) => item.v, 'HIGHER_IS_BETTER');
    expect(ranked.map(({ item, rank }) => [item.v, rank])).toEqual([
      [80.5, 1],
      [80.5, 1],
      [75, 3],
      [71.2, 4],
    ]);
  });

  it('puts lower values first when lower is better', () => {
    const ranked = rankBestFirst(values, (item) => item.v, 'LOWER_IS_BETTER');
    expect(ranked.map(({ item, rank }) => [item.v, rank])).toEqual([
      [71.2, 1],
      [75, 2],
      [80.5, 3],
      [80.5, 3],
    ]);
  });
});
