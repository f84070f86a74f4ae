import type { SeededRandom } from './seeded-random';

/** Every number the shape of a generated tree follows, in one place. */
export const TREE_RULES = {
  minSpan: 3,
  maxSpan: 30,
  /** Ordinary teams stay at or under this; only the deliberate big teams go above (the "split it" advice). */
  usualMaxSpan: 25,
  bigTeam: { min: 26, max: 30 },
  /** Teams under 10 (the "joint session" advice); ordinary teams fall under 10 too, these are guaranteed. */
  smallTeam: { min: 3, max: 9 },
  minDepth: 3,
  maxDepth: 7,
  /** The level-to-level growth a depth is chosen for: a tree of 8^(d-1) people or fewer needs d levels. */
  growth: 8,
  /** The mean of an ordinary team, drawn per level within this range. */
  meanSpan: { min: 11, max: 16 },
  /** One big and one small team per this many people, and at least one of each where they fit. */
  peoplePerOutlier: 800,
} as const;

/** The fewest people a tree of three levels with teams of at least three can have: Head, 3, 9. */
export const SMALLEST_FULL_TREE = 1 + TREE_RULES.minSpan + TREE_RULES.minSpan ** 2;

/** The fewest people that can hold a big team under a Head of at least three: Head, 3, 26. */
const SMALLEST_WITH_BIG_TEAM = 1 + TREE_RULES.minSpan + TREE_RULES.bigTeam.min;

export interface TreeShape {
  /** People numbered level by level from the Head (0); `parent[i]` is the manager's number, -1 for the Head. */
  parent: Int32Array;
  /** People on each level, the Head's first. */
  levels: number[];
}

/**
 * The shape of a reporting tree of `size` people: exactly `size` nodes, one Head, teams of 3–30 (ordinary ones
 * at most 25, a few big ones of 26–30, a few small ones of 3–9), 3–7 levels. Below 13 people no tree can have
 * three levels with teams of three: the Head alone, or the Head with everyone else reporting directly.
 */
export function treeShape(size: number, random: SeededRandom): TreeShape {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`a tree needs at least one person, not ${size}`);
  if (size < SMALLEST_FULL_TREE) {
    const parent = new Int32Array(size).fill(0);
    parent[0] = -1;
    return { parent, levels: size === 1 ? [1] : [1, size - 1] };
  }
  const outliers = Math.max(1, Math.round(size / TREE_RULES.peoplePerOutlier));
  const big = size >= SMALLEST_WITH_BIG_TEAM ? outliers : 0;
  const levels = levelSizes(size, chooseDepth(size, random), big > 0, random);
  const parent = new Int32Array(size);
  parent[0] = -1;
  let first = 0; // the number of the first person on the current level
  for (let level = 0; level < levels.length - 1; level += 1) {
    const here = levels[level] as number;
    const bottom = level === levels.length - 2;
    const spans = teamSpans(
      levels[level + 1] as number,
      here,
      bottom ? { big, small: outliers } : null,
      random,
    );
    const managers = random.shuffle(Array.from({ length: here }, (_, i) => first + i)).slice(0, spans.length);
    let child = first + here;
    spans.forEach((span, i) => {
      for (let k = 0; k < span; k += 1) parent[child++] = managers[i] as number;
    });
    first += here;
  }
  return { parent, levels };
}

/** The levels a tree of this size naturally has, sometimes one more (a longer chain), never outside 3–7. */
function chooseDepth(size: number, random: SeededRandom): number {
  let depth: number = TREE_RULES.minDepth;
  while (depth < TREE_RULES.maxDepth && geometricSum(TREE_RULES.growth, depth) < size) depth += 1;
  const deeper = depth + 1;
  if (deeper <= TREE_RULES.maxDepth && random.next() < 0.3 && growthFor(size, deeper) >= 4) return deeper;
  return depth;
}

/**
 * People per level: roughly geometric, each level within what the one above can manage (at most 25 each) and
 * leaving enough below (three a level, 26 at the bottom when a big team is wanted).
 */
function levelSizes(size: number, depth: number, bigTeam: boolean, random: SeededRandom): number[] {
  const growth = growthFor(size, depth);
  const bottomMin = bigTeam ? TREE_RULES.bigTeam.min : TREE_RULES.minSpan;
  const levels = [1];
  let remaining = size - 1;
  for (let level = 1; level < depth; level += 1) {
    const left = depth - level; // this level and those below it
    if (left === 1) {
      levels.push(remaining);
      break;
    }
    const ideal = (remaining * (growth - 1)) / (growth ** left - 1);
    const below = TREE_RULES.minSpan * (left - 2) + bottomMin;
    const lo = Math.max(
      TREE_RULES.minSpan,
      Math.ceil(remaining / geometricSum(TREE_RULES.usualMaxSpan, left)),
    );
    const hi = Math.min(TREE_RULES.usualMaxSpan * (levels[level - 1] as number), remaining - below);
    const people = clamp(Math.round(ideal * (0.85 + 0.3 * random.next())), lo, hi);
    levels.push(people);
    remaining -= people;
  }
  return levels;
}

/**
 * Splits the `total` people of a level among at most `managers` managers of the level above: ordinary teams
 * around a mean drawn for the level, plus (at the bottom) the big and small teams, dropped one by one where the
 * level is too small to hold them.
 */
function teamSpans(
  total: number,
  managers: number,
  outliers: { big: number; small: number } | null,
  random: SeededRandom,
): number[] {
  let { big, small } = outliers ?? { big: 0, small: 0 };
  const { bigTeam, smallTeam, minSpan, usualMaxSpan } = TREE_RULES;
  const mean = random.int(TREE_RULES.meanSpan.min, TREE_RULES.meanSpan.max);
  for (;;) {
    const forcedMin = big * bigTeam.min + small * smallTeam.min;
    const forcedMax = big * bigTeam.max + small * smallTeam.max;
    const fewest = Math.max(0, Math.ceil((total - forcedMax) / usualMaxSpan));
    const most = Math.min(managers - big - small, Math.floor((total - forcedMin) / minSpan));
    const least = big + small > 0 ? fewest : Math.max(fewest, 1);
    if (least <= most) {
      const expected = big * (bigTeam.min + bigTeam.max) + small * (smallTeam.min + smallTeam.max);
      const ordinary = clamp(Math.round((total - expected / 2) / mean), least, most);
      const bounds = [
        ...Array.from({ length: big }, () => ({ ...bigTeam, ordinary: false })),
        ...Array.from({ length: small }, () => ({ ...smallTeam, ordinary: false })),
        ...Array.from({ length: ordinary }, () => ({ min: minSpan, max: usualMaxSpan, ordinary: true })),
      ];
      return random.shuffle(fitSpans(total, bounds, mean, random));
    }
    if (small > 0) small -= 1;
    else if (big > 0) big -= 1;
    else throw new Error(`cannot split ${total} people among ${managers} managers`);
  }
}

interface TeamBounds {
  min: number;
  max: number;
  /** An ordinary team (drawn around the level's mean, nudged first) rather than a deliberate big or small one. */
  ordinary: boolean;
}

/** Spans within their bounds that add up to `total` (the bounds' sums enclose it): drawn, then nudged. */
function fitSpans(total: number, bounds: TeamBounds[], mean: number, random: SeededRandom): number[] {
  const spans = bounds.map(({ min, max, ordinary }) =>
    ordinary ? clamp(Math.round(mean * (0.55 + 0.9 * random.next())), min, max) : random.int(min, max),
  );
  let gap = total - spans.reduce((sum, s) => sum + s, 0);
  // Ordinary teams first, so the big and small ones keep their drawn sizes where they can.
  const order = random.shuffle(spans.map((_, i) => i));
  order.sort((a, b) => Number(!bounds[a]?.ordinary) - Number(!bounds[b]?.ordinary));
  while (gap !== 0) {
    const before = gap;
    for (const i of order) {
      if (gap === 0) break;
      const { min, max } = bounds[i] as TeamBounds;
      const span = spans[i] as number;
      if (gap > 0 && span < max) [spans[i], gap] = [span + 1, gap - 1];
      else if (gap < 0 && span > min) [spans[i], gap] = [span - 1, gap + 1];
    }
    if (gap === before) throw new Error(`cannot fit ${total} people into ${bounds.length} teams`);
  }
  return spans;
}

/** 1 + g + g² + … (terms): the people of a tree of that many levels where everyone above the last manages g. */
function geometricSum(growth: number, terms: number): number {
  let sum = 0;
  for (let i = 0; i < terms; i += 1) sum += growth ** i;
  return sum;
}

/** The growth g with 1 + g + … + g^(depth-1) = size, by bisection. */
function growthFor(size: number, depth: number): number {
  let [lo, hi] = [1, size];
  for (let i = 0; i < 60; i += 1) {
    const mid = (lo + hi) / 2;
    if (geometricSum(mid, depth) < size) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
