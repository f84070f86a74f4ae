import { EntityManager, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';

/** A page of a list: its condition, order, window and the relations loaded with every row. */
export interface RecordPageQuery<T extends object> {
  where: FilterQuery<T>;
  orderBy: QueryOrderMap<T>;
  limit: number;
  offset: number;
  populate?: string[];
}

/**
 * Rows of any of the domain's tables, for generic lists (the console's resources): a page, a count, rows by id.
 * Each call reads in a fresh context, so the rows it returns are detached from every other request.
 */
@Injectable()
export class RecordQueryService {
  constructor(private readonly em: EntityManager) {}

  page<T extends object>(entity: EntityName<T>, query: RecordPageQuery<T>): Promise<T[]> {
    return this.em.fork().find(entity, query.where, {
      orderBy: query.orderBy,
      limit: query.limit,
      offset: query.offset,
      populate: (query.populate ?? []) as never[],
    });
  }

  count<T extends object>(entity: EntityName<T>, where: FilterQuery<T>): Promise<number> {
    return this.em.fork().count(entity, where);
  }

  byId<T extends object>(entity: EntityName<T>, id: number, populate: string[] = []): Promise<T | null> {
    return this.em.fork().findOne(entity, { id } as FilterQuery<T>, { populate: populate as never[] });
  }

  byIds<T extends object>(entity: EntityName<T>, ids: number[], populate: string[] = []): Promise<T[]> {
    return this.em
      .fork()
      .find(entity, { id: { $in: ids } } as unknown as FilterQuery<T>, { populate: populate as never[] });
  }

  /**
   * The condition "one of `fields` contains `text`", ignoring case, for list searches: PostgreSQL's ILIKE, SQLite's
   * LIKE (which ignores ASCII case by itself and knows no ILIKE). A field may go through relations with dots
   * (`workflow.entity.code`).
   */
  containsText(fields: readonly string[], text: string): Record<string, unknown> {
    const operator = this.em.getPlatform() instanceof BaseSqlitePlatform ? '$like' : '$ilike';
    const pattern = `%${text.trim()}%`;
    return { $or: fields.map((field) => nestedAt(field, { [operator]: pattern })) };
  }
}

/** `a.b.c` and a condition as `{ a: { b: { c: condition } } }`: MikroORM's condition through relations. */
function nestedAt(path: string, condition: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), condition) as Record<
    string,
    unknown
  >;
}
