/**
 * Quantiles of a ranking (quartiles, quintiles, deciles…) as PHEindicatormethods assigns them
 * (`phe_quantile`): by rank, ties taking the lowest rank, so that each quantile holds as near an
 * equal share of the organisations as ranks allow. Quantile 1 holds the worst values by the
 * metric's polarity (the highest where lower is better; the lowest otherwise). Organisations
 * without a value get none; so does everyone where fewer organisations have values than there
 * are quantiles. Pure.
 */
import type { Polarity } from './spc.js';

export function quantilesOf(values: readonly (number | null)[], count: number, polarity: Polarity): (number | null)[] {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`quantiles come in 2 or more (${count})`);
  const invert = polarity === 'LOWER_IS_BETTER';
  const present = values.flatMap((value) =>
    value === null || !Number.isFinite(value) ? [] : [invert ? -value : value],
  );
  const areas = present.length;
  if (areas < count) return values.map(() => null);
  return values.map((value) => {
    if (value === null || !Number.isFinite(value)) return null;
    const key = invert ? -value : value;
    // R's rank(ties.method = "min"): one more than the number of values below.
    const rank = present.filter((other) => other < key).length + 1;
    const quantile = Math.floor(count + 1 - Math.ceil((areas + 1 - rank) / (areas / count)));
    return quantile === 0 ? 1 : quantile;
  });
}
