import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { NotFound } from '../shared/errors';
import { ExtensionRequest, ScenarioProposal, SessionQuestion } from './requests.entity';

/** Reads of what entities asked (extension requests, questions, scenario proposals), with what a screen shows. */
@Injectable()
export class RequestQueryService {
  constructor(private readonly em: EntityManager) {}

  async extensionRequest(id: number | null): Promise<ExtensionRequest> {
    const request = await this.em.fork().findOne(ExtensionRequest, id ?? 0, {
      populate: ['workflow', 'workflow.entity', 'workflow.dialogue'],
    });
    if (!request) throw new NotFound('extension request', id ?? '?');
    return request;
  }

  async question(id: number | null): Promise<SessionQuestion> {
    const question = await this.em.fork().findOne(SessionQuestion, id ?? 0, {
      populate: ['session', 'session.workflow.entity'],
    });
    if (!question) throw new NotFound('question', id ?? '?');
    return question;
  }

  async scenarioProposal(id: number | null): Promise<ScenarioProposal> {
    const proposal = await this.em
      .fork()
      .findOne(ScenarioProposal, id ?? 0, { populate: ['workflow.entity'] });
    if (!proposal) throw new NotFound('scenario proposal', id ?? '?');
    return proposal;
  }
}
