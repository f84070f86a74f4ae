import type { EntityManager } from '@mikro-orm/core';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  actor: string;
  at: Date;
  event: string;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

/** Writes an audit row about one entity's instance, inside the caller's transaction. */
export function auditInstance(em: EntityManager, instance: EntityWorkflow, entry: AuditEntry): void {
  em.persist(
    em.create(AuditEvent, {
      dialogue: instance.dialogue,
      workflow: instance,
      entityCode: instance.entity.code,
      actor: entry.actor,
      at: entry.at,
      event: entry.event,
      reason: entry.reason ?? null,
      details: entry.details ?? null,
    }),
  );
}
