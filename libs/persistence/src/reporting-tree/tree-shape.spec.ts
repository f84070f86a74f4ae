import { SeededRandom } from './seeded-random';
import { SMALLEST_FULL_TREE, TREE_RULES, treeShape } from './tree-shape';

/** Spans (reports per manager) and depth of a shape, checked from its parent array alone. */
function measure(parent: Int32Array) {
  const spans = new Map<number, number>();
  const depthOf = new Int32Array(parent.length);
  let orderBroken = parent[0] !== -1;
  for (let i = 1; i < parent.length; i += 1) {
    const manager = parent[i] as number;
    // Numbered level by level, a manager always comes before their reports: one root, and no cycle can exist.
    if (!(manager >= 0 && manager < i)) orderBroken = true;
    spans.set(manager, (spans.get(manager) ?? 0) + 1);
    depthOf[i] = (depthOf[manager] as number) + 1;
  }
  return { orderBroken, spans: [...spans.values()], depth: Math.max(...depthOf) + 1 };
}

describe('treeShape', () => {
  it('keeps every rule for every size from 13 to 700 and for big ones, on several seeds', () => {
    const sizes = [...Array.from({ length: 700 - 12 }, (_, i) => i + 13), 2_500, 9_999, 25_000];
    for (const seed of [1, 2, 3]) {
      for (const size of sizes) {
        const { parent, levels } = treeShape(size, SeededRandom.forKey(seed, `size-${size}`));
        expect(parent).toHaveLength(size);
        expect(levels.reduce((a, b) => a + b, 0)).toBe(size);
        const { orderBroken, spans, depth } = measure(parent);
        expect({ size, seed, orderBroken, depth }).toEqual({
          size,
          seed,
          orderBroken: false,
          depth: levels.length,
        });
        expect(depth).toBeGreaterThanOrEqual(TREE_RULES.minDepth);
        expect(depth).toBeLessThanOrEqual(TREE_RULES.maxDepth);
        expect(Math.min(...spans)).toBeGreaterThanOrEqual(TREE_RULES.minSpan);
        expect(Math.max(...spans)).toBeLessThanOrEqual(TREE_RULES.maxSpan);
        // A few small teams always; a few big ones once a Head, three reports and a team of 26 fit.
        expect(spans.some((s) => s < 10)).toBe(true);
        const big = spans.filter((s) => s > TREE_RULES.usualMaxSpan).length;
        if (size >= 30) expect(big).toBeGreaterThanOrEqual(1);
        else expect(big).toBe(0);
        // "A few": one per 800 people (rounded), never a large share of the managers.
        expect(big).toBeLessThanOrEqual(Math.max(1, Math.round(size / TREE_RULES.peoplePerOutlier)));
      }
    }
  });

  it('makes the deepest trees no deeper than 7 levels and the shallowest no shallower than 3', () => {
    const depths = new Set<number>();
    for (let seed = 0; seed < 12; seed += 1) {
      for (const size of [13, 72, 73, 600, 5_000, 40_000, 100_000]) {
        depths.add(treeShape(size, new SeededRandom(seed)).levels.length);
      }
    }
    expect(Math.min(...depths)).toBe(3);
    expect(Math.max(...depths)).toBe(7);
  });

  it('below 13 people: the Head alone, or the Head with everyone reporting directly (two levels)', () => {
    expect(SMALLEST_FULL_TREE).toBe(13);
    expect(treeShape(1, new SeededRandom(1))).toEqual({ parent: Int32Array.from([-1]), levels: [1] });
    for (let size = 2; size < 13; size += 1) {
      const { parent, levels } = treeShape(size, new SeededRandom(1));
      expect(levels).toEqual([1, size - 1]);
      expect([...parent]).toEqual([-1, ...Array.from({ length: size - 1 }, () => 0)]);
    }
  });

  it('refuses a size that is not a whole number of people', () => {
    for (const size of [0, -1, 2.5, Number.NaN]) {
      expect(() => treeShape(size, new SeededRandom(1))).toThrow(RangeError);
    }
  });

  it('draws the same shape from the same seed and another from another', () => {
    const shape = (seed: number) => treeShape(2_500, new SeededRandom(seed));
    expect(shape(5)).toEqual(shape(5));
    expect(shape(5).parent).not.toEqual(shape(6).parent);
  });
});
