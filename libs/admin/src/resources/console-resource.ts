import { wrap, type AnyEntity, type FilterQuery, type MikroORM } from '@mikro-orm/core';
import type { RecordQueryService } from '@cascade/dialogue';
import type { AdminJsModules } from '../esm';
import { whereOf, type FilterEntry, type ResourceReading } from './list-filters';
import { ListTotals, totalFromPage, type PageSeen } from './list-totals';

type ConsoleRecord = InstanceType<AdminJsModules['adminjs']['BaseRecord']>;
type Filter = { filters?: Record<string, FilterEntry> };
interface PageParams {
  limit?: number;
  offset?: number;
  sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
}

/** Where a console resource reads: the domain's record reader, and the list totals shared by every resource. */
interface ResourceReader {
  records: RecordQueryService;
  totals: ListTotals;
  pagesSeen: WeakMap<object, PageSeen>;
}

/** The order of a page: the asked (or the resource's default) column, ties broken by id the same way. */
function orderOf(params: PageParams, reading: ResourceReading): Record<string, 'asc' | 'desc'> {
  const sortBy = params.sort?.sortBy ?? reading.defaultSort?.sortBy ?? 'id';
  const direction = params.sort?.direction ?? reading.defaultSort?.direction ?? 'desc';
  // Ties are broken by id in the same direction, so that an index on (column, id) serves both filter and order.
  return { [sortBy]: direction, ...(sortBy === 'id' ? {} : { id: direction }) };
}

/** Rows as AdminJS params: loaded relations given back as ids, and the resource's extras beside the columns. */
async function paramsOf(rows: AnyEntity[], reading: ResourceReading): Promise<Record<string, unknown>[]> {
  const extras = reading.extras ? await reading.extras(rows) : [];
  return rows.map((row, i) => {
    const params = wrap(row).toObject() as Record<string, unknown>;
    for (const relation of reading.populate ?? []) {
      const value = params[relation];
      if (value && typeof value === 'object' && 'id' in value) params[relation] = value.id;
    }
    return { ...params, ...extras[i] };
  });
}

/**
 * The MikroORM adapter's resource with what the console needs: exact and virtual filters, relations loaded in
 * the same query, per-page extras, a fixed database name (the adapter's own lookup fails on libSQL), and lists
 * that do not count their total on every page. The adapter keeps the entity metadata (from the ORM); every
 * read goes through the domain's RecordQueryService.
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
export function consoleResourceClass({ adminjs, mikroorm }: AdminJsModules, records: RecordQueryService) {
  const { BaseRecord } = adminjs;
  const reader: ResourceReader = { records, totals: new ListTotals(), pagesSeen: new WeakMap() };

  class ConsoleResource extends mikroorm.Resource {
    private readonly entityClass: never;

    constructor(
      args: { model: unknown; orm: MikroORM },
      private readonly reading: ResourceReading = {},
    ) {
      super(args as never);
      this.entityClass = args.model as never;
    }

    override databaseName(): string {
      return 'cascade';
    }

    override databaseType(): string {
      return 'cascade';
    }

    private where(filter?: Filter): FilterQuery<AnyEntity> {
      return whereOf(filter?.filters ?? {}, this.reading) as FilterQuery<AnyEntity>;
    }

    private async records(rows: AnyEntity[]): Promise<ConsoleRecord[]> {
      return (await paramsOf(rows, this.reading)).map((params) => new BaseRecord(params, this));
    }

    override async count(filter: Filter, context?: object): Promise<number> {
      const where = this.where(filter);
      const key = `${this.id()} ${JSON.stringify(where)}`;
      const page = context ? reader.pagesSeen.get(context) : undefined;
      const known = page ? totalFromPage(page, reader.totals.get(key)) : undefined;
      if (known && !known.exact) return known.total; // reused: its age still counts from when it was counted
      const total = known?.total ?? (await reader.records.count(this.entityClass, where));
      reader.totals.set(key, total);
      return total;
    }

    override async find(filter: Filter, params: PageParams = {}, context?: object): Promise<ConsoleRecord[]> {
      const { limit = 10, offset = 0 } = params;
      // One row more than the page: whether another page follows, for `count`.
      const rows = (await reader.records.page(this.entityClass, {
        where: this.where(filter),
        orderBy: orderOf(params, this.reading),
        limit: limit + 1,
        offset,
        populate: this.reading.populate,
      })) as AnyEntity[];
      const seen = { offset, returned: Math.min(rows.length, limit), more: rows.length > limit };
      if (context) reader.pagesSeen.set(context, seen);
      return this.records(rows.slice(0, limit));
    }

    override async findOne(id: string | number): Promise<ConsoleRecord | null> {
      const row = await reader.records.byId(this.entityClass, Number(id), this.reading.populate);
      return row ? (await this.records([row as AnyEntity]))[0] : null;
    }

    override async findMany(ids: (string | number)[]): Promise<ConsoleRecord[]> {
      const rows = await reader.records.byIds(this.entityClass, ids.map(Number), this.reading.populate);
      return this.records(rows as AnyEntity[]);
    }
  }
  return ConsoleResource;
}

export type ConsoleResourceClass = ReturnType<typeof consoleResourceClass>;
