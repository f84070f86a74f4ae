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
 * the same query, per-page extras, and a fixed database name (the adapter's own lookup fails on libSQL).
 */
export function consoleResourceClass({ adminjs, mikroorm }: AdminJsModules) {
  const { BaseRecord } = adminjs;

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

    override async count(filter: { filters?: Record<string, FilterEntry> }): Promise<number> {
      return this.db.em.fork().count(this.entityClass, this.where(filter));
    }

    override async find(
      filter: { filters?: Record<string, FilterEntry> },
      params: {
        limit?: number;
        offset?: number;
        sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
      } = {},
    ): Promise<ConsoleRecord[]> {
      const { limit = 10, offset = 0 } = params;
      const sortBy = params.sort?.sortBy ?? this.reading.defaultSort?.sortBy ?? 'id';
      const direction = params.sort?.direction ?? this.reading.defaultSort?.direction ?? 'desc';
      const em = this.db.em.fork();
      const rows = await em.find(this.entityClass, this.where(filter), {
        orderBy: { [sortBy]: direction, ...(sortBy === 'id' ? {} : { id: 'asc' }) },
        limit,
        offset,
        populate: (this.reading.populate ?? []) as never[],
      });
      return this.records(em, rows as AnyEntity[]);
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
