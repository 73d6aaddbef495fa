/**
 * First-order optimizers over a flat parameter vector, shared by the gradient-trained models.
 * gd: plain gradient descent; momentum: heavy ball (Polyak 1964), β = 0.9; adam: Kingma & Ba
 * (2015), β1 = 0.9, β2 = 0.999, ε = 1e-8, with bias correction.
 */
import { z } from 'zod';

export const optimizerName = z.enum(['gd', 'sgd', 'momentum', 'adam']);
export type OptimizerName = z.infer<typeof optimizerName>;

export interface Optimizer {
  /** params −= update(grad); grad is the gradient of the loss to minimise. */
  step(params: Float64Array, grad: Float64Array): void;
}

export function createOptimizer(name: OptimizerName, size: number, learningRate: number): Optimizer {
  switch (name) {
    case 'gd':
    case 'sgd':
      return {
        step(params, grad) {
          for (let i = 0; i < size; i++) params[i] -= learningRate * grad[i];
        },
      };
    case 'momentum': {
      const velocity = new Float64Array(size);
      const beta = 0.9;
      return {
        step(params, grad) {
          for (let i = 0; i < size; i++) {
            velocity[i] = beta * velocity[i] + grad[i];
            params[i] -= learningRate * velocity[i];
          }
        },
      };
    }
    case 'adam': {
      const m = new Float64Array(size);
      const v = new Float64Array(size);
      const beta1 = 0.9;
      const beta2 = 0.999;
      const epsilon = 1e-8;
      let t = 0;
      return {
        step(params, grad) {
          t++;
          const c1 = 1 - beta1 ** t;
          const c2 = 1 - beta2 ** t;
          for (let i = 0; i < size; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
            v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
            params[i] -= (learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
          }
        },
      };
    }
  }
}
