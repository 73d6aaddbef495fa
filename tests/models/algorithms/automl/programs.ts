/** Hand-written AutoML-Zero programs and tasks shared by the automl tests. */
import { opCode } from '../../../../src/models/algorithms/automl/ops.js';
import { instructions, type Program } from '../../../../src/models/algorithms/automl/program.js';
import type { Examples, Task } from '../../../../src/models/algorithms/automl/task.js';

/** One instruction row: op by name, then in1, in2, out, data. */
export function ins(name: string, in1 = 0, in2 = 0, out = 0, ...data: number[]): number[] {
  const code = opCode(name);
  if (code === undefined) throw new Error(`no op ${name}`);
  return [code, in1, in2, out, ...data];
}

export function program(setup: number[][], predict: number[][], learn: number[][]): Program {
  return { setup: instructions(setup), predict: instructions(predict), learn: instructions(learn) };
}

/**
 * The paper's evolved linear-regression learner (Real et al. 2020, Fig. 1 / §4.1), SGD in the
 * demo instruction set: s2 is the learning rate, v1 the weights.
 */
export function sgdProgram(learningRate = 0.3): Program {
  return program(
    [ins('scalar_const_set', 0, 0, 2, learningRate)],
    [ins('vector_inner_product', 1, 0, 1)],
    [
      ins('scalar_diff', 0, 1, 3),
      ins('scalar_product', 2, 3, 3),
      ins('scalar_vector_product', 3, 0, 2),
      ins('vector_sum', 1, 2, 1),
    ],
  );
}

export function examples(rows: number[][], y: number[]): Examples {
  return { X: Float64Array.from(rows.flat()), y: Float64Array.from(y), n: y.length };
}

/** A one-feature task with the given points. */
export function smallTask(kind: Task['kind'], train: [number, number][], valid: [number, number][]): Task {
  return {
    kind,
    features: 1,
    train: examples(
      train.map(([x]) => [x]),
      train.map(([, y]) => y),
    ),
    valid: examples(
      valid.map(([x]) => [x]),
      valid.map(([, y]) => y),
    ),
  };
}
