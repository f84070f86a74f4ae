import type { EntityManager } from '@mikro-orm/core';
import { Dialogue } from '../dialogue/dialogue.entity';
import { NotFound } from '../shared/errors';
import { EntityWorkflow } from './entity-workflow.entity';

export async function findDialogue(em: EntityManager, year: number): Promise<Dialogue> {
  const dialogue = await em.findOne(Dialogue, { year });
  if (!dialogue) throw new NotFound('dialogue', year);
  return dialogue;
}

/** The instance of one entity in one year, with its dialogue and entity loaded (what transitions need). */
export async function findInstance(
  em: EntityManager,
  year: number,
  code: string,
  { withFocalPoints = false } = {},
): Promise<EntityWorkflow> {
  // Transitions need only the dialogue and the entity; the Focal Points are one more query, for display.
  const instance = await em.findOne(
    EntityWorkflow,
    { dialogue: { year }, entity: { code } },
    { populate: withFocalPoints ? ['dialogue', 'entity', 'entity.focalPoints'] : ['dialogue', 'entity'] },
  );
  if (!instance) {
    await findDialogue(em, year);
    throw new NotFound(`entity in the ${year} dialogue`, code);
  }
  return instance;
}

/**
 * Which instance an event is for: its year and entity code, and the instance itself when the caller has read it
 * already (a token link resolves to its instance), so the transaction does not read it again. A copy read before
 * the transaction is safe to write from: the instance's version column refuses it if anything changed since.
 */
export interface InstanceTarget {
  year: number;
  code: string;
  loaded?: EntityWorkflow;
}

/** The target's instance in this unit of work, with its dialogue and entity, read only when not given. */
export function instanceIn(em: EntityManager, target: InstanceTarget): Promise<EntityWorkflow> {
  const { loaded } = target;
  if (!loaded) return findInstance(em, target.year, target.code);
  em.merge(loaded.dialogue);
  em.merge(loaded.entity);
  return Promise.resolve(em.merge(loaded));
}
