/**
 * The classification losses of scikit-learn's SGDClassifier besides log, as functions of the
 * margin m = t·s of a score s against a target t = ±1 (the hinge and perceptron as in its
 * sgd_fast.pyx; squared here (t − s)², the square of the residual, as the regression loss):
 *   hinge       max(0, 1 − m)   (a linear SVM's, without the margin's constant)
 *   perceptron  max(0, −m)      (Rosenblatt's criterion; its slope counts m = 0 as wrong, so a
 *                                start from zero moves)
 *   squared     (1 − m)²        (= (t − s)² for t = ±1: least squares on ±1 targets)
 */

export type MarginLoss = 'hinge' | 'perceptron' | 'squared';

/** The loss of score s against target t = ±1. */
export function marginLoss(loss: MarginLoss, s: number, t: number): number {
  const m = t * s;
  if (loss === 'hinge') return Math.max(0, 1 - m);
  if (loss === 'perceptron') return Math.max(0, -m);
  return (1 - m) * (1 - m);
}

/** d loss / d s. */
export function marginLossSlope(loss: MarginLoss, s: number, t: number): number {
  const m = t * s;
  if (loss === 'hinge') return m < 1 ? -t : 0;
  if (loss === 'perceptron') return m <= 0 ? -t : 0;
  return -2 * t * (1 - m);
}
