/**
 * SSIM (Wang, Bovik, Sheikh & Simoncelli 2004, "Image quality assessment: from error visibility
 * to structural similarity"): an 11 × 11 Gaussian window of σ 1.5, K1 = 0.01, K2 = 0.03, L = 255,
 * on BT.601 luma; the mean over the windows that lie wholly inside the image.
 */
const RADIUS = 5;
const SIGMA = 1.5;
const KERNEL = (() => {
  const k: number[] = [];
  for (let i = -RADIUS; i <= RADIUS; i++) k.push(Math.exp(-(i * i) / (2 * SIGMA * SIGMA)));
  const sum = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / sum);
})();

function luma(rgba: ArrayLike<number>, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let p = 0, o = 0; p < n; p++, o += 4) y[p] = 0.299 * rgba[o] + 0.587 * rgba[o + 1] + 0.114 * rgba[o + 2];
  return y;
}

/** Separable Gaussian blur, the valid region only ((w − 10) × (h − 10)). */
function blur(src: Float64Array, w: number, h: number): Float64Array {
  const ow = w - 2 * RADIUS;
  const oh = h - 2 * RADIUS;
  const across = new Float64Array(ow * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let k = 0; k <= 2 * RADIUS; k++) s += KERNEL[k] * src[y * w + x + k];
      across[y * ow + x] = s;
    }
  }
  const out = new Float64Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let k = 0; k <= 2 * RADIUS; k++) s += KERNEL[k] * across[(y + k) * ow + x];
      out[y * ow + x] = s;
    }
  }
  return out;
}

/** Mean SSIM of two RGBA images' luma. */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, w: number, h: number): number {
  const x = luma(a, w * h);
  const y = luma(b, w * h);
  const mx = blur(x, w, h);
  const my = blur(y, w, h);
  const sxx = blur(
    x.map((v) => v * v),
    w,
    h,
  );
  const syy = blur(
    y.map((v) => v * v),
    w,
    h,
  );
  const sxy = blur(
    x.map((v, i) => v * y[i]),
    w,
    h,
  );
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let sum = 0;
  for (let i = 0; i < mx.length; i++) {
    const vx = sxx[i] - mx[i] * mx[i];
    const vy = syy[i] - my[i] * my[i];
    const cxy = sxy[i] - mx[i] * my[i];
    sum += ((2 * mx[i] * my[i] + c1) * (2 * cxy + c2)) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
  }
  return sum / mx.length;
}
