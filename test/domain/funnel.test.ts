import { describe, expect, it } from 'vitest';
import { funnelSignificance, proportionFunnel } from '../../src/domain/funnel.js';
import { FUNNEL_INPUTS, FUNNEL_OUTPUTS } from './fixtures/phe-funnel-proportions.js';

/** Funnel plots of proportions against PHEindicatormethods' published test data (see the fixture). */
describe('funnel plots of proportions', () => {
  const organisations = FUNNEL_INPUTS.map(([x, n]) => ({ x, n }));

  it('draw the 100 points the package draws: the same populations and limits, to its 6 decimals', () => {
    const funnel = proportionFunnel(organisations);
    expect(funnel.points).toHaveLength(100);
    const sixDecimals = (proportion: number) => Math.round(proportion * 100 * 1e6) / 1e6;
    expect(
      funnel.points.map((point) => [
        point.population,
        sixDecimals(point.lower95),
        sixDecimals(point.upper95),
        sixDecimals(point.lower998),
        sixDecimals(point.upper998),
        sixDecimals(funnel.average),
      ]),
    ).toEqual(FUNNEL_OUTPUTS.map((row) => [...row]));
  });

  it('place each of the 303 areas as the package does', () => {
    const { average } = proportionFunnel(organisations);
    expect(FUNNEL_INPUTS.map(([x, n]) => funnelSignificance(x, n, average))).toEqual(
      FUNNEL_INPUTS.map(([, , significance]) => significance),
    );
  });

  it('refuse what is no proportion, and an empty set', () => {
    expect(() => proportionFunnel([])).toThrow(RangeError);
    expect(() => proportionFunnel([{ x: 5, n: 4 }])).toThrow(RangeError);
  });
});
