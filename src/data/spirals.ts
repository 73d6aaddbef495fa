/**
 * TensorFlow Playground's spiral (tensorflow/playground src/dataset.ts, classifySpiralData),
 * with K arms: arm c is (r sin θ, r cos θ) with r = 5s, θ = 2π·turns·s + 2πc/K, s ~ U[0, 1]
 * (the Playground spaces s evenly, uses 1.75 turns and two arms, and adds uniform noise;
 * here the noise is Gaussian of sd `noise`, so the class densities exist: curve-density.ts).
 */
import { z } from 'zod';
import { options } from '../options.js';
import { curveSimulator, noiseOption } from './curve-source.js';
import { priorsOption, resolvePriors } from './priors.js';
import { defineSource } from './source.js';

const schema = options({
  classes: z.number().int().min(2).max(8).default(2).describe('number of arms, one class each'),
  noise: noiseOption(0.3),
  turns: z.number().positive().max(10).default(1.75).describe('turns of each arm from the centre out'),
  priors: priorsOption,
});

export const spirals = defineSource({
  source: 'spirals',
  title: 'spirals',
  tasks: ['classification'],
  schema,
  classes: (opts) => opts.classes,
  create(opts) {
    const k = opts.classes;
    const arms = Array.from({ length: k }, (_, c) => ({
      curve: (s: number) => {
        const r = 5 * s;
        const theta = 2 * Math.PI * opts.turns * s + (2 * Math.PI * c) / k;
        return [r * Math.sin(theta), r * Math.cos(theta)] as const;
      },
      t0: 0,
      t1: 1,
    }));
    return curveSimulator(arms, opts.noise, resolvePriors(opts.priors, k));
  },
});
