/**
 * The functional-equivalence cache of AutoML-Zero (Real et al. 2020, §4.1, "functional
 * equivalence checking"; automl_zero/fec_cache.cc). Most children of an evolution compute what
 * an earlier program computed (a mutation in dead code, an exact copy, a commuted sum). Before a
 * full evaluation, the program runs on a small fixed probe (the first few training and validation
 * examples of every task); its predictions, rounded, are hashed, and a program whose hash is in
 * the cache gets the cached fitness without being evaluated. The cache keeps the most recently
 * used entries.
 */

/** Predictions are rounded to this many units before hashing, so last-bit differences still match. */
const QUANTUM = 1e6;

/**
 * A least-recently-used map from fingerprint to fitness: a Map finds an entry's slot, a doubly
 * linked list through the slots keeps them in order of use (head: most recent), so a lookup, a
 * store and an eviction are O(1). (A Map alone, re-inserted on use, would leave deleted entries at
 * its front that every eviction scans.)
 */
export class FunctionalCache {
  hits = 0;
  misses = 0;
  private readonly slots = new Map<number, number>();
  private readonly keys: Float64Array;
  private readonly fitness: Float64Array;
  private readonly newer: Int32Array;
  private readonly older: Int32Array;
  private head = -1;
  private tail = -1;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1))
      throw new RangeError(`cache capacity must be ≥ 1, got ${capacity}`);
    this.keys = new Float64Array(capacity);
    this.fitness = new Float64Array(capacity);
    this.newer = new Int32Array(capacity);
    this.older = new Int32Array(capacity);
  }

  get size(): number {
    return this.slots.size;
  }

  /** The cached fitness for a fingerprint, or undefined (counts a hit or a miss). */
  lookup(key: number): number | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.unlink(slot);
    this.pushFront(slot);
    return this.fitness[slot];
  }

  store(key: number, fitness: number): void {
    let slot = this.slots.get(key);
    if (slot !== undefined) this.unlink(slot);
    else if (this.slots.size < this.capacity) slot = this.slots.size;
    else {
      slot = this.tail;
      this.unlink(slot);
      this.slots.delete(this.keys[slot]);
    }
    this.keys[slot] = key;
    this.fitness[slot] = fitness;
    this.slots.set(key, slot);
    this.pushFront(slot);
  }

  private unlink(slot: number): void {
    const newer = this.newer[slot];
    const older = this.older[slot];
    if (newer >= 0) this.older[newer] = older;
    else this.head = older;
    if (older >= 0) this.newer[older] = newer;
    else this.tail = newer;
  }

  private pushFront(slot: number): void {
    this.newer[slot] = -1;
    this.older[slot] = this.head;
    if (this.head >= 0) this.newer[this.head] = slot;
    this.head = slot;
    if (this.tail < 0) this.tail = slot;
  }
}

const rounded = new Float64Array(1);
const words = new Uint32Array(rounded.buffer);

/**
 * A 52-bit hash of the first `count` predictions, each rounded to 1/QUANTUM (NaN, a stopped run,
 * hashes as one value of its own). Two 32-bit FNV-1a style hashes with different seeds, joined.
 */
export function fingerprint(predictions: Float64Array, count: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < count; i++) {
    const p = predictions[i];
    // + 0 turns −0 into +0; NaN gets a fixed bit pattern.
    rounded[0] = Number.isNaN(p) ? Number.NaN : Math.round(p * QUANTUM) + 0;
    for (let w = 0; w < 2; w++) {
      h1 = Math.imul(h1 ^ words[w], 0x01000193);
      h2 = Math.imul(h2 ^ words[w], 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  return (h1 >>> 0) * 0x100000 + (h2 >>> 12);
}
