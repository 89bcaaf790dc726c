/**
 * Deterministic randomness for the dataset generator: every record draws from its own stream, keyed by the seed,
 * a stream name and the record's index, so any record can be produced on its own and the output never depends on
 * the order in which files are written.
 */

/** A 32-bit hash of a string (FNV-1a followed by a murmur finaliser). */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix(hash);
}

function mix(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A small fast generator (mulberry32) with the helpers the generator needs. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [minimum, maximum], both included. */
  integer(minimum: number, maximum: number): number {
    return minimum + Math.floor(this.next() * (maximum - minimum + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * A count from a discrete power law P(k) ∝ k^-alpha for k ≥ minimum (inverse transform of the continuous
   * Pareto, floored), capped at `cap`: most draws are small, a few are large.
   */
  powerLaw(minimum: number, alpha: number, cap: number): number {
    const value = Math.floor(minimum * Math.pow(1 - this.next(), -1 / (alpha - 1)));
    return Math.min(cap, value);
  }
}

/** Streams of one generator run: `stream(name, index)` is the same sequence for the same seed, name and index. */
export class Streams {
  private readonly seedHash: number;

  constructor(seed: number) {
    this.seedHash = hashString(`seed:${seed}`);
  }

  stream(name: string, index: number): Random {
    return new Random(mix(this.seedHash ^ hashString(name) ^ mix(index + 0x9e3779b9)));
  }
}

/**
 * Zipf-distributed ranks 1..n with exponent s (P(k) ∝ k^-s), drawn in constant time and memory by
 * rejection-inversion (Hörmann and Derflinger, 1996).
 */
export class Zipf {
  private readonly hIntegralX1: number;
  private readonly hIntegralN: number;
  private readonly threshold: number;

  constructor(
    readonly n: number,
    private readonly exponent: number,
  ) {
    if (!(n >= 1) || !(exponent > 0)) throw new Error(`Zipf needs n ≥ 1 and exponent > 0 (got n=${n}, s=${exponent})`);
    this.hIntegralX1 = this.hIntegral(1.5) - 1;
    this.hIntegralN = this.hIntegral(n + 0.5);
    this.threshold = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  /** A rank in [1, n]. */
  sample(random: Random): number {
    for (;;) {
      const u = this.hIntegralN + random.next() * (this.hIntegralX1 - this.hIntegralN);
      const x = this.hIntegralInverse(u);
      const k = Math.min(this.n, Math.max(1, Math.floor(x + 0.5)));
      if (k - x <= this.threshold || u >= this.hIntegral(k + 0.5) - this.h(k)) return k;
    }
  }

  /** A zero-based index in [0, n). */
  index(random: Random): number {
    return this.sample(random) - 1;
  }

  private h(x: number): number {
    return Math.exp(-this.exponent * Math.log(x));
  }

  private hIntegral(x: number): number {
    const logX = Math.log(x);
    return helper2((1 - this.exponent) * logX) * logX;
  }

  private hIntegralInverse(x: number): number {
    let t = x * (1 - this.exponent);
    if (t < -1) t = -1;
    return Math.exp(helper1(t) * x);
  }
}

/** log1p(x)/x, stable near 0. */
function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x)/x, stable near 0. */
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x));
}

/** Distinct values drawn by `draw` until `count` are found or `attempts` run out (keeps insertion order). */
export function distinct(count: number, draw: () => number, attempts = count * 4 + 4): number[] {
  const chosen: number[] = [];
  for (let attempt = 0; attempt < attempts && chosen.length < count; attempt += 1) {
    const value = draw();
    if (!chosen.includes(value)) chosen.push(value);
  }
  return chosen;
}
