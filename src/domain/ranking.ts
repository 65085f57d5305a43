import type { Polarity } from './spc.js';

/**
 * Sorts best first (largest first where neither direction is better) and gives competition ranks
 * ("1, 2, 2, 4"): equal values share a rank.
 */
export function rankBestFirst<T>(
  items: readonly T[],
  valueOf: (item: T) => number,
  polarity: Polarity,
): { item: T; rank: number }[] {
  const sign = polarity === 'LOWER_IS_BETTER' ? 1 : -1;
  const sorted = [...items].sort((a, b) => sign * (valueOf(a) - valueOf(b)));
  const ranked: { item: T; rank: number }[] = [];
  sorted.forEach((item, index) => {
    const previous = ranked[index - 1];
    const rank = previous && valueOf(previous.item) === valueOf(item) ? previous.rank : index + 1;
    ranked.push({ item, rank });
  });
  return ranked;
}
