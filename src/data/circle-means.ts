/**
 * Default class means for K classes: evenly on a circle, placed so that for K = 2 they are the
 * classic two-class means (Holbrook's (0,2), (2,0) around (1,1); ESL's (0,1), (1,0) around
 * (½,½)), with the radius growing with K so that neighbours stay as far apart as those two.
 */
import type { Vec2 } from './normal.js';

export function circleMeans(k: number, center: Vec2, neighbourDistance: number): Vec2[] {
  const radius = neighbourDistance / (2 * Math.sin(Math.PI / k));
  return Array.from({ length: k }, (_, c) => {
    const angle = (3 * Math.PI) / 4 - (2 * Math.PI * c) / k;
    return [center[0] + radius * Math.cos(angle), center[1] + radius * Math.sin(angle)] as const;
  });
}
