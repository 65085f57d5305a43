/**
 * Funnel plots of proportions as PHEindicatormethods draws them (`calculate_funnel_limits`,
 * `assign_funnel_significance`): around an average proportion, the values a population of each size
 * would have to reach for its Wilson interval (at 95% and 99.8%) to just touch the average, and each
 * organisation's place against them. Pure.
 */
import { normalQuantile } from './distributions.js';

export type FunnelSignificance = 'HIGH_0_001' | 'HIGH_0_025' | 'LOW_0_001' | 'LOW_0_025' | 'NOT_SIGNIFICANT';

/** The one-sided probabilities of the limits: 0.975 (95%, "2σ") and 0.999 (99.8%, "3σ"). */
const TWO_SIGMA = 0.975;
const THREE_SIGMA = 0.999;

/**
 * The proportion at which a population's Wilson limit on `side` meets the average (the package's
 * sigma_adjustment): below the low one, or above the high one, a value is significantly different.
 */
export function funnelLimit(population: number, average: number, probability: number, side: 'low' | 'high'): number {
  const z2 = normalQuantile(probability) ** 2;
  const first = average * (population / z2 + 1);
  const adjustment = Math.sqrt(
    (-8 * average * (population / z2 + 1)) ** 2 -
      64 *
        (1 / z2 + 1 / population) *
        average *
        (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)),
  );
  const last = 1 / z2 + 1 / population;
  return (side === 'low' ? first - adjustment / 8 : first + adjustment / 8) / last / population;
}

export interface FunnelPoint {
  population: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** The limits at a population, each kept within 0 and 1 (as proportions of 1). */
export function funnelPoint(population: number, average: number): FunnelPoint {
  const within = (value: number) => Math.min(1, Math.max(0, value));
  return {
    population,
    lower95: within(funnelLimit(population, average, TWO_SIGMA, 'low')),
    upper95: within(funnelLimit(population, average, TWO_SIGMA, 'high')),
    lower998: within(funnelLimit(population, average, THREE_SIGMA, 'low')),
    upper998: within(funnelLimit(population, average, THREE_SIGMA, 'high')),
  };
}

/** Where an organisation's x of n falls against the funnel around the average (assign_funnel_significance). */
export function funnelSignificance(x: number, n: number, average: number): FunnelSignificance {
  const value = x / n;
  if (value < funnelLimit(n, average, THREE_SIGMA, 'low')) return 'LOW_0_001';
  if (value < funnelLimit(n, average, TWO_SIGMA, 'low')) return 'LOW_0_025';
  if (value > funnelLimit(n, average, THREE_SIGMA, 'high')) return 'HIGH_0_001';
  if (value > funnelLimit(n, average, TWO_SIGMA, 'high')) return 'HIGH_0_025';
  return 'NOT_SIGNIFICANT';
}

/** R's round(): halves to even. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference < 0.5) return floor;
  if (difference > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

const digits = (value: number) => String(value).length;

/** The package's neat axis ends: a little below the smallest population, a little above the largest. */
function axisFloor(value: number): number {
  if (value === 0) return 0;
  const power = 10 ** (digits(Math.floor(value * 0.95)) - 1);
  return Math.floor((value * 0.95) / power) * power;
}
function axisCeiling(value: number): number {
  if (value === 0) return 0;
  const power = 10 ** (digits(Math.ceil(value * 1.05)) - 2);
  return Math.ceil((value * 1.05) / power) * power;
}

/**
 * The 100 populations the funnel is drawn at, spaced geometrically (closer where the funnel is
 * wide) between axis ends that take in every organisation (from 0 where the largest is more than
 * twice the smallest).
 */
export function funnelPopulations(smallest: number, largest: number): number[] {
  const axisMinimum = largest > 2 * smallest ? 0 : axisFloor(smallest);
  const axisMaximum = axisCeiling(largest);
  const populations = [Math.max(1, axisMinimum)];
  for (let index = 2; index <= 100; index += 1) {
    const previous = populations.at(-1)!;
    populations.push(Math.max(roundHalfEven((axisMaximum / previous) ** (1 / (101 - index)) * previous), previous + 1));
  }
  return populations;
}

export interface ProportionFunnel {
  /** The proportion the funnel is drawn around: the organisations' own average, or a reference's. */
  average: number;
  points: FunnelPoint[];
}

/**
 * A funnel plot of organisations' proportions (calculate_funnel_limits): around their own average
 * (their numerators over their denominators), or around a reference proportion given.
 */
export function proportionFunnel(
  organisations: readonly { x: number; n: number }[],
  around?: number,
): ProportionFunnel {
  if (organisations.length === 0) throw new RangeError('a funnel needs at least one organisation');
  for (const { x, n } of organisations)
    if (!(x >= 0) || !(n > 0) || x > n) throw new RangeError(`a proportion needs 0 ≤ x ≤ n and n > 0 (x ${x}, n ${n})`);
  const average =
    around ?? organisations.reduce((sum, { x }) => sum + x, 0) / organisations.reduce((sum, { n }) => sum + n, 0);
  const denominators = organisations.map(({ n }) => n);
  return {
    average,
    points: funnelPopulations(Math.min(...denominators), Math.max(...denominators)).map((population) =>
      funnelPoint(population, average),
    ),
  };
}
