/**
 * One step of iteratively reweighted least squares for a regression loss (Holland & Welsch 1977;
 * Huber, Robust Statistics, 1981, ch. 7): each loss ℓ(r) lies below the parabola that touches it at the current
 * residual r₀, ℓ(r) ≤ ℓ(r₀) + (ω/2)(r² − r₀²) with ω = ℓ′(r₀)/r₀, so minimising the weighted
 * squares (1/n) Σ (ω_i/2) r_i² + (l2/2)‖w‖² lowers (1/n) Σ ℓ(r_i) + (l2/2)‖w‖² (a
 * majorize–minimize step: the objective never rises). The weights:
 *   squared   ω = 2              (one step is the least-squares fit itself)
 *   huber     ω = min(1, δ/|r|)  (Huber's own algorithm)
 *   absolute  ω = 1/max(|r|, ε)  (Schlossmacher 1973, least absolute deviations; ε keeps a
 *                                 residual at 0 finite, so the fit is that of |r| rounded below ε)
 * The design is n×p row-major with the intercept in column 0 (not penalised).
 */
import type { RegressionLoss } from '../../losses.js';
import { LeastSquares } from './least-squares.js';

export interface IrlsProblem {
  design: Float64Array;
  n: number;
  p: number;
  y: ArrayLike<number>;
  loss: RegressionLoss;
  delta: number;
  l2: number;
}

/** The ε of absolute loss's weights, relative to the targets' scale. */
function floorOf(y: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < y.length; i++) largest = Math.max(largest, Math.abs(y[i]));
  return 1e-9 * Math.max(1, largest);
}

function weight(problem: IrlsProblem, r: number, floor: number): number {
  if (problem.loss === 'squared') return 2;
  const a = Math.abs(r);
  if (problem.loss === 'huber') return a <= problem.delta ? 1 : problem.delta / a;
  return 1 / Math.max(a, floor);
}

/** θ (length p) after one IRLS step from θ; θ is updated in place. */
export function irlsStep(problem: IrlsProblem, theta: Float64Array): void {
  const { design, n, p, y, l2 } = problem;
  const floor = floorOf(y);
  const solver = new LeastSquares(p);
  for (let i = 0; i < n; i++) {
    const row = design.subarray(i * p, (i + 1) * p);
    let s = 0;
    for (let j = 0; j < p; j++) s += row[j] * theta[j];
    // Σ (ω/2) r² + (n·l2/2)‖w‖², doubled: rows of weight ω, ridge n·l2.
    solver.addRow(row, y[i], weight(problem, y[i] - s, floor));
  }
  for (let j = 1; j < p; j++) solver.addRidge(j, n * l2);
  solver.solve(theta);
}
