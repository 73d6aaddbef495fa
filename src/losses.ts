/**
 * The regression losses, shared by the models that minimise them and the data sources that
 * know the least expected loss (data/optimal-loss.ts). The conventions are PyTorch's MSELoss,
 * L1Loss and HuberLoss: squared (y − ŷ)², so that its mean is the mean squared error; absolute
 * |y − ŷ|; Huber's (1964) with threshold δ, r²/2 for |r| ≤ δ and δ·(|r| − δ/2) beyond.
 */

export type RegressionLoss = 'squared' | 'absolute' | 'huber';

/** Huber's loss of the residual r with threshold δ. */
export function huber(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/** The loss of the residual r = y − ŷ; δ is Huber's threshold. */
export function regressionLoss(loss: RegressionLoss, r: number, delta: number): number {
  return loss === 'squared' ? r * r : loss === 'absolute' ? Math.abs(r) : huber(r, delta);
}

/** d loss / d r, the residual's derivative (0 for |r| at 0, where it has none). */
export function regressionLossSlope(loss: RegressionLoss, r: number, delta: number): number {
  if (loss === 'squared') return 2 * r;
  if (loss === 'absolute') return Math.sign(r);
  return Math.abs(r) <= delta ? r : delta * Math.sign(r);
}
