/**
 * The memory an AutoML-Zero algorithm runs on (Real et al. 2020, §3): S scalars, V vectors of the
 * feature size F and M F×F matrices, laid out in one Float64Array (scalars, then vectors, then
 * matrices, row-major) so the executor addresses every operand by a single offset. A few
 * addresses are fixed, as in the reference: s0 holds the label (0 during Predict), s1 the
 * prediction, v0 the features; programs never write s0 or v0.
 */
import type { Bank } from './ops.js';

export const LABEL = 0;
export const PREDICTION = 1;
export const FEATURES = 0;

/** How many addresses of each bank; the reference demo compiles with 4, 3 and 1. */
export interface MemorySizes {
  scalars: number;
  vectors: number;
  matrices: number;
}

export const DEMO_MEMORY: MemorySizes = { scalars: 4, vectors: 3, matrices: 1 };

export class MemoryLayout {
  readonly vectorBase: number;
  readonly matrixBase: number;
  /** Length of the Float64Array that holds the whole memory. */
  readonly size: number;

  constructor(
    readonly features: number,
    readonly sizes: MemorySizes = DEMO_MEMORY,
  ) {
    if (!Number.isInteger(features) || features < 1) throw new RangeError(`features must be ≥ 1, got ${features}`);
    if (sizes.scalars < 2 || sizes.vectors < 1 || sizes.matrices < 0) {
      throw new RangeError('memory needs at least 2 scalars (label, prediction) and 1 vector (features)');
    }
    this.vectorBase = sizes.scalars;
    this.matrixBase = this.vectorBase + sizes.vectors * features;
    this.size = this.matrixBase + sizes.matrices * features * features;
  }

  /** Offset in the memory array of address `address` of a bank (its first element). */
  offset(bank: Bank, address: number): number {
    if (bank === 's') return address;
    if (bank === 'v') return this.vectorBase + address * this.features;
    return this.matrixBase + address * this.features * this.features;
  }

  /** Number of addresses an instruction may read in a bank: all of them. */
  inputs(bank: Bank): number {
    return bank === 's' ? this.sizes.scalars : bank === 'v' ? this.sizes.vectors : this.sizes.matrices;
  }

  /** First address an instruction may write in a bank: s0 (label) and v0 (features) are read-only. */
  firstOutput(bank: Bank): number {
    return bank === 'm' ? 0 : 1;
  }
}

/** An element-set's index datum, in [0, 1), as an index in [0, size). */
export function elementIndex(fraction: number, size: number): number {
  return Math.min(size - 1, Math.max(0, Math.floor(fraction * size)));
}
