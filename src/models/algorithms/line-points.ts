/**
 * A regression's 1-D inputs as points of the plane on the horizontal axis, (x, 0), so that the
 * plane's machinery serves both tasks unchanged: the k-d tree (the second coordinate adds 0 to
 * every distance), tree growing (a feature constant in a node is never split on, cart.ts) and
 * tree sums (every point falls on the same side of a split on the second coordinate: none exists).
 */

/** The first n values of x as n×2 points (x_i, 0). */
export function onLine(x: Float64Array, n = x.length): Float64Array {
  const X = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) X[2 * i] = x[i];
  return X;
}
