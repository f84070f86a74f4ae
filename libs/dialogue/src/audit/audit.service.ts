import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { findDialogue } from '../workflow-instance/instance-lookup';
import { AuditEvent } from './audit-event.entity';

@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /** The dialogue's audit trail, newest first, paged by id so it stays fast on long years. */
  async forDialogue(year: number, { beforeId, limit = 100 }: { beforeId?: number; limit?: number } = {}) {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    return em.find(
      AuditEvent,
      { dialogue, ...(beforeId ? { id: { $lt: beforeId } } : {}) },
      { orderBy: { id: 'desc' }, limit: Math.min(limit, 1000) },
    );
  }
}
