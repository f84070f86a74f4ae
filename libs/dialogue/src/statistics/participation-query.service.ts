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

export interface ParticipationByKind extends ParticipationSoFar {
  kind: string;
}

@Injectable()
export class ParticipationQueryService {
  constructor(private readonly em: EntityManager) {}

  /** Participation from the latest statistics revision of each entity of the year, in one query. */
  async soFar(dialogueId: number): Promise<ParticipationSoFar> {
    const [row] = await this.latestStatistics(dialogueId, false);
    return participationOf(row);
  }

  /** The same, per kind of entity (the dashboard's chart), in one query; kinds without statistics are left out. */
  async byKind(dialogueId: number): Promise<ParticipationByKind[]> {
    const rows = await this.latestStatistics(dialogueId, true);
    return rows.map((row) => ({ kind: String(row.kind), ...participationOf(row) }));
  }

  private latestStatistics(dialogueId: number, perKind: boolean): Promise<SumsRow[]> {
    return this.em
      .fork()
      .getConnection()
      .execute(
        `select ${perKind ? 'e.kind as kind, ' : ''}count(*) as entities, sum(s.eligible_staff) as eligible,
           sum(s.staff_participated) as participated
         from statistics s join entity_workflow w on w.id = s.workflow_id
         ${perKind ? 'join entity e on e.id = w.entity_id' : ''}
         where w.dialogue_id = ? and s.revision = (select max(s2.revision) from statistics s2 where s2.workflow_id = s.workflow_id)
         ${perKind ? 'group by e.kind order by e.kind' : ''}`,
        [dialogueId],
      );
  }
}

interface SumsRow {
  kind?: string;
  entities: number | string;
  eligible: number | string | null;
  participated: number | string | null;
}

function participationOf(row: SumsRow | undefined): ParticipationSoFar {
  const eligible = Number(row?.eligible ?? 0);
  const participated = Number(row?.participated ?? 0);
  return {
    entities: Number(row?.entities ?? 0),
    eligible,
    participated,
    rate: eligible > 0 ? participated / eligible : null,
  };
}
