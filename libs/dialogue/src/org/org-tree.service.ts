import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { auditInstance } from '../audit/audit-instance';
import type { CascadeProgress } from '../portal/portal.types';
import { SessionRecord } from '../session/session-record.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { findInstance } from '../workflow-instance/instance-lookup';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { ManagerCascade, type TreeSyncSummary } from '../cascade/manager-cascade';
import { cascadeProgress, readOrgTreeCsv } from './org-tree';
import { Person } from './person.entity';

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
  ): Promise<{
    added: number;
    updated: number;
    removed: number;
    managers: TreeSyncSummary;
    progress: CascadeProgress;
  }> {
    return this.em.fork().transactional(async (em) => {
      const instance = await findInstance(em, year, code);
      const people = readOrgTreeCsv(csv, instance.entity.language);
      const now = this.clock.now();
      const existing = new Map(
        (await em.find(Person, { entity: instance.entity })).map((p) => [p.email, p] as const),
      );
      let added = 0;
      let updated = 0;
      for (const input of people) {
        const person = existing.get(input.email);
        if (person) {
          existing.delete(input.email);
          Object.assign(person, input, { updatedAt: now });
          updated += 1;
        } else {
          em.persist(em.create(Person, { ...input, entity: instance.entity, updatedAt: now }));
          added += 1;
        }
      }
      for (const gone of existing.values()) em.remove(gone);
      auditInstance(em, instance, {
        actor,
        at: now,
        event: 'import-org-tree',
        details: { people: people.length, added, updated, removed: existing.size },
      });
      const managers = await this.cascade.syncTree(em, instance, people, now, actor);
      await em.flush();
      return {
        added,
        updated,
        removed: existing.size,
        managers,
        progress: await this.progressOf(em, instance),
      };
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
