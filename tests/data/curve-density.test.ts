/** The quadrature behind moons, circles and spirals: exact where it must be, accurate elsewhere. */
import { describe, expect, it } from 'vitest';
import { curveDensity, gaussLegendre } from '../../src/data/curve-density.js';
import { logI0Scaled, logRice } from '../../src/data/rice.js';

/** e^−z·I₀(z) by its power series (z < 30) or its asymptotic series (Abramowitz & Stegun 9.7.1). */
function besselI0Scaled(z: number): number {
  let s = 1;
  let t = 1;
  if (z < 30) {
    for (let k = 1; k < 300 && t > 1e-17 * s; k++) {
      t *= (z * z) / 4 / (k * k);
      s += t;
    }
    return s * Math.exp(-z);
  }
  for (let k = 1; k < 20; k++) {
    t *= (2 * k - 1) ** 2 / (8 * z * k);
    s += t;
  }
  return s / Math.sqrt(2 * Math.PI * z);
}

/** log density of a point uniform on the circle of radius ρ plus N(0, σ²I) (the Rice law). */
function logRing(x: number, y: number, rho: number, sigma: number): number {
  const r = Math.hypot(x, y);
  const z = (r * rho) / (sigma * sigma);
  return -Math.log(2 * Math.PI * sigma * sigma) - (r - rho) ** 2 / (2 * sigma * sigma) + Math.log(besselI0Scaled(z));
}

const spiral = (s: number) => {
  const r = 5 * s;
  const theta = 2 * Math.PI * 1.75 * s;
  return [r * Math.sin(theta), r * Math.cos(theta)] as const;
};
const arc = (t: number) => [Math.cos(t), Math.sin(t)] as const;

describe('Gauss–Legendre rule', () => {
  it.each([1, 2, 6, 10])('%i nodes integrate polynomials of degree 2m − 1 exactly', (m) => {
    const { x, w } = gaussLegendre(m);
    for (let degree = 0; degree <= 2 * m - 1; degree++) {
      let sum = 0;
      for (let i = 0; i < m; i++) sum += w[i] * x[i] ** degree;
      expect(sum).toBeCloseTo(degree % 2 === 1 ? 0 : 2 / (degree + 1), 12);
    }
  });
});

describe('curve density', () => {
  it.each([0.03, 0.1, 0.3, 1])('a full circle matches the Rice density (σ = %f)', (sigma) => {
    const d = curveDensity(arc, 0, 2 * Math.PI, sigma);
    let worst = 0;
    for (let i = 0; i < 400; i++) {
      const r = (i / 400) * 3;
      const a = i * 0.37;
      const x = r * Math.cos(a);
      const y = r * Math.sin(a);
      worst = Math.max(worst, Math.abs(d.logDensity(x, y) - logRing(x, y, 1, sigma)));
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it.each([
    ['half circle', 0.05, arc, Math.PI, 2.5],
    ['half circle', 0.2, arc, Math.PI, 2.5],
    ['spiral', 0.1, spiral, 1, 6.5],
    ['spiral', 0.3, spiral, 1, 6.5],
  ] as const)('a %s (σ = %f) agrees with a rule 8 times finer over the plot', (_name, sigma, curve, t1, span) => {
    const d = curveDensity(curve, 0, t1, sigma);
    const fine = curveDensity(curve, 0, t1, sigma, 8);
    expect(fine.nodes).toBeGreaterThan(2 * d.nodes);
    let worst = 0;
    for (let i = 0; i < 500; i++) {
      const x = span * (2 * ((i * 0.618034) % 1) - 1);
      const y = span * (2 * ((i * 0.414214) % 1) - 1);
      worst = Math.max(worst, Math.abs(d.logDensity(x, y) - fine.logDensity(x, y)));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('stays finite far from the curve', () => {
    const d = curveDensity(arc, 0, Math.PI, 0.05);
    const far = d.logDensity(40, -30);
    expect(Number.isFinite(far)).toBe(true);
    // Far away the density is that of the nearest end, (1, 0): the Gaussian tail dominates.
    expect(far).toBeLessThan(-((39 ** 2 + 30 ** 2) / (2 * 0.05 ** 2)) + 10);
  });

  it('integrates to 1 over the plane', () => {
    const d = curveDensity(spiral, 0, 1, 0.25);
    const h = 0.07;
    let mass = 0;
    for (let y = -7 + h / 2; y < 7; y += h)
      for (let x = -7 + h / 2; x < 7; x += h) mass += Math.exp(d.logDensity(x, y));
    expect(mass * h * h).toBeCloseTo(1, 4);
  });
});

describe('Rice density (the circles source, in closed form)', () => {
  it('e^−z·I₀(z) matches its power and asymptotic series to 1e-6, across the polynomials’ seam', () => {
    for (const z of [0, 1e-3, 0.5, 1, 2, 3.7, 3.75, 3.8, 5, 10, 29, 31, 100, 1e4, 1e6]) {
      expect(Math.abs(logI0Scaled(z) - Math.log(besselI0Scaled(z)))).toBeLessThan(1e-6);
    }
  });

  it.each([0.03, 0.1, 1])('is the series-based Rice law and integrates to 1 (σ = %f)', (sigma) => {
    for (let i = 0; i < 200; i++) {
      const [x, y] = [3 * Math.cos(i) * ((i % 17) / 17), 3 * Math.sin(i) * ((i % 13) / 13)];
      expect(Math.abs(logRice(x, y, 0.5, sigma) - logRing(x, y, 0.5, sigma))).toBeLessThan(1e-6);
    }
    // ∫ p over the plane by the radial rule: 2π ∫ ρ p(ρ) dρ.
    const steps = 20000;
    const top = 0.5 + 12 * sigma;
    let mass = 0;
    for (let k = 0; k < steps; k++) {
      const rho = ((k + 0.5) / steps) * top;
      mass += 2 * Math.PI * rho * Math.exp(logRice(rho, 0, 0.5, sigma)) * (top / steps);
    }
    expect(mass).toBeCloseTo(1, 5);
  });
});
