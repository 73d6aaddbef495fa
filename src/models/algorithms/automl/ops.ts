/**
 * The 65 operations of AutoML-Zero (Real, Liang, So & Le, ICML 2020; google-research's
 * automl_zero/instruction.proto), with the codes, operand types and data each one takes. Names are
 * the proto's, lower-cased and without the `_OP` suffix, so an op list in a scenario reads like
 * the reference's configs. The executor implements them (executor.ts); this table tells the
 * randomizer which addresses to draw and the printer how to write them.
 */

/** The three banks of memory: scalars, vectors of size F, F×F matrices. */
export type Bank = 's' | 'v' | 'm';

/**
 * The per-instruction data an op reads: none; a constant; an index and a constant (vector
 * element); two indices and a constant (matrix element); low and high (uniform); mean and standard
 * deviation (Gaussian).
 */
export type DataKind = 'none' | 'constant' | 'vectorElement' | 'matrixElement' | 'uniform' | 'gaussian';

export interface OpInfo {
  readonly code: number;
  readonly name: string;
  readonly in1: Bank | null;
  readonly in2: Bank | null;
  readonly out: Bank | null;
  readonly data: DataKind;
  /** Right-hand side with {a} and {b} for the inputs (data ops are written by print.ts). */
  readonly expression: string;
}

type Row = [name: string, in1: Bank | null, in2: Bank | null, out: Bank | null, data: DataKind, expression: string];

const rows: Row[] = [
  ['no_op', null, null, null, 'none', ''],
  ['scalar_sum', 's', 's', 's', 'none', '{a} + {b}'],
  ['scalar_diff', 's', 's', 's', 'none', '{a} - {b}'],
  ['scalar_product', 's', 's', 's', 'none', '{a} * {b}'],
  ['scalar_division', 's', 's', 's', 'none', '{a} / {b}'],
  ['scalar_abs', 's', null, 's', 'none', 'abs({a})'],
  ['scalar_reciprocal', 's', null, 's', 'none', '1 / {a}'],
  ['scalar_sin', 's', null, 's', 'none', 'sin({a})'],
  ['scalar_cos', 's', null, 's', 'none', 'cos({a})'],
  ['scalar_tan', 's', null, 's', 'none', 'tan({a})'],
  ['scalar_arcsin', 's', null, 's', 'none', 'arcsin({a})'],
  ['scalar_arccos', 's', null, 's', 'none', 'arccos({a})'],
  ['scalar_arctan', 's', null, 's', 'none', 'arctan({a})'],
  ['scalar_exp', 's', null, 's', 'none', 'exp({a})'],
  ['scalar_log', 's', null, 's', 'none', 'log({a})'],
  ['scalar_heaviside', 's', null, 's', 'none', 'heaviside({a})'],
  ['vector_heaviside', 'v', null, 'v', 'none', 'heaviside({a})'],
  ['matrix_heaviside', 'm', null, 'm', 'none', 'heaviside({a})'],
  ['scalar_vector_product', 's', 'v', 'v', 'none', '{a} * {b}'],
  ['scalar_broadcast', 's', null, 'v', 'none', 'bcast({a})'],
  ['vector_reciprocal', 'v', null, 'v', 'none', '1 / {a}'],
  ['vector_norm', 'v', null, 's', 'none', 'norm({a})'],
  ['vector_abs', 'v', null, 'v', 'none', 'abs({a})'],
  ['vector_sum', 'v', 'v', 'v', 'none', '{a} + {b}'],
  ['vector_diff', 'v', 'v', 'v', 'none', '{a} - {b}'],
  ['vector_product', 'v', 'v', 'v', 'none', '{a} * {b}'],
  ['vector_division', 'v', 'v', 'v', 'none', '{a} / {b}'],
  ['vector_inner_product', 'v', 'v', 's', 'none', 'dot({a}, {b})'],
  ['vector_outer_product', 'v', 'v', 'm', 'none', 'outer({a}, {b})'],
  ['scalar_matrix_product', 's', 'm', 'm', 'none', '{a} * {b}'],
  ['matrix_reciprocal', 'm', null, 'm', 'none', '1 / {a}'],
  ['matrix_vector_product', 'm', 'v', 'v', 'none', 'dot({a}, {b})'],
  ['vector_column_broadcast', 'v', null, 'm', 'none', 'bcast({a}, axis=1)'],
  ['vector_row_broadcast', 'v', null, 'm', 'none', 'bcast({a}, axis=0)'],
  ['matrix_norm', 'm', null, 's', 'none', 'norm({a})'],
  ['matrix_column_norm', 'm', null, 'v', 'none', 'norm({a}, axis=0)'],
  ['matrix_row_norm', 'm', null, 'v', 'none', 'norm({a}, axis=1)'],
  ['matrix_transpose', 'm', null, 'm', 'none', 'transpose({a})'],
  ['matrix_abs', 'm', null, 'm', 'none', 'abs({a})'],
  ['matrix_sum', 'm', 'm', 'm', 'none', '{a} + {b}'],
  ['matrix_diff', 'm', 'm', 'm', 'none', '{a} - {b}'],
  ['matrix_product', 'm', 'm', 'm', 'none', '{a} * {b}'],
  ['matrix_division', 'm', 'm', 'm', 'none', '{a} / {b}'],
  ['matrix_matrix_product', 'm', 'm', 'm', 'none', 'matmul({a}, {b})'],
  ['scalar_min', 's', 's', 's', 'none', 'minimum({a}, {b})'],
  ['vector_min', 'v', 'v', 'v', 'none', 'minimum({a}, {b})'],
  ['matrix_min', 'm', 'm', 'm', 'none', 'minimum({a}, {b})'],
  ['scalar_max', 's', 's', 's', 'none', 'maximum({a}, {b})'],
  ['vector_max', 'v', 'v', 'v', 'none', 'maximum({a}, {b})'],
  ['matrix_max', 'm', 'm', 'm', 'none', 'maximum({a}, {b})'],
  ['vector_mean', 'v', null, 's', 'none', 'mean({a})'],
  ['matrix_mean', 'm', null, 's', 'none', 'mean({a})'],
  ['matrix_row_mean', 'm', null, 'v', 'none', 'mean({a}, axis=1)'],
  ['matrix_row_st_dev', 'm', null, 'v', 'none', 'std({a}, axis=1)'],
  ['vector_st_dev', 'v', null, 's', 'none', 'std({a})'],
  ['matrix_st_dev', 'm', null, 's', 'none', 'std({a})'],
  ['scalar_const_set', null, null, 's', 'constant', ''],
  ['vector_const_set', null, null, 'v', 'vectorElement', ''],
  ['matrix_const_set', null, null, 'm', 'matrixElement', ''],
  ['scalar_uniform_set', null, null, 's', 'uniform', ''],
  ['vector_uniform_set', null, null, 'v', 'uniform', ''],
  ['matrix_uniform_set', null, null, 'm', 'uniform', ''],
  ['scalar_gaussian_set', null, null, 's', 'gaussian', ''],
  ['vector_gaussian_set', null, null, 'v', 'gaussian', ''],
  ['matrix_gaussian_set', null, null, 'm', 'gaussian', ''],
];

/** OPS[code] describes op `code`. */
export const OPS: readonly OpInfo[] = rows.map(([name, in1, in2, out, data, expression], code) => ({
  code,
  name,
  in1,
  in2,
  out,
  data,
  expression,
}));

export const NO_OP = 0;

const byName = new Map(OPS.map((op) => [op.name, op.code]));

export const OP_NAMES: readonly string[] = OPS.map((op) => op.name);

/** The code of a named op, or undefined for an unknown name. */
export function opCode(name: string): number | undefined {
  return byName.get(name);
}

/** The demo's six ops (run_demo.sh), allowed in all three component functions. */
export const DEMO_OPS: readonly number[] = [
  'scalar_const_set',
  'vector_inner_product',
  'scalar_diff',
  'scalar_product',
  'scalar_vector_product',
  'vector_sum',
].map((name) => byName.get(name)!);

/** Every op but no_op: the full search space of the paper's baseline experiments. */
export const BASELINE_OPS: readonly number[] = OPS.slice(1).map((op) => op.code);
