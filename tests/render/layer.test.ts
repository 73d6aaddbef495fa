import { describe, expect, it } from 'vitest';
import { PixelSet } from '../../src/render/layer.js';

describe('PixelSet', () => {
  it('keeps each pixel once, in the order first added, and clears', () => {
    const set = new PixelSet(5000);
    const added = [4999, 7, 1200, 7, 0, 3000, 1200, 42];
    for (let i = 0; i < 1500; i++) added.push((i * 7919) % 5000);
    for (const p of added) set.add(p);
    const distinct = [...new Set(added)];
    expect(set.count).toBe(distinct.length);
    expect(Array.from(set.list.subarray(0, set.count))).toEqual(distinct);
    set.add(1);
    expect(set.count).toBe(distinct.length + 1);
    set.clear();
    expect(set.count).toBe(0);
    expect(set.mask.every((m) => m === 0)).toBe(true);
  });
});
