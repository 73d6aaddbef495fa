/**
 * Softmax cross-entropy, the loss of every gradient-trained classifier here (logistic
 * regression, the MLP). Rows of logits in, the loss and its gradient with respect to the
 * logits out (p − onehot(y)), computed stably by subtracting the row maximum.
 */

/** In place: turn one row of k logits, starting at `offset`, into probabilities. */
export function softmaxInPlace(z: Float64Array | Float32Array, offset: number, k: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) if (z[offset + c] > max) max = z[offset + c];
  // exp(max − max) is exactly 1: one exp fewer per row (not for an infinite max: exp(NaN)).
  const finite = Number.isFinite(max);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = finite && z[offset + c] === max ? 1 : Math.exp(z[offset + c] - max);
    z[offset + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) z[offset + c] /= sum;
}

/**
 * Cross-entropy of one row: turns logits[offset..offset+k) into probabilities in place and
 * writes dLoss/dlogit into grad[offset..offset+k). Returns −log p(label).
 */
export function crossEntropyRow(
  logits: Float64Array,
  grad: Float64Array,
  offset: number,
  k: number,
  label: number,
): number {
  softmaxInPlace(logits, offset, k);
  for (let c = 0; c < k; c++) grad[offset + c] = logits[offset + c] - (c === label ? 1 : 0);
  return -Math.log(Math.max(logits[offset + label], 1e-300));
}

/**
 * Two classes with logits (0, z): writes softmaxInPlace's two probabilities, bit for bit, into
 * out[o], out[o + 1]. The larger logit's exp is exp(0) = 1, so one exp is enough (when the larger
 * logit is finite; otherwise it takes softmaxInPlace's own path).
 */
export function softmaxPairInto(z: number, out: Float32Array | Float64Array, o: number): void {
  if (z > 0 && z < Number.POSITIVE_INFINITY) {
    const e0 = Math.exp(0 - z);
    const sum = e0 + 1;
    out[o] = e0 / sum;
    out[o + 1] = 1 / sum;
  } else if (z > 0) {
    // Infinite logit: softmax's exp(∞ − ∞) is NaN.
    out[o] = Number.NaN;
    out[o + 1] = Number.NaN;
  } else {
    const e1 = Math.exp(z - 0);
    const sum = 1 + e1;
    out[o] = 1 / sum;
    out[o + 1] = e1 / sum;
  }
}
