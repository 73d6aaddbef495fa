/**
 * An AutoML-Zero algorithm (Real et al. 2020, §3): three component functions, Setup (run once),
 * Predict (per example) and Learn (per training example, after Predict). Each is a list of
 * instructions `out = op(in1, in2)` with up to three numbers of data, stored flat: WIDTH numbers
 * an instruction in one Float64Array (op, in1, in2, out, data0, data1, data2), so copying a
 * program is three slices and the evolution keeps no objects per instruction. Addresses are bank
 * addresses (s3 is 3), not memory offsets: the executor resolves them (executor.ts).
 *
 * Programs are values: a mutation returns a new program and never changes the one it was given,
 * so the best program of an evolution can be handed out without copying.
 */

export const OP = 0;
export const IN1 = 1;
export const IN2 = 2;
export const OUT = 3;
export const DATA = 4;
/** Numbers per instruction. */
export const WIDTH = 7;

export type Component = 'setup' | 'predict' | 'learn';
export const COMPONENTS: readonly Component[] = ['setup', 'predict', 'learn'];

/** The instructions of one component function, WIDTH numbers each. */
export type Instructions = Float64Array;

export interface Program {
  readonly setup: Instructions;
  readonly predict: Instructions;
  readonly learn: Instructions;
}

/** Sizes a component function may take: it starts at `initial`, mutations keep it in [min, max]. */
export interface SizeLimits {
  initial: number;
  min: number;
  max: number;
}

export type PerComponent<T> = Record<Component, T>;

export function instructionCount(code: Instructions): number {
  return code.length / WIDTH;
}

/** A program of no-ops, `sizes[c].initial` in each component (the reference's "empty" start). */
export function noOpProgram(sizes: PerComponent<SizeLimits>): Program {
  return {
    setup: new Float64Array(sizes.setup.initial * WIDTH),
    predict: new Float64Array(sizes.predict.initial * WIDTH),
    learn: new Float64Array(sizes.learn.initial * WIDTH),
  };
}

/** The program with one component function replaced. */
export function withComponent(program: Program, component: Component, code: Instructions): Program {
  return { ...program, [component]: code };
}

/** Same instructions, same data, bit for bit. */
export function samePrograms(a: Program, b: Program): boolean {
  return COMPONENTS.every((c) => a[c].length === b[c].length && a[c].every((x, i) => Object.is(x, b[c][i])));
}

/** Builds a component function from [op, in1, in2, out, data0?, data1?, data2?] rows (tests, hand-written programs). */
export function instructions(rows: readonly (readonly number[])[]): Instructions {
  const code = new Float64Array(rows.length * WIDTH);
  rows.forEach((row, i) => {
    code.set(row, i * WIDTH);
  });
  return code;
}
