/**
 * AutoML-Zero's mutator (automl_zero/mutator.cc; Real et al. 2020, §4 and Fig. 3). With
 * probability `mutateProbability` the child is changed once, else it is an exact copy. A change
 * picks a mutation type uniformly among the allowed ones, then a component function uniformly
 * among those that have allowed ops, then:
 * - alterParam: one random instruction has one parameter re-drawn (randomizer.ts);
 * - randomizeInstruction: one random instruction becomes a new random op with random parameters;
 * - randomizeComponent: every instruction of the function is re-drawn, its size kept;
 * - insert: a random instruction at a random position, if the size is below the maximum;
 * - remove: a random instruction removed, if the size is above the minimum.
 * A mutation that cannot apply (an empty function, a size at its limit) leaves the copy unchanged,
 * as in the reference.
 */
import type { Rng } from '../../../random.js';
import type { MemoryLayout } from './memory.js';
import {
  COMPONENTS,
  type Component,
  type Instructions,
  instructionCount,
  type PerComponent,
  type Program,
  type SizeLimits,
  WIDTH,
  withComponent,
} from './program.js';
import { Randomizer } from './randomizer.js';

export type MutationType = 'alterParam' | 'randomizeInstruction' | 'randomizeComponent' | 'insert' | 'remove';

export const MUTATION_TYPES: readonly MutationType[] = [
  'alterParam',
  'randomizeInstruction',
  'randomizeComponent',
  'insert',
  'remove',
];

export interface MutatorOptions {
  ops: PerComponent<readonly number[]>;
  sizes: PerComponent<SizeLimits>;
  /** 0.9 in the paper's experiments. */
  mutateProbability: number;
  /** Default: the first three, plus insert and remove when some size may vary (the demo fixes sizes and allows only the first three). */
  mutations?: readonly MutationType[];
}

export class Mutator {
  private readonly randomizer: Randomizer;
  private readonly mutations: readonly MutationType[];
  private readonly components: readonly Component[];

  constructor(
    layout: MemoryLayout,
    private readonly options: MutatorOptions,
    private readonly rng: Rng,
  ) {
    this.randomizer = new Randomizer(layout, rng);
    const sizesVary = COMPONENTS.some((c) => options.sizes[c].min < options.sizes[c].max);
    this.mutations = options.mutations ?? MUTATION_TYPES.slice(0, sizesVary ? 5 : 3);
    this.components = COMPONENTS.filter((c) => options.ops[c].length > 0);
    if (this.mutations.length === 0) throw new RangeError('no mutation types allowed');
  }

  /** A child of `parent`: a copy, mutated with probability mutateProbability. The parent is not changed. */
  mutate(parent: Program): Program {
    if (this.components.length === 0 || this.rng.uniform() >= this.options.mutateProbability) return parent;
    const type = this.mutations[this.rng.int(this.mutations.length)];
    const component = this.components[this.rng.int(this.components.length)];
    const code = this.mutateComponent(parent[component], type, component);
    return code === parent[component] ? parent : withComponent(parent, component, code);
  }

  /** The component function after one mutation (the same array when the mutation cannot apply). */
  private mutateComponent(code: Instructions, type: MutationType, component: Component): Instructions {
    const ops = this.options.ops[component];
    const limits = this.options.sizes[component];
    const size = instructionCount(code);
    switch (type) {
      case 'alterParam':
      case 'randomizeInstruction': {
        if (size === 0) return code;
        const child = code.slice();
        const i = this.rng.int(size);
        if (type === 'alterParam') this.randomizer.alterParam(child, i);
        else this.randomizer.randomInstruction(child, i, ops);
        return child;
      }
      case 'randomizeComponent':
        return size === 0 ? code : this.randomizer.randomInstructions(size, ops);
      case 'insert': {
        if (size >= limits.max) return code;
        const at = this.rng.int(size + 1);
        const child = new Float64Array(code.length + WIDTH);
        child.set(code.subarray(0, at * WIDTH));
        child.set(code.subarray(at * WIDTH), (at + 1) * WIDTH);
        this.randomizer.randomInstruction(child, at, ops);
        return child;
      }
      case 'remove': {
        if (size <= limits.min) return code;
        const at = this.rng.int(size);
        const child = new Float64Array(code.length - WIDTH);
        child.set(code.subarray(0, at * WIDTH));
        child.set(code.subarray((at + 1) * WIDTH), at * WIDTH);
        return child;
      }
    }
  }
}
