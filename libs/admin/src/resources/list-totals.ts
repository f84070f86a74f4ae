/** What `find` saw of the page it read, for `count` of the same list request. */
export interface PageSeen {
  offset: number;
  returned: number;
  /** The row after the page exists: `find` reads one row more than the page to know it. */
  more: boolean;
}

/**
 * The totals of the console's lists, per resource and filter, for a while: a small cache with an age limit, in
 * each api process. A list spanning several pages counts its total at most once per `ttlMs` instead of on every
 * page; a total that a page proves wrong (a page past it, or the last page ending elsewhere) is replaced at once.
 */
export class ListTotals {
  private readonly totals = new Map<string, { total: number; at: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly kept = 500,
    private readonly now = () => Date.now(),
  ) {}

  get(key: string): number | undefined {
    const entry = this.totals.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.totals.delete(key);
      return undefined;
    }
    return entry.total;
  }

  set(key: string, total: number): void {
    this.totals.delete(key);
    this.totals.set(key, { total, at: this.now() });
    if (this.totals.size > this.kept) this.totals.delete(this.totals.keys().next().value as string);
  }
}

/**
 * The total a list shows for the page just read, when the page itself tells it (`exact`) or a recent count
 * agrees with the page; undefined when only a count can tell.
 * - The page is the last (no row after it) and not past the end: the total is offset + rows, exactly.
 * - Otherwise the total is more than offset + rows; a cached total that is more than that is kept.
 */
export function totalFromPage(
  page: PageSeen,
  cached: number | undefined,
): { total: number; exact: boolean } | undefined {
  if (!page.more && (page.returned > 0 || page.offset === 0)) {
    return { total: page.offset + page.returned, exact: true };
  }
  if (page.more && cached !== undefined && cached > page.offset + page.returned) {
    return { total: cached, exact: false };
  }
  return undefined;
}
