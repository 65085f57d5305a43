/* eslint-disable no-loss-of-precision -- AS 241's and Lanczos's coefficients as published, with more digits than a double keeps */
/**
 * The quantiles public health statistics need, in double precision: the standard normal's (for
 * Wilson and Byar's intervals, control limits and funnels) and the gamma distribution's (for exact
 * Poisson limits: R's qchisq(p, 2k) / 2). Pure.
 */

/**
 * The standard normal quantile (R's qnorm), by Wichura's algorithm AS 241 (PPND16), accurate to
 * about 1 part in 10^16.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`a probability is between 0 and 1, not ${p}`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let index = 1; index < LANCZOS.length; index += 1) sum += LANCZOS[index]! / (z + index);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The regularised lower incomplete gamma function P(a, x): the gamma(a, 1) distribution's CDF at x. */
export function gammaCdf(shape: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefix = shape * Math.log(x) - x - logGamma(shape);
  if (x < shape + 1) {
    // The series converges quickly below the mean.
    let term = 1 / shape;
    let sum = term;
    for (let n = 1; n < 10_000; n += 1) {
      term *= x / (shape + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return sum * Math.exp(logPrefix);
  }
  // Above it, Lentz's continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - shape;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 10_000; n += 1) {
    const an = -n * (n - shape);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  return 1 - Math.exp(logPrefix) * h;
}

/**
 * The gamma(shape, 1) distribution's quantile: the x with P(shape, x) = p (R's qgamma(p, shape),
 * and qchisq(p, 2·shape) / 2). Newton's method on the CDF, kept inside a bracket that bisection
 * narrows whenever a step would leave it.
 */
export function gammaQuantile(p: number, shape: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`a probability is between 0 and 1, not ${p}`);
  if (p === 0) return 0;
  let low = 0;
  let high = Math.max(1, shape);
  while (gammaCdf(shape, high) < p) high *= 2;
  // Wilson and Hilferty's approximation as the first guess.
  const z = normalQuantile(p);
  let x = Math.min(high, Math.max(1e-12, shape * (1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape))) ** 3));
  for (let step = 0; step < 200; step += 1) {
    const error = gammaCdf(shape, x) - p;
    if (error === 0) return x;
    if (error < 0) low = x;
    else high = x;
    const density = Math.exp((shape - 1) * Math.log(x) - x - logGamma(shape));
    let next = x - error / density;
    if (!(next > low && next < high) || !Number.isFinite(next)) next = (low + high) / 2;
    if (Math.abs(next - x) <= Math.abs(x) * 1e-15) return next;
    x = next;
  }
  return x;
}
