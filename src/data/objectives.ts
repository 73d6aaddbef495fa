/**
 * Functions of two variables for pure optimization scenarios (data.source: function), each with
 * its gradient in closed form and its stationary points, exact:
 * - goldfield: Eric Ma's f = 2x² − 4xy + y⁴ + 2 ("Demystifying deep learning", PyCon 2020,
 *   ericmjl/dl-workshop). ∇f = (4x − 4y, −4x + 4y³) vanishes where x = y and y³ = y: minima
 *   (1, 1) and (−1, −1) (f = 1), a saddle at (0, 0) (f = 2), so a path falls into one minimum or
 *   the other depending on where it starts (from its start (−1, 1.5), gradient descent at rate
 *   0.01 ends in (1, 1), momentum in (−1, −1));
 * - rosenbrock: (1 − x)² + 100(y − x²)² (Rosenbrock 1960), one minimum (1, 1) at the end of a
 *   long curved valley, from his start (−1.2, 1): where plain gradient descent crawls;
 * - himmelblau: (x² + y − 11)² + (x + y² − 7)² (Himmelblau 1972), four minima (f = 0), four
 *   saddles and a maximum; the points other than (3, 2) are the roots of ∇f = 0 by Newton's
 *   method to 13 digits.
 */
import type { Objective } from '../dataset.js';

export const objectives = {
  goldfield: {
    names: ['x', 'y'],
    value: (x, y) => 2 * x * x - 4 * x * y + y ** 4 + 2,
    gradient: (x, y) => [4 * x - 4 * y, -4 * x + 4 * y ** 3],
    window: [
      [-2, 2],
      [-2, 2],
    ],
    minima: [
      [1, 1],
      [-1, -1],
    ],
    saddles: [[0, 0]],
    start: [-1, 1.5],
  },
  rosenbrock: {
    names: ['x', 'y'],
    value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    window: [
      [-2, 2],
      [-1, 3],
    ],
    minima: [[1, 1]],
    saddles: [],
    start: [-1.2, 1],
  },
  himmelblau: {
    names: ['x', 'y'],
    value: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    gradient: (x, y) => {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      return [4 * x * a + 2 * b, 2 * a + 4 * y * b];
    },
    window: [
      [-5, 5],
      [-5, 5],
    ],
    minima: [
      [3, 2],
      [-2.8051180869527, 3.1313125182506],
      [-3.7793102533777, -3.2831859912862],
      [3.5844283403305, -1.8481265269644],
    ],
    saddles: [
      [-3.0730257507644, -0.081353044288],
      [-0.1279613467307, -1.9537149802446],
      [0.0866775045554, 2.8842547011748],
      [3.385154183607, 0.0738518798377],
    ],
    start: [0, 0],
  },
} as const satisfies Record<string, Objective>;

export type ObjectiveName = keyof typeof objectives;
