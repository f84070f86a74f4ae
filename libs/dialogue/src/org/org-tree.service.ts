import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from '../audit/audit-event.entity';
import { auditInstance } from '../audit/audit-instance';
import { OrgEntity } from '../entity/org-entity.entity';
import type { CascadeProgress } from '../portal/portal.types';
import { SessionRecord } from '../session/session-record.entity';
import type { Actor } from '../shared/actor';
import { NotFound } from '../shared/errors';
import { Clock } from '@cascade/clock';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { findInstance } from '../workflow-instance/instance-lookup';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { ManagerCascade, type TreeSyncSummary } from '../cascade/manager-cascade';
import { cascadeProgress, readOrgTreeCsv, type TreePersonInput } from './org-tree';
import { Person } from './person.entity';

export interface TreeImportCounts {
  added: number;
  updated: number;
  removed: number;
}

/** Makes the entity's people those of the file: updated in place by address, added, or removed. */
async function replaceTree(
  em: EntityManager,
  entity: OrgEntity,
  people: TreePersonInput[],
  now: Date,
): Promise<TreeImportCounts> {
  const existing = new Map((await em.find(Person, { entity })).map((p) => [p.email, p] as const));
  const added: (TreePersonInput & { entity: OrgEntity; updatedAt: Date })[] = [];
  let updated = 0;
  for (const input of people) {
    const person = existing.get(input.email);
    if (person) {
      existing.delete(input.email);
      Object.assign(person, input, { updatedAt: now });
      updated += 1;
    } else {
      added.push({ ...input, entity, updatedAt: now });
    }
  }
  for (const gone of existing.values()) em.remove(gone);
  // New people go in as plain multi-row inserts, in the caller's transaction: through the unit of work a tree
  // of thousands took seconds (PostgreSQL allows 65,535 parameters a statement, hence the chunks).
  for (let i = 0; i < added.length; i += INSERT_CHUNK) {
    await em.insertMany(Person, added.slice(i, i + INSERT_CHUNK));
  }
  return { added: added.length, updated, removed: existing.size };
}

const INSERT_CHUNK = 1000;

/** Imports an entity's reporting tree and tells how far the cascade has come down it. */
@Injectable()
export class OrgTreeService {
  private readonly cascade: ManagerCascade;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    registry: WorkflowRegistry,
  ) {
    this.cascade = new ManagerCascade(registry);
  }

  /**
   * All or nothing, in one transaction. A re-import updates people in place (by address), adds the new ones and
   * removes those no longer in the file; the managers' instances follow (kept, withdrawn, added, given their turn).
   */
  async importCsv(
    year: number,
    code: string,
    csv: string,
    actor: Actor,
  ): Promise<TreeImportCounts & { managers: TreeSyncSummary; progress: CascadeProgress }> {
    return this.em.fork().transactional(async (em) => {
      const instance = await findInstance(em, year, code);
      const people = readOrgTreeCsv(csv, instance.entity.language);
      const now = this.clock.now();
      const counts = await replaceTree(em, instance.entity, people, now);
      auditInstance(em, instance, {
        actor,
        at: now,
        event: 'import-org-tree',
        details: { people: people.length, ...counts },
      });
      const managers = await this.cascade.syncTree(em, instance, people, now, actor);
      await em.flush();
      return { ...counts, managers, progress: await this.progressOf(em, instance) };
    });
  }

  /**
   * An entity's tree outside any year's dialogue (the demo seeder fills it before a launch): the same checks and
   * the same all-or-nothing write, audited against the entity alone.
   */
  async importEntityCsv(code: string, csv: string, actor: Actor): Promise<TreeImportCounts> {
    return this.em.fork().transactional(async (em) => {
      const entity = await em.findOne(OrgEntity, { code });
      if (!entity) throw new NotFound('entity', code);
      const people = readOrgTreeCsv(csv, entity.language);
      const now = this.clock.now();
      const counts = await replaceTree(em, entity, people, now);
      em.persist(
        em.create(AuditEvent, {
          entityCode: entity.code,
          actor,
          at: now,
          event: 'import-org-tree',
          details: { people: people.length, ...counts },
        }),
      );
      await em.flush();
      return counts;
    });
  }

  async progress(year: number, code: string): Promise<CascadeProgress> {
    const em = this.em.fork();
    return this.progressOf(em, await findInstance(em, year, code));
  }

  async progressOf(em: EntityManager, instance: EntityWorkflow): Promise<CascadeProgress> {
    const [people, sessions] = await Promise.all([
      em.find(Person, { entity: instance.entity }, { orderBy: { id: 'asc' } }),
      em.find(SessionRecord, { workflow: instance }, { fields: ['leaderEmail'] }),
    ]);
    const byLeader = new Map<string, number>();
    for (const s of sessions) byLeader.set(s.leaderEmail, (byLeader.get(s.leaderEmail) ?? 0) + 1);
    return cascadeProgress(people, byLeader);
  }

  /** The person of the tree with this address, if any. */
  findPerson(em: EntityManager, instance: EntityWorkflow, email: string): Promise<Person | null> {
    return em.findOne(Person, { entity: instance.entity, email: email.toLowerCase() });
  }

  hasTree(em: EntityManager, instance: EntityWorkflow): Promise<boolean> {
    return em.count(Person, { entity: instance.entity }).then((n) => n > 0);
  }
}
