import { wrap, type AnyEntity, type EntityManager, type FilterQuery, type MikroORM } from '@mikro-orm/core';
import type { AdminJsModules } from './esm';

type Where = Record<string, unknown>;
type ConsoleRecord = InstanceType<AdminJsModules['adminjs']['BaseRecord']>;

/** How a resource of the console reads its table, beyond the AdminJS adapter's defaults. */
export interface ResourceReading {
  /** Relations loaded with every row (and given back as ids, as AdminJS expects). */
  populate?: string[];
  /** Filters matched exactly instead of with LIKE (states, statuses, codes), or by a condition of their own. */
  exact?: string[];
  virtualFilters?: Record<string, (value: string) => Where>;
  /** Values shown beside the columns (e.g. the next timer), computed for a whole page at once. */
  extras?: (em: EntityManager, rows: AnyEntity[]) => Promise<Record<string, unknown>[]>;
  /** The order when the list asks for none. */
  defaultSort?: { sortBy: string; direction: 'asc' | 'desc' };
}

interface FilterEntry {
  path: string;
  value: unknown;
  property?: { type(): string; isEnum?(): boolean } | null;
}

const parseJson = (text: unknown) => {
  try {
    return JSON.parse(String(text));
  } catch {
    return null;
  }
};

/** What `find` saw of the page it read, for `count` of the same list request. */
interface PageSeen {
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

/** AdminJS's list filters as a MikroORM condition; like the adapter's, plus exact and virtual filters. */
export function whereOf(filters: Record<string, FilterEntry>, reading: ResourceReading): Where {
  const where: Where = {};
  for (const [name, filter] of Object.entries(filters)) {
    const value = filter.value;
    const virtual = reading.virtualFilters?.[name];
    if (virtual) {
      if (value !== '' && value !== undefined) Object.assign(where, virtual(String(value)));
      continue;
    }
    const type = filter.property?.type() ?? 'string';
    if (['boolean', 'number', 'float', 'object', 'array'].includes(type)) {
      where[name] = parseJson(value);
    } else if (type === 'date' || type === 'datetime') {
      const range = (typeof value === 'object' && value) as { from?: string; to?: string } | false;
      if (range && (range.from || range.to)) {
        where[name] = {
          ...(range.from ? { $gte: new Date(range.from) } : {}),
          ...(range.to ? { $lte: new Date(range.to) } : {}),
        };
      }
    } else if (type === 'reference' || filter.property?.isEnum?.() || reading.exact?.includes(name)) {
      where[name] = value;
    } else {
      where[name] = { $like: `%${String(value)}%` };
    }
  }
  return where;
}

/**
 * The MikroORM adapter's resource with what the console needs: exact and virtual filters, relations loaded in
 * the same query, per-page extras, a fixed database name (the adapter's own lookup fails on libSQL), and lists
 * that do not count their total on every page.
 *
 * AdminJS's list action calls `find` for the page, then `count` for the total, whose `SELECT count(*)` reads
 * every matching row (10,000 instances, 100,000 audit rows) on every page. Here `find` reads one row more than
 * the page and leaves what it saw for `count` (the same list request hands both the same context object):
 * on the last page the total is then exact without a count; on another page a total counted in the last 30
 * seconds for the same filter is reused (ListTotals); only a first view of a list spanning several pages, or
 * a page that proves the cached total wrong, counts. The pagination and the total beside the resource's name
 * stay exact (within those 30 seconds for lists of several pages): an estimate or a "more pages" total (offset
 * + rows + 1) would have made AdminJS's pagination, which computes its page links from the total, offer only
 * the next page and show a wrong count.
 */
export function consoleResourceClass({ adminjs, mikroorm }: AdminJsModules, totals = new ListTotals()) {
  const { BaseRecord } = adminjs;
  const pagesSeen = new WeakMap<object, PageSeen>();

  class ConsoleResource extends mikroorm.Resource {
    private readonly db: MikroORM;
    private readonly entityClass: never;

    constructor(
      args: { model: unknown; orm: MikroORM },
      private readonly reading: ResourceReading = {},
    ) {
      super(args as never);
      this.db = args.orm;
      this.entityClass = args.model as never;
    }

    override databaseName(): string {
      return 'cascade';
    }

    override databaseType(): string {
      return 'cascade';
    }

    private where(filter?: { filters?: Record<string, FilterEntry> }): FilterQuery<AnyEntity> {
      return whereOf(filter?.filters ?? {}, this.reading) as FilterQuery<AnyEntity>;
    }

    private async records(em: EntityManager, rows: AnyEntity[]): Promise<ConsoleRecord[]> {
      const extras = this.reading.extras ? await this.reading.extras(em, rows) : [];
      return rows.map((row, i) => {
        const params = wrap(row).toObject() as Record<string, unknown>;
        for (const relation of this.reading.populate ?? []) {
          const value = params[relation];
          if (value && typeof value === 'object' && 'id' in value) params[relation] = value.id;
        }
        return new BaseRecord({ ...params, ...extras[i] }, this);
      });
    }

    private totalKey(where: FilterQuery<AnyEntity>): string {
      return `${this.id()} ${JSON.stringify(where)}`;
    }

    override async count(
      filter: { filters?: Record<string, FilterEntry> },
      context?: object,
    ): Promise<number> {
      const where = this.where(filter);
      const key = this.totalKey(where);
      const page = context ? pagesSeen.get(context) : undefined;
      const known = page ? totalFromPage(page, totals.get(key)) : undefined;
      if (known && !known.exact) return known.total; // reused: its age still counts from when it was counted
      const total = known?.total ?? (await this.db.em.fork().count(this.entityClass, where));
      totals.set(key, total);
      return total;
    }

    override async find(
      filter: { filters?: Record<string, FilterEntry> },
      params: {
        limit?: number;
        offset?: number;
        sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
      } = {},
      context?: object,
    ): Promise<ConsoleRecord[]> {
      const { limit = 10, offset = 0 } = params;
      const sortBy = params.sort?.sortBy ?? this.reading.defaultSort?.sortBy ?? 'id';
      const direction = params.sort?.direction ?? this.reading.defaultSort?.direction ?? 'desc';
      const em = this.db.em.fork();
      // One row more than the page: whether another page follows, for `count`. Ties are broken by id in the
      // same direction, so that an index on (column, id) serves both the filter and the order.
      const rows = (await em.find(this.entityClass, this.where(filter), {
        orderBy: { [sortBy]: direction, ...(sortBy === 'id' ? {} : { id: direction }) },
        limit: limit + 1,
        offset,
        populate: (this.reading.populate ?? []) as never[],
      })) as AnyEntity[];
      if (context)
        pagesSeen.set(context, { offset, returned: Math.min(rows.length, limit), more: rows.length > limit });
      return this.records(em, rows.slice(0, limit));
    }

    override async findOne(id: string | number): Promise<ConsoleRecord | null> {
      const em = this.db.em.fork();
      const row = await em.findOne(this.entityClass, { id: Number(id) } as never, {
        populate: (this.reading.populate ?? []) as never[],
      });
      if (!row) return null;
      return (await this.records(em, [row as AnyEntity]))[0];
    }

    override async findMany(ids: (string | number)[]): Promise<ConsoleRecord[]> {
      const em = this.db.em.fork();
      const rows = await em.find(this.entityClass, { id: { $in: ids.map(Number) } } as never, {
        populate: (this.reading.populate ?? []) as never[],
      });
      return this.records(em, rows as AnyEntity[]);
    }
  }
  return ConsoleResource;
}

export type ConsoleResourceClass = ReturnType<typeof consoleResourceClass>;
