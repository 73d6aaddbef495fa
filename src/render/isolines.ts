/**
 * Level lines of a scalar field on a grid, by marching squares (Lorensen & Cline's cube cases in
 * two dimensions): in each cell whose corners lie on both sides of the level, a segment between
 * the crossings of its edges, placed by linear interpolation; a saddle cell (diagonal corners
 * alike) is settled by the mean of its four corners. The field's value (i, j) sits at
 * (i + 0.5, j + 0.5) in grid units, row j = 0 at the top (grid.ts). The segments are drawn once
 * (a landscape's contours do not move), so they are left unjoined: each is stroked on its own.
 */

/** Where the level crosses the edge from value a (at 0) to value b (at 1). */
function crossing(a: number, b: number, level: number): number {
  return a === b ? 0.5 : (level - a) / (b - a);
}

/**
 * The segments of the level line of `values` (nx × ny, row-major) at `level`, each as
 * [x0, y0, x1, y1] in grid units. Corners at or above the level count as inside.
 */
export function isolines(values: Float64Array, nx: number, ny: number, level: number): number[][] {
  const segments: number[][] = [];
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = values[j * nx + i]; // top left
      const b = values[j * nx + i + 1]; // top right
      const c = values[(j + 1) * nx + i + 1]; // bottom right
      const d = values[(j + 1) * nx + i]; // bottom left
      const inside = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
      if (inside === 0 || inside === 15) continue;
      const x = i + 0.5;
      const y = j + 0.5;
      // The crossings on the four edges: top, right, bottom, left.
      const top = [x + crossing(a, b, level), y];
      const right = [x + 1, y + crossing(b, c, level)];
      const bottom = [x + crossing(d, c, level), y + 1];
      const left = [x, y + crossing(a, d, level)];
      const add = (p: number[], q: number[]) => segments.push([p[0], p[1], q[0], q[1]]);
      switch (inside) {
        case 1:
        case 14:
          add(left, top);
          break;
        case 2:
        case 13:
          add(top, right);
          break;
        case 3:
        case 12:
          add(left, right);
          break;
        case 4:
        case 11:
          add(right, bottom);
          break;
        case 6:
        case 9:
          add(top, bottom);
          break;
        case 7:
        case 8:
          add(left, bottom);
          break;
        default: {
          // Saddles: a and c on one side, b and d on the other. The centre decides which pair
          // of corners the inside joins.
          const centreInside = (a + b + c + d) / 4 >= level;
          const aInside = inside === 5;
          if (centreInside === aInside) {
            add(left, bottom);
            add(top, right);
          } else {
            add(left, top);
            add(right, bottom);
          }
        }
      }
    }
  }
  return segments;
}
