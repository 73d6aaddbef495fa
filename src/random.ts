/**
 * Seeded randomness. Every random draw in mlgif goes through an Rng that was passed in, so one
 * scenario and one seed give one GIF, byte for byte. Independent parts of a run (the data, the
 * model, the shuffle) take their own stream with fork(name), so adding a draw in one part never
 * shifts the numbers another part sees.
 */
import { randomLcg, randomNormal } from 'd3-random';

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** An independent stream, derived from this one's seed and the name. */
  fork(name: string): Rng;
}

/** 32-bit FNV-1a of the seed and a name, then a murmur3 finaliser to spread the bits. */
function mix(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  h = Math.imul(h, 0x01000193);
  h ^= Math.floor(seed / 0x100000000) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  const state = mix(seed, '');
  const uniform = randomLcg(state / 0x100000000);
  const normal = randomNormal.source(uniform)(0, 1);
  return {
    uniform,
    normal,
    int: (n) => Math.floor(uniform() * n),
    fork: (name) => createRng(mix(state, name)),
  };
}

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
