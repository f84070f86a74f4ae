import type { AnyEntity } from '@mikro-orm/core';

type Where = Record<string, unknown>;

/** How a resource of the console reads its table, beyond the AdminJS adapter's defaults. */
export interface ResourceReading {
  /** Relations loaded with every row (and given back as ids, as AdminJS expects). */
  populate?: string[];
  /** Filters matched exactly instead of with LIKE (states, statuses, codes), or by a condition of their own. */
  exact?: string[];
  virtualFilters?: Record<string, (value: string) => Where>;
  /** Values shown beside the columns (e.g. the next timer), computed for a whole page at once. */
  extras?: (rows: AnyEntity[]) => Promise<Record<string, unknown>[]>;
  /** The order when the list asks for none. */
  defaultSort?: { sortBy: string; direction: 'asc' | 'desc' };
}

export interface FilterEntry {
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

const isPlainObject = (value: unknown): value is Where =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Adds a virtual filter's condition to the others, merging conditions on the same relation (an entity's code and
 * a year both go through the instance), so that neither replaces the other.
 */
function mergeInto(where: Where, condition: Where): Where {
  for (const [key, value] of Object.entries(condition)) {
    const present = where[key];
    where[key] = isPlainObject(value) ? mergeInto(isPlainObject(present) ? present : {}, value) : value;
  }
  return where;
}

/** AdminJS's list filters as a MikroORM condition; like the adapter's, plus exact and virtual filters. */
export function whereOf(filters: Record<string, FilterEntry>, reading: ResourceReading): Where {
  const where: Where = {};
  for (const [name, filter] of Object.entries(filters)) {
    const value = filter.value;
    const virtual = reading.virtualFilters?.[name];
    if (virtual) {
      if (value !== '' && value !== undefined) mergeInto(where, virtual(String(value)));
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
