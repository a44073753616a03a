/**
 * Seeded pseudo-random numbers that are identical in every JavaScript engine: all state is 32-bit
 * integer arithmetic (Math.imul, >>>), and floats are made from integers by exact division.
 * Generator: sfc32 (small fast counting), seeded through splitmix32 so that nearby seeds diverge.
 */
export interface Rng {
  /** Next raw 32-bit unsigned integer. Mutates the generator. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 53 random bits. Mutates the generator. */
  next(): number;
  /** Uniform float in [lo, hi). Mutates the generator. */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [0, n). Mutates the generator. */
  int(n: number): number;
  /** Standard normal (Box–Muller). Mutates the generator. */
  normal(): number;
  /** The generator's full state, to resume it later with {@link rngFromState}. */
  state(): [number, number, number, number];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator from a seed (any finite number; its low 32 bits are used). */
export function createRng(seed: number): Rng {
  const mix = splitmix32(Number.isFinite(seed) ? Math.trunc(seed) : 0);
  const state: [number, number, number, number] = [mix(), mix(), mix(), mix() | 1];
  const rng = rngFromState(state);
  for (let i = 0; i < 12; i++) rng.nextUint32(); // warm up sfc32
  return rng;
}

/** A generator that continues from a saved {@link Rng.state}. */
export function rngFromState(saved: readonly [number, number, number, number]): Rng {
  let [a, b, c, d] = saved.map((x) => x >>> 0) as [number, number, number, number];
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const next = (): number => {
    // 27 + 26 bits → an exact dyadic rational in [0, 1)
    const hi = nextUint32() >>> 5;
    const lo = nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  let spareNormal: number | null = null;
  return {
    nextUint32,
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    state: () => [a, b, c, d],
  };
}
