/**
 * Runs AutoML-Zero programs on their memory, op by op as automl_zero/executor.h does (Real et
 * al. 2020). A Machine holds one memory and one loaded program; load() resolves every bank
 * address into a memory offset once (and an element-set's indices into the element's offset), so
 * running an instruction is one switch on the op code over a flat Float64Array, with nothing
 * allocated. The cases are numbered as OPS in ops.ts (a literal per case keeps the switch a jump
 * table). Ops whose output may overlap an input while it is still being read (matrix products,
 * transpose) go through a scratch buffer.
 *
 * Randomness (the uniform and Gaussian set ops) comes from the Rng the machine was given, and
 * its stream starts over at each wipe: a program is then a function of its data, so its fitness
 * is reproducible, the cache's probe is a true prefix of the full run, and a random op in Setup
 * (a weight initialisation) draws for the model on screen what it drew when scored. (The
 * reference draws from one stream that runs on across evaluations: a lucky draw then gives a
 * fitness that the same program, run again, does not have, and the cache keeps it.)
 *
 * Heaviside is x ≥ 0 for a scalar and x > 0 for vectors and matrices, as the reference; standard
 * deviations are population ones (divide by the count). NaN and ±∞ propagate: the caller decides.
 */
import type { Rng } from '../../../random.js';
import { elementIndex, FEATURES, LABEL, type MemoryLayout, PREDICTION } from './memory.js';
import { OPS } from './ops.js';
import {
  COMPONENTS,
  type Component,
  DATA,
  IN1,
  IN2,
  type Instructions,
  OP,
  OUT,
  type Program,
  WIDTH,
} from './program.js';

/** A component function as the executor runs it: [op, in1, in2, out] offsets and three data, per instruction. */
class Compiled {
  size = 0;
  code = new Int32Array(0);
  data = new Float64Array(0);

  /** Compiles `source`; returns whether it has a random op. */
  load(source: Instructions, layout: MemoryLayout): boolean {
    let random = false;
    const size = source.length / WIDTH;
    if (this.code.length < 4 * size) {
      this.code = new Int32Array(4 * size);
      this.data = new Float64Array(3 * size);
    }
    const F = layout.features;
    for (let i = 0; i < size; i++) {
      const s = i * WIDTH;
      const op = OPS[source[s + OP]];
      const c = 4 * i;
      const d = 3 * i;
      this.code[c] = op.code;
      this.code[c + 1] = op.in1 ? layout.offset(op.in1, source[s + IN1]) : 0;
      this.code[c + 2] = op.in2 ? layout.offset(op.in2, source[s + IN2]) : 0;
      this.code[c + 3] = op.out ? layout.offset(op.out, source[s + OUT]) : 0;
      this.data[d] = source[s + DATA];
      this.data[d + 1] = source[s + DATA + 1];
      this.data[d + 2] = source[s + DATA + 2];
      if (op.data === 'uniform' || op.data === 'gaussian') random = true;
      // An element set writes one number: its offset, and the value in the first datum.
      if (op.data === 'vectorElement') {
        this.code[c + 3] += elementIndex(source[s + DATA], F);
        this.data[d] = source[s + DATA + 1];
      } else if (op.data === 'matrixElement') {
        this.code[c + 3] += elementIndex(source[s + DATA], F) * F + elementIndex(source[s + DATA + 1], F);
        this.data[d] = source[s + DATA + 2];
      }
    }
    this.size = size;
    return random;
  }
}

export class Machine {
  readonly memory: Float64Array;
  private readonly scratch: Float64Array;
  private readonly compiled: Record<Component, Compiled> = {
    setup: new Compiled(),
    predict: new Compiled(),
    learn: new Compiled(),
  };
  private readonly features: number;
  private readonly featureOffset: number;
  /** Whether the loaded program has a random op (else the draws need no restart). */
  private random = false;
  /** The draws of the current run. */
  private draws: Rng;

  constructor(
    readonly layout: MemoryLayout,
    private readonly rng: Rng,
  ) {
    this.memory = new Float64Array(layout.size);
    this.scratch = new Float64Array(layout.features * layout.features);
    this.features = layout.features;
    this.featureOffset = layout.offset('v', FEATURES);
    this.draws = rng.fork('draws');
  }

  load(program: Program): void {
    this.random = false;
    for (const c of COMPONENTS) this.random = this.compiled[c].load(program[c], this.layout) || this.random;
  }

  /** All memory to zero, as before each task; the random draws start over. */
  wipe(): void {
    this.memory.fill(0);
    this.restartDraws();
  }

  /** The random ops draw the same numbers again, from the first. */
  restartDraws(): void {
    if (this.random) this.draws = this.rng.fork('draws');
  }

  setup(): void {
    this.run(this.compiled.setup);
  }

  /** v0 = row `row` of X (n×F), s0 = 0, run Predict; returns s1. */
  predict(X: Float64Array, row: number): number {
    this.setFeatures(X, row);
    this.memory[LABEL] = 0;
    this.run(this.compiled.predict);
    return this.memory[PREDICTION];
  }

  /** v0 = row `row` of X, s0 = label, run Learn. */
  learn(X: Float64Array, row: number, label: number): void {
    this.setFeatures(X, row);
    this.memory[LABEL] = label;
    this.run(this.compiled.learn);
  }

  private setFeatures(X: Float64Array, row: number): void {
    const F = this.features;
    const m = this.memory;
    const o = this.featureOffset;
    const start = row * F;
    for (let k = 0; k < F; k++) m[o + k] = X[start + k];
  }

  private run(fn: Compiled): void {
    execute(fn.code, fn.data, fn.size, this.memory, this.features, this.scratch, this.draws);
  }
}

function execute(
  code: Int32Array,
  data: Float64Array,
  size: number,
  m: Float64Array,
  F: number,
  tmp: Float64Array,
  rng: Rng,
): void {
  const FF = F * F;
  for (let i = 0; i < size; i++) {
    const c = 4 * i;
    const a = code[c + 1];
    const b = code[c + 2];
    const o = code[c + 3];
    switch (code[c]) {
      case 0: // no_op
        break;
      case 1:
        m[o] = m[a] + m[b];
        break;
      case 2:
        m[o] = m[a] - m[b];
        break;
      case 3:
        m[o] = m[a] * m[b];
        break;
      case 4:
        m[o] = m[a] / m[b];
        break;
      case 5:
        m[o] = Math.abs(m[a]);
        break;
      case 6:
        m[o] = 1 / m[a];
        break;
      case 7:
        m[o] = Math.sin(m[a]);
        break;
      case 8:
        m[o] = Math.cos(m[a]);
        break;
      case 9:
        m[o] = Math.tan(m[a]);
        break;
      case 10:
        m[o] = Math.asin(m[a]);
        break;
      case 11:
        m[o] = Math.acos(m[a]);
        break;
      case 12:
        m[o] = Math.atan(m[a]);
        break;
      case 13:
        m[o] = Math.exp(m[a]);
        break;
      case 14:
        m[o] = Math.log(m[a]);
        break;
      case 15: // scalar heaviside
        m[o] = m[a] >= 0 ? 1 : 0;
        break;
      case 16: // vector heaviside
        for (let k = 0; k < F; k++) m[o + k] = m[a + k] > 0 ? 1 : 0;
        break;
      case 17: // matrix heaviside
        for (let k = 0; k < FF; k++) m[o + k] = m[a + k] > 0 ? 1 : 0;
        break;
      case 18: {
        // scalar × vector
        const s = m[a];
        for (let k = 0; k < F; k++) m[o + k] = s * m[b + k];
        break;
      }
      case 19: // scalar broadcast
        m.fill(m[a], o, o + F);
        break;
      case 20:
        for (let k = 0; k < F; k++) m[o + k] = 1 / m[a + k];
        break;
      case 21: {
        // vector norm
        let s = 0;
        for (let k = 0; k < F; k++) s += m[a + k] * m[a + k];
        m[o] = Math.sqrt(s);
        break;
      }
      case 22:
        for (let k = 0; k < F; k++) m[o + k] = Math.abs(m[a + k]);
        break;
      case 23:
        for (let k = 0; k < F; k++) m[o + k] = m[a + k] + m[b + k];
        break;
      case 24:
        for (let k = 0; k < F; k++) m[o + k] = m[a + k] - m[b + k];
        break;
      case 25:
        for (let k = 0; k < F; k++) m[o + k] = m[a + k] * m[b + k];
        break;
      case 26:
        for (let k = 0; k < F; k++) m[o + k] = m[a + k] / m[b + k];
        break;
      case 27: {
        // dot
        let s = 0;
        for (let k = 0; k < F; k++) s += m[a + k] * m[b + k];
        m[o] = s;
        break;
      }
      case 28: // outer
        for (let r = 0; r < F; r++) for (let k = 0; k < F; k++) m[o + r * F + k] = m[a + r] * m[b + k];
        break;
      case 29: {
        // scalar × matrix
        const s = m[a];
        for (let k = 0; k < FF; k++) m[o + k] = s * m[b + k];
        break;
      }
      case 30:
        for (let k = 0; k < FF; k++) m[o + k] = 1 / m[a + k];
        break;
      case 31: // matrix · vector
        for (let r = 0; r < F; r++) {
          let s = 0;
          for (let k = 0; k < F; k++) s += m[a + r * F + k] * m[b + k];
          tmp[r] = s;
        }
        for (let k = 0; k < F; k++) m[o + k] = tmp[k];
        break;
      case 32: // column broadcast: every column is the vector
        for (let r = 0; r < F; r++) m.fill(m[a + r], o + r * F, o + r * F + F);
        break;
      case 33: // row broadcast: every row is the vector
        for (let r = 0; r < F; r++) for (let k = 0; k < F; k++) m[o + r * F + k] = m[a + k];
        break;
      case 34: {
        // Frobenius norm
        let s = 0;
        for (let k = 0; k < FF; k++) s += m[a + k] * m[a + k];
        m[o] = Math.sqrt(s);
        break;
      }
      case 35: // column norms
        for (let k = 0; k < F; k++) {
          let s = 0;
          for (let r = 0; r < F; r++) s += m[a + r * F + k] * m[a + r * F + k];
          m[o + k] = Math.sqrt(s);
        }
        break;
      case 36: // row norms
        for (let r = 0; r < F; r++) {
          let s = 0;
          for (let k = 0; k < F; k++) s += m[a + r * F + k] * m[a + r * F + k];
          m[o + r] = Math.sqrt(s);
        }
        break;
      case 37: // transpose
        for (let r = 0; r < F; r++) for (let k = 0; k < F; k++) tmp[k * F + r] = m[a + r * F + k];
        for (let k = 0; k < FF; k++) m[o + k] = tmp[k];
        break;
      case 38:
        for (let k = 0; k < FF; k++) m[o + k] = Math.abs(m[a + k]);
        break;
      case 39:
        for (let k = 0; k < FF; k++) m[o + k] = m[a + k] + m[b + k];
        break;
      case 40:
        for (let k = 0; k < FF; k++) m[o + k] = m[a + k] - m[b + k];
        break;
      case 41:
        for (let k = 0; k < FF; k++) m[o + k] = m[a + k] * m[b + k];
        break;
      case 42:
        for (let k = 0; k < FF; k++) m[o + k] = m[a + k] / m[b + k];
        break;
      case 43: // matrix product
        for (let r = 0; r < F; r++) {
          for (let k = 0; k < F; k++) {
            let s = 0;
            for (let j = 0; j < F; j++) s += m[a + r * F + j] * m[b + j * F + k];
            tmp[r * F + k] = s;
          }
        }
        for (let k = 0; k < FF; k++) m[o + k] = tmp[k];
        break;
      case 44:
        m[o] = Math.min(m[a], m[b]);
        break;
      case 45:
        for (let k = 0; k < F; k++) m[o + k] = Math.min(m[a + k], m[b + k]);
        break;
      case 46:
        for (let k = 0; k < FF; k++) m[o + k] = Math.min(m[a + k], m[b + k]);
        break;
      case 47:
        m[o] = Math.max(m[a], m[b]);
        break;
      case 48:
        for (let k = 0; k < F; k++) m[o + k] = Math.max(m[a + k], m[b + k]);
        break;
      case 49:
        for (let k = 0; k < FF; k++) m[o + k] = Math.max(m[a + k], m[b + k]);
        break;
      case 50:
        m[o] = mean(m, a, F);
        break;
      case 51:
        m[o] = mean(m, a, FF);
        break;
      case 52: // row means
        for (let r = 0; r < F; r++) m[o + r] = mean(m, a + r * F, F);
        break;
      case 53: // row standard deviations
        for (let r = 0; r < F; r++) m[o + r] = deviation(m, a + r * F, F);
        break;
      case 54:
        m[o] = deviation(m, a, F);
        break;
      case 55:
        m[o] = deviation(m, a, FF);
        break;
      case 56: // const set (scalar, vector element, matrix element: load() placed the value first)
      case 57:
      case 58:
        m[o] = data[3 * i];
        break;
      case 59:
        m[o] = uniform(data[3 * i], data[3 * i + 1], rng);
        break;
      case 60:
        for (let k = 0; k < F; k++) m[o + k] = uniform(data[3 * i], data[3 * i + 1], rng);
        break;
      case 61:
        for (let k = 0; k < FF; k++) m[o + k] = uniform(data[3 * i], data[3 * i + 1], rng);
        break;
      case 62:
        m[o] = data[3 * i] + data[3 * i + 1] * rng.normal();
        break;
      case 63:
        for (let k = 0; k < F; k++) m[o + k] = data[3 * i] + data[3 * i + 1] * rng.normal();
        break;
      case 64:
        for (let k = 0; k < FF; k++) m[o + k] = data[3 * i] + data[3 * i + 1] * rng.normal();
        break;
    }
  }
}

function mean(m: Float64Array, from: number, count: number): number {
  let s = 0;
  for (let k = 0; k < count; k++) s += m[from + k];
  return s / count;
}

function deviation(m: Float64Array, from: number, count: number): number {
  const mu = mean(m, from, count);
  let s = 0;
  for (let k = 0; k < count; k++) s += (m[from + k] - mu) * (m[from + k] - mu);
  return Math.sqrt(s / count);
}

function uniform(low: number, high: number, rng: Rng): number {
  return low + (high - low) * rng.uniform();
}
