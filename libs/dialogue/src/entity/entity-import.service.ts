import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { ValidationFailed, type FieldIssue } from '../shared/errors';
import { readEntityCsv } from './entity-csv';
import { unknownJsonFields, validateEntity, type EntityInput, type RawEntity } from './entity-input';
import { NAME_LANGUAGES, type EntityNames } from './entity-names';
import { FocalPoint } from './focal-point.entity';
import { OrgEntity } from './org-entity.entity';

export interface ImportResult {
  created: number;
  updated: number;
  total: number;
}

/** Applies an entity's fields to a new or existing row (its Focal Points loaded), replacing its Focal Points. */
export function applyEntityInput(em: EntityManager, entity: OrgEntity, input: EntityInput): void {
  entity.name = input.name;
  if (input.names) {
    const names: EntityNames = { ...entity.names };
    for (const language of NAME_LANGUAGES) {
      const name = input.names[language];
      if (name === undefined) continue;
      if (name === null) delete names[language];
      else names[language] = name;
    }
    // A new object (the unit of work compares JSON by value) and null rather than {}: nothing to read.
    entity.names = Object.keys(names).length > 0 ? names : null;
  }
  entity.kind = input.kind;
  entity.dutyStation = input.dutyStation;
  entity.timeZone = input.timeZone;
  entity.language = input.language;
  entity.staff = input.staff;
  entity.headName = input.head?.name ?? entity.headName;
  entity.headEmail = input.head?.email ?? entity.headEmail;
  if (input.focalPoints.length > 0) {
    // Kept by address and updated in place: removing a Focal Point and adding it again would be inserted before
    // the delete (the unit of work's order) and break the one-address-per-entity constraint.
    const current = new Map(entity.focalPoints.getItems().map((fp) => [fp.email, fp] as const));
    for (const fp of input.focalPoints) {
      const kept = current.get(fp.email);
      if (kept) {
        current.delete(fp.email);
        Object.assign(kept, fp);
      } else {
        entity.focalPoints.add(em.create(FocalPoint, { entity, ...fp }));
      }
    }
    for (const gone of current.values()) entity.focalPoints.remove(gone);
  }
}

/**
 * Imports the entity list. Every row is validated before anything is written, and the write is one
 * transaction: a file with one bad row imports nothing. Existing codes are updated in place.
 */
@Injectable()
export class EntityImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async importCsv(text: string, actor: Actor): Promise<ImportResult> {
    return this.importRows(readEntityCsv(text), actor, 'csv');
  }

  importJson(entities: RawEntity[], actor: Actor): Promise<ImportResult> {
    // JSON rows are numbered from 1 (the index in the array, plus one).
    const rows = entities.map((raw, index) => ({ row: index + 1, raw }));
    return this.importRows(
      rows,
      actor,
      'json',
      rows.flatMap(({ raw, row }) => unknownJsonFields(raw, row)),
    );
  }

  private async importRows(
    rows: { row: number; raw: RawEntity }[],
    actor: Actor,
    format: string,
    issues: FieldIssue[] = [],
  ) {
    const inputs: EntityInput[] = [];
    const seen = new Map<string, number>();
    for (const { row, raw } of rows) {
      const result = validateEntity(raw, row);
      issues.push(...result.issues);
      if (!result.input) continue;
      const earlier = seen.get(result.input.code);
      if (earlier !== undefined) {
        issues.push({
          row,
          field: 'code',
          code: 'duplicate-code',
          message: `'${result.input.code}' already appears on row ${earlier}`,
          params: { code: result.input.code, row: earlier },
        });
      }
      seen.set(result.input.code, row);
      inputs.push(result.input);
    }
    if (rows.length === 0)
      issues.push({ field: 'entities', code: 'nothing-to-import', message: 'nothing to import' });
    if (issues.length > 0) throw new ValidationFailed(issues);

    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const found: OrgEntity[] = await em.find(
        OrgEntity,
        { code: { $in: inputs.map((i) => i.code) } },
        { populate: ['focalPoints'] },
      );
      const existing = new Map(found.map((e) => [e.code, e]));
      let created = 0;
      for (const input of inputs) {
        let entity = existing.get(input.code);
        if (!entity) {
          entity = em.create(OrgEntity, { code: input.code, createdAt: now } as OrgEntity);
          created += 1;
        }
        applyEntityInput(em, entity, input);
        em.persist(entity);
      }
      const result = { created, updated: inputs.length - created, total: inputs.length };
      em.persist(
        em.create(AuditEvent, { actor, at: now, event: 'import-entities', details: { format, ...result } }),
      );
      return result;
    });
  }
}
