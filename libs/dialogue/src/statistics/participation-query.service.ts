import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

/** Participation of a year so far, from the statistics received. */
export interface ParticipationSoFar {
  /** Entities that sent statistics. */
  entities: number;
  eligible: number;
  participated: number;
  /** participated / eligible; null while no eligible staff is known. */
  rate: number | null;
}

@Injectable()
export class ParticipationQueryService {
  constructor(private readonly em: EntityManager) {}

  /** Participation from the latest statistics revision of each entity of the year, in one query. */
  async soFar(dialogueId: number): Promise<ParticipationSoFar> {
    const rows: {
      entities: number | string;
      eligible: number | string | null;
      participated: number | string | null;
    }[] = await this.em
      .fork()
      .getConnection()
      .execute(
        `select count(*) as entities, sum(s.eligible_staff) as eligible, sum(s.staff_participated) as participated
       from statistics s join entity_workflow w on w.id = s.workflow_id
       where w.dialogue_id = ? and s.revision = (select max(s2.revision) from statistics s2 where s2.workflow_id = s.workflow_id)`,
        [dialogueId],
      );
    const eligible = Number(rows[0]?.eligible ?? 0);
    const participated = Number(rows[0]?.participated ?? 0);
    return {
      entities: Number(rows[0]?.entities ?? 0),
      eligible,
      participated,
      rate: eligible > 0 ? participated / eligible : null,
    };
  }
}
