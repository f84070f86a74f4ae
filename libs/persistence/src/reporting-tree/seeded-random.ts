/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every machine
 * and Node version, which `Math.random` does not. Good enough for demo data; never for secrets.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A seed for one entity: the run's seed mixed with the entity's code (FNV-1a), so entities differ. */
  static forKey(seed: number, key: string): SeededRandom {
    let hash = 0x811c9dc5 ^ (seed >>> 0);
    for (let i = 0; i < key.length; i += 1) {
      hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    }
    return new SeededRandom(hash);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A key drawn from a table of weights (prepared once: drawing is the hot path of a 300,000-person run). */
  weighted<K extends string>(table: WeightedTable<K>): K {
    const draw = this.next() * table.total;
    const { keys, cumulative } = table;
    for (let i = 0; i < keys.length - 1; i += 1) if (draw < (cumulative[i] as number)) return keys[i] as K;
    return keys[keys.length - 1] as K;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}

/** Keys and their running sums of weights, for `SeededRandom.weighted`. */
export class WeightedTable<K extends string> {
  readonly keys: K[];
  readonly cumulative: number[];
  readonly total: number;

  constructor(weights: Partial<Record<K, number>>) {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    if (entries.length === 0) throw new RangeError('a weighted choice needs at least one positive weight');
    this.keys = entries.map(([key]) => key);
    let sum = 0;
    this.cumulative = entries.map(([, w]) => (sum += w));
    this.total = sum;
  }
}
