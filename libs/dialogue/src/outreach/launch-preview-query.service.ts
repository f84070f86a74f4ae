import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { OrgEntity } from '../entity/org-entity.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

export interface InvitationPreview {
  code: string;
  name: string;
  kind: string;
  /** Who the invitation goes to: the Focal Points, then the Head (when known). */
  recipients: string[];
}

export interface LaunchPreview {
  /** Entities launching will invite (those without an instance in this dialogue yet). */
  entities: number;
  /** Invitation mails launching will send: one per recipient. */
  mails: number;
  invitations: InvitationPreview[];
}

/**
 * What launching a dialogue will do first, read before it is launched: the entities it will invite and the
 * invitation each one's Focal Points and Head will receive. Three statements whatever the number of entities.
 */
@Injectable()
export class LaunchPreviewQueryService {
  constructor(private readonly em: EntityManager) {}

  async forDialogue(dialogueId: number): Promise<LaunchPreview> {
    const em = this.em.fork();
    const invited = await em.find(EntityWorkflow, { dialogue: dialogueId }, { fields: ['entity'] });
    const already = invited.map((w) => w.entity.id);
    const entities = await em.find(OrgEntity, already.length > 0 ? { id: { $nin: already } } : {}, {
      populate: ['focalPoints'],
      orderBy: { code: 'asc' },
    });
    const invitations = entities.map((e) => ({
      code: e.code,
      name: e.name,
      kind: e.kind,
      recipients: [
        ...e.focalPoints
          .getItems()
          .map((fp) => fp.email)
          .sort(),
        ...(e.headEmail ? [e.headEmail] : []),
      ],
    }));
    return {
      entities: invitations.length,
      mails: invitations.reduce((sum, i) => sum + i.recipients.length, 0),
      invitations,
    };
  }
}
