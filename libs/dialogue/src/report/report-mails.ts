import type { EntityManager } from '@mikro-orm/core';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import type { ReportContent, ReportStatus } from './report-model';

/** Facts the report-issued mail is composed from, frozen with the version that caused it. */
export interface ReportMailFacts {
  reportVersion: number;
  reportIssuedAt: string;
  listedAsCompleted: boolean;
}

/** Entity code → listed as completed, for the entities whose Focal Points and Head are told of this version. */
export function entitiesToTell(content: ReportContent, previous: ReportContent | null): Map<string, boolean> {
  const before = new Map<string, ReportStatus>(previous?.rows.map((row) => [row.code, row.status]) ?? []);
  return new Map(
    content.rows
      .filter((row) => row.status !== 'withdrawn')
      .filter(
        (row) =>
          !before.has(row.code) || (before.get(row.code) === 'completed') !== (row.status === 'completed'),
      )
      .map((row) => [row.code, row.status === 'completed']),
  );
}

/**
 * Each Focal Point and Head learns how their entity is listed in an issued report: every entity in the report on
 * its first version, then on a re-issue only those whose listing changed (statistics that now count) or that are
 * new to it, so that a correction does not mail the whole organisation again. Withdrawn entities are not written
 * to. Queued in the report's own transaction, keyed by version and entity, so a retry sends nothing twice.
 */
export async function enqueueReportMails(
  em: EntityManager,
  dialogue: Dialogue,
  version: number,
  issuedAt: Date,
  content: ReportContent,
  previous: ReportContent | null,
): Promise<number> {
  const listed = entitiesToTell(content, previous);
  if (listed.size === 0) return 0;
  const instances = await em.find(
    EntityWorkflow,
    { dialogue, entity: { code: { $in: [...listed.keys()] } } },
    { fields: ['id', 'entity.code'], orderBy: { id: 'asc' } },
  );
  for (const instance of instances) {
    const data: ReportMailFacts = {
      reportVersion: version,
      reportIssuedAt: issuedAt.toISOString(),
      listedAsCompleted: listed.get(instance.entity.code) === true,
    };
    enqueueInOutbox(
      em,
      JobName.SendMail,
      {
        workflowId: instance.id,
        template: 'report-issued',
        audience: ['focal-points', 'head-of-entity'],
        at: data.reportIssuedAt,
        data: { ...data },
      },
      `mail.report.${dialogue.id}.${version}.${instance.id}`,
      issuedAt,
    );
  }
  return instances.length;
}
