/**
 * The Rice law: a point uniform on a circle of radius r, moved by isotropic Gaussian noise
 * N(0, σ²I), has density
 *
 *   p(x) = 1/(2πσ²) · exp(−(ρ² + r²)/2σ²) · I₀(ρr/σ²),   ρ = |x − centre|,
 *
 * with I₀ the modified Bessel function of order 0 (Rice 1944). The circles data source uses it
 * instead of quadrature along the curve: exact, and a few operations a point instead of dozens
 * of quadrature nodes. I₀ comes from the polynomial approximations of Abramowitz & Stegun
 * (1964), 9.8.1 and 9.8.2, relative error below 5·10⁻⁷, written for e^−z·I₀(z) so that large
 * arguments (far from noise-free) stay finite.
 */

/** log(e^−z · I₀(z)) for z ≥ 0. */
export function logI0Scaled(z: number): number {
  if (z < 3.75) {
    const t = (z / 3.75) ** 2;
    const i0 =
      1 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))));
    return Math.log(i0) - z;
  }
  const t = 3.75 / z;
  const series =
    0.39894228 +
    t *
      (0.01328592 +
        t *
          (0.00225319 +
            t *
              (-0.00157565 +
                t * (0.00916281 + t * (-0.02057706 + t * (0.02635537 + t * (-0.01647633 + t * 0.00392377)))))));
  return Math.log(series) - 0.5 * Math.log(z);
}

/** log p(x, y) of the Rice law around the origin: circle radius `radius`, noise sd `sigma`. */
export function logRice(x: number, y: number, radius: number, sigma: number): number {
  const rho = Math.sqrt(x * x + y * y);
  const s2 = sigma * sigma;
  return -Math.log(2 * Math.PI * s2) - ((rho - radius) * (rho - radius)) / (2 * s2) + logI0Scaled((rho * radius) / s2);
}
