/**
 * The density of a point drawn on a curve and moved by isotropic Gaussian noise: with the curve
 * γ(t), t ~ U[t0, t1] and noise N(0, σ²I),
 *
 *   p(x) = 1/(t1 − t0) ∫ N(x; γ(t), σ²I) dt,
 *
 * the law of scikit-learn's make_moons / make_circles and TensorFlow Playground's spiral. The
 * integral has no closed form for arcs and spirals, so it is computed by composite
 * Gauss–Legendre quadrature (Davis & Rabinowitz, Methods of Numerical Integration, §2.7, §4.8)
 * on panels of equal arc length, each at most PANEL·σ long: along the curve the integrand is a
 * Gaussian bump of width σ, so every bump is covered by panels of NODES nodes whatever the
 * speed of the parametrisation; the end panels are split geometrically for the points beyond
 * an end. The error in log p is below 1e-5 for a circle (against its closed form, the Rice
 * density) and below 1e-4 over the plotted region for arcs and spirals (against a rule 8
 * times finer): a boundary shift far below one pixel. Terms below e^−40 of the largest are
 * skipped panel by panel, which makes a 160×160 grid cost a fraction of a second.
 */
import type { Vec2 } from './normal.js';

/** Gauss–Legendre nodes per panel, and the panel length in units of σ. */
const NODES = 6;
const PANEL = 2;
/** Geometric refinements of each end panel (halving down to 2^−GRADING of it). */
const GRADING = 8;
/** Parameter steps for the arc-length table that places the panels. */
const TABLE = 4096;

export interface CurveDensity {
  /** log p(x, y). */
  logDensity(x: number, y: number): number;
  /** Quadrature nodes (the cost of one evaluation). */
  readonly nodes: number;
}

/** Nodes and weights of the m-point Gauss–Legendre rule on [−1, 1] (Newton on P_m). */
export function gaussLegendre(m: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // P_m(z) and its derivative by the three-term recurrence.
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= m; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pm = m === 1 ? z : p1;
      const pm1 = m === 1 ? 1 : p0;
      dp = (m * (z * pm - pm1)) / (z * z - 1);
      const step = pm / dp;
      z -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

/**
 * The density of curve(t), t ~ U[t0, t1], plus N(0, sigma²I). `sigma` must be positive; `scale`
 * multiplies the node count (tests use it to build a finer reference rule).
 */
export function curveDensity(
  curve: (t: number) => Vec2,
  t0: number,
  t1: number,
  sigma: number,
  scale = 1,
): CurveDensity {
  // Cumulative arc length on a fine parameter table, to cut the curve into equal-length panels.
  const arc = new Float64Array(TABLE + 1);
  let [px, py] = curve(t0);
  for (let j = 1; j <= TABLE; j++) {
    const [qx, qy] = curve(t0 + ((t1 - t0) * j) / TABLE);
    arc[j] = arc[j - 1] + Math.hypot(qx - px, qy - py);
    px = qx;
    py = qy;
  }
  const length = arc[TABLE];
  // Panel ends in arc length: equal panels, the two end panels split geometrically, because
  // beyond an end of an open curve the integrand falls off over σ²/d, not σ (d: distance to it).
  const uniform = Math.max(1, Math.ceil((length / (PANEL * sigma)) * scale));
  const step = length / uniform;
  const ends: number[] = [0];
  for (let g = GRADING; g >= 1; g--) ends.push(step / 2 ** g);
  for (let p = 1; p < uniform; p++) ends.push(step * p);
  for (let g = 1; g <= GRADING; g++) ends.push(length - step / 2 ** g);
  ends.push(length);
  const panels = ends.length - 1;
  // Arc length back to the parameter, by linear interpolation in the table.
  const cuts = new Float64Array(panels + 1);
  let j = 0;
  for (let p = 0; p <= panels; p++) {
    const target = ends[p];
    while (j < TABLE - 1 && arc[j + 1] < target) j++;
    const f = Math.min(1, Math.max(0, (target - arc[j]) / (arc[j + 1] - arc[j] || 1)));
    cuts[p] = t0 + ((t1 - t0) * (j + f)) / TABLE;
  }
  cuts[0] = t0;
  cuts[panels] = t1;

  const rule = gaussLegendre(NODES);
  const n = panels * NODES;
  const nx = new Float64Array(n);
  const ny = new Float64Array(n);
  const logW = new Float64Array(n);
  for (let p = 0; p < panels; p++) {
    const half = (cuts[p + 1] - cuts[p]) / 2;
    const mid = (cuts[p + 1] + cuts[p]) / 2;
    for (let i = 0; i < NODES; i++) {
      const k = p * NODES + i;
      [nx[k], ny[k]] = curve(mid + half * rule.x[i]);
      logW[k] = Math.log((half * rule.w[i]) / (t1 - t0));
    }
  }

  // Each panel's bounding circle and weight range, to skip panels whose terms are negligible.
  const cx = new Float64Array(panels);
  const cy = new Float64Array(panels);
  const radius = new Float64Array(panels);
  const wMin = new Float64Array(panels);
  const wMax = new Float64Array(panels);
  for (let p = 0; p < panels; p++) {
    let sx = 0;
    let sy = 0;
    wMin[p] = Number.POSITIVE_INFINITY;
    wMax[p] = Number.NEGATIVE_INFINITY;
    for (let k = p * NODES; k < (p + 1) * NODES; k++) {
      sx += nx[k];
      sy += ny[k];
      wMin[p] = Math.min(wMin[p], logW[k]);
      wMax[p] = Math.max(wMax[p], logW[k]);
    }
    cx[p] = sx / NODES;
    cy[p] = sy / NODES;
    for (let k = p * NODES; k < (p + 1) * NODES; k++) {
      radius[p] = Math.max(radius[p], Math.hypot(nx[k] - cx[p], ny[k] - cy[p]));
    }
  }

  const inv2s2 = 1 / (2 * sigma * sigma);
  const logNorm = -Math.log(2 * Math.PI * sigma * sigma);
  const upper = new Float64Array(panels);
  const exponent = new Float64Array(n);
  return {
    nodes: n,
    logDensity(x, y) {
      // log Σ_k w_k exp(−|x − γ_k|²/2σ²), shifted by the largest term so far points stay finite.
      // Bounds per panel first: a term below e^−40 of the largest changes nothing, and most
      // panels are far from any one point, so only the near ones get their nodes evaluated.
      let lower = Number.NEGATIVE_INFINITY;
      for (let p = 0; p < panels; p++) {
        const ex = x - cx[p];
        const ey = y - cy[p];
        const d = Math.sqrt(ex * ex + ey * ey);
        const near = d > radius[p] ? d - radius[p] : 0;
        upper[p] = wMax[p] - near * near * inv2s2;
        const far = d + radius[p];
        const low = wMin[p] - far * far * inv2s2;
        if (low > lower) lower = low;
      }
      const cut = lower - 40;
      let m = 0;
      let max = Number.NEGATIVE_INFINITY;
      for (let p = 0; p < panels; p++) {
        if (upper[p] < cut) continue;
        for (let k = p * NODES; k < (p + 1) * NODES; k++) {
          const dx = x - nx[k];
          const dy = y - ny[k];
          const e = logW[k] - (dx * dx + dy * dy) * inv2s2;
          exponent[m++] = e;
          if (e > max) max = e;
        }
      }
      let sum = 0;
      for (let i = 0; i < m; i++) sum += Math.exp(exponent[i] - max);
      return logNorm + max + Math.log(sum);
    },
  };
}
