/**
 * Random instructions and random changes to one instruction, as AutoML-Zero's
 * Instruction::SetOpAndRandomizeParams and Instruction::AlterParam (automl_zero/instruction.cc;
 * Real et al. 2020):
 * - inputs are drawn uniformly among all addresses of their bank, outputs among the writable ones
 *   (never s0, the label, nor v0, the features);
 * - a constant is U(−1, 1); an element index is U(0, 1) scaled to the size; a Gaussian's mean is
 *   U(−1, 1) and its standard deviation U(0, 1); a uniform's bounds are U(−1, 1), kept ordered;
 * - altering a parameter re-draws one of the instruction's operands (two-input ops: in1, in2 or
 *   out; one-input ops: in1 or out) or changes one datum: indices are re-drawn, values are scaled
 *   by 10^U(−1, 1) or, one time in ten, have their sign flipped (standard deviations are only
 *   scaled, so they stay positive).
 */
import type { Rng } from '../../../random.js';
import type { MemoryLayout } from './memory.js';
import { type Bank, OPS } from './ops.js';
import {
  DATA,
  IN1,
  IN2,
  type Instructions,
  OP,
  OUT,
  type PerComponent,
  type Program,
  type SizeLimits,
  WIDTH,
} from './program.js';

const SIGN_FLIP_PROBABILITY = 0.1;

export class Randomizer {
  constructor(
    private readonly layout: MemoryLayout,
    private readonly rng: Rng,
  ) {}

  /** Component function of `size` random instructions, ops drawn from `ops`. */
  randomInstructions(size: number, ops: readonly number[]): Instructions {
    const code = new Float64Array(size * WIDTH);
    for (let i = 0; i < size; i++) this.randomInstruction(code, i, ops);
    return code;
  }

  randomProgram(sizes: PerComponent<SizeLimits>, ops: PerComponent<readonly number[]>): Program {
    return {
      setup: this.randomInstructions(sizes.setup.initial, ops.setup),
      predict: this.randomInstructions(sizes.predict.initial, ops.predict),
      learn: this.randomInstructions(sizes.learn.initial, ops.learn),
    };
  }

  /** Instruction i becomes a random op of `ops` with random parameters. */
  randomInstruction(code: Instructions, i: number, ops: readonly number[]): void {
    const base = i * WIDTH;
    const op = OPS[ops[this.rng.int(ops.length)]];
    code.fill(0, base, base + WIDTH);
    code[base + OP] = op.code;
    if (op.in1) code[base + IN1] = this.input(op.in1);
    if (op.in2) code[base + IN2] = this.input(op.in2);
    if (op.out) code[base + OUT] = this.output(op.out);
    const d = base + DATA;
    switch (op.data) {
      case 'none':
        break;
      case 'constant':
        code[d] = this.value();
        break;
      case 'vectorElement':
        code[d] = this.rng.uniform();
        code[d + 1] = this.value();
        break;
      case 'matrixElement':
        code[d] = this.rng.uniform();
        code[d + 1] = this.rng.uniform();
        code[d + 2] = this.value();
        break;
      case 'uniform':
        code[d] = this.value();
        code[d + 1] = this.value();
        this.order(code, d);
        break;
      case 'gaussian':
        code[d] = this.value();
        code[d + 1] = this.rng.uniform();
        break;
    }
  }

  /** Changes one parameter of instruction i (nothing for a no-op). */
  alterParam(code: Instructions, i: number): void {
    const base = i * WIDTH;
    const op = OPS[code[base + OP]];
    const d = base + DATA;
    switch (op.data) {
      case 'none': {
        const choices = (op.in1 ? 1 : 0) + (op.in2 ? 1 : 0) + (op.out ? 1 : 0);
        if (choices === 0) return;
        const choice = this.rng.int(choices);
        if (choice === choices - 1) code[base + OUT] = this.output(op.out!);
        else if (choice === 0) code[base + IN1] = this.input(op.in1!);
        else code[base + IN2] = this.input(op.in2!);
        return;
      }
      case 'constant':
        if (this.rng.int(2) === 0) code[base + OUT] = this.output(op.out!);
        else code[d] = this.perturbOrFlip(code[d]);
        return;
      case 'vectorElement': {
        const choice = this.rng.int(3);
        if (choice === 0) code[base + OUT] = this.output(op.out!);
        else if (choice === 1) code[d] = this.rng.uniform();
        else code[d + 1] = this.perturbOrFlip(code[d + 1]);
        return;
      }
      case 'matrixElement': {
        const choice = this.rng.int(4);
        if (choice === 0) code[base + OUT] = this.output(op.out!);
        else if (choice === 3) code[d + 2] = this.perturbOrFlip(code[d + 2]);
        else code[d + choice - 1] = this.rng.uniform();
        return;
      }
      case 'uniform': {
        const choice = this.rng.int(3);
        if (choice === 0) code[base + OUT] = this.output(op.out!);
        else {
          code[d + choice - 1] = this.perturbOrFlip(code[d + choice - 1]);
          this.order(code, d);
        }
        return;
      }
      case 'gaussian': {
        const choice = this.rng.int(3);
        if (choice === 0) code[base + OUT] = this.output(op.out!);
        else if (choice === 1) code[d] = this.perturbOrFlip(code[d]);
        else code[d + 1] = this.perturb(code[d + 1]);
        return;
      }
    }
  }

  private input(bank: Bank): number {
    return this.rng.int(this.layout.inputs(bank));
  }

  private output(bank: Bank): number {
    const first = this.layout.firstOutput(bank);
    return first + this.rng.int(this.layout.inputs(bank) - first);
  }

  private value(): number {
    return 2 * this.rng.uniform() - 1;
  }

  private perturb(value: number): number {
    return value * 10 ** (2 * this.rng.uniform() - 1);
  }

  private perturbOrFlip(value: number): number {
    return this.rng.uniform() < SIGN_FLIP_PROBABILITY ? -value : this.perturb(value);
  }

  /** Uniform bounds stay low ≤ high. */
  private order(code: Instructions, d: number): void {
    if (code[d] > code[d + 1]) {
      const low = code[d + 1];
      code[d + 1] = code[d];
      code[d] = low;
    }
  }
}
