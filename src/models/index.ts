/** The model registry: every model type a scenario may name. One line per model. */
import { logistic } from './logistic.js';
import type { ModelSpec } from './types.js';

export const models: readonly ModelSpec[] = [logistic] as unknown as readonly ModelSpec[];

export function findModel(type: string): ModelSpec | undefined {
  return models.find((m) => m.type === type);
}
