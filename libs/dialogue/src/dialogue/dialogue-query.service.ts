import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { NotFound } from '../shared/errors';
import { Dialogue } from './dialogue.entity';

/** Reads of the dialogues for screens that show them (the console's dashboard and dialogue actions). */
@Injectable()
export class DialogueQueryService {
  constructor(private readonly em: EntityManager) {}

  /** Every dialogue, the latest year first. */
  newestFirst(): Promise<Dialogue[]> {
    return this.em.fork().find(Dialogue, {}, { orderBy: { year: 'desc' } });
  }

  async byId(id: number | null): Promise<Dialogue> {
    const dialogue = await this.em.fork().findOne(Dialogue, id ?? 0);
    if (!dialogue) throw new NotFound('dialogue', id ?? '?');
    return dialogue;
  }
}
