/**
 * Seeded generators for simulations (never for decisions): the same seed gives the same run on every machine.
 */

/** Mulberry32: a small, fast 32-bit PRNG with a full 2³² period; uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller, one of the pair). */
export function normal(rng: () => number): number {
  const u = 1 - rng(); // (0, 1]: log(0) never happens
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * An exact Binomial(n, p) draw by inversion searched outward from the mode: one uniform, expected
 * O(√(np(1 − p))) steps, so a poll of a million units costs about a thousand steps.
 */
export function binomial(rng: () => number, n: number, p: number): number {
  if (!(n >= 0) || !Number.isInteger(n)) throw new RangeError('binomial: n must be a non-negative integer');
  if (!(p >= 0 && p <= 1)) throw new RangeError('binomial: p must be in [0, 1]');
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (n < 16) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng() < p) k += 1;
    return k;
  }
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const logPmfMode =
    logFactorial(n) -
    logFactorial(mode) -
    logFactorial(n - mode) +
    mode * Math.log(p) +
    (n - mode) * Math.log(q);
  const pmfMode = Math.exp(logPmfMode);
  let u = rng() - pmfMode;
  if (u < 0) return mode;
  // Walk outward, one step down then one step up, subtracting each pmf (recurrences from the mode).
  let down = mode;
  let pmfDown = pmfMode;
  let up = mode;
  let pmfUp = pmfMode;
  const ratio = p / q;
  while (down > 0 || up < n) {
    if (down > 0) {
      pmfDown *= down / (n - down + 1) / ratio;
      down -= 1;
      u -= pmfDown;
      if (u < 0) return down;
    }
    if (up < n) {
      pmfUp *= ((n - up) / (up + 1)) * ratio;
      up += 1;
      u -= pmfUp;
      if (u < 0) return up;
    }
    if ((down === 0 || pmfDown < 1e-300) && (up === n || pmfUp < 1e-300)) break;
  }
  return mode; // only a rounding residue of the total probability is left
}

const LOG_FACTORIAL_CACHE: number[] = [0];

function logFactorial(k: number): number {
  if (k < 1024) {
    for (let i = LOG_FACTORIAL_CACHE.length; i <= k; i++) {
      LOG_FACTORIAL_CACHE[i] = (LOG_FACTORIAL_CACHE[i - 1] ?? 0) + Math.log(i);
    }
    return LOG_FACTORIAL_CACHE[k] ?? 0;
  }
  // Stirling's series: error below 1e-15 for k ≥ 1024.
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k ** 3);
}
