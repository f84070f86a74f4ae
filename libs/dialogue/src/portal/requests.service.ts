import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { auditInstance } from '../audit/audit-instance';
import { Person } from '../org/person.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { Conflict, NotFound } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { EntityWorkflowService, type TransitionOutcome } from '../workflow-instance/entity-workflow.service';
import { findDialogue } from '../workflow-instance/instance-lookup';
import { ExtensionRequest, ScenarioProposal, SessionQuestion } from './requests.entity';
import { questionAnsweredMail } from './question-answered-mail';

const POPULATE = ['workflow', 'workflow.dialogue', 'workflow.entity'] as const;

/** The Ethics Office's side of what entities ask: extensions, additional scenarios, questions. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly workflows: EntityWorkflowService,
  ) {}

  async extensionRequests(year: number, status?: string): Promise<ExtensionRequest[]> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    return em.find(
      ExtensionRequest,
      { workflow: { dialogue }, ...(status ? { status } : {}) },
      { populate: ['workflow.entity'], orderBy: { id: 'desc' } },
    );
  }

  /** Grants the request as an extension (its wished date unless another is given), in one transaction. */
  async grantExtensionRequest(
    id: number,
    decision: { reason: string; deadline?: string },
    actor: Actor,
  ): Promise<TransitionOutcome> {
    const request = await this.pending(id);
    const instance = request.workflow;
    return this.workflows.grantExtension(
      instance.dialogue.year,
      instance.entity.code,
      decision.deadline ?? request.wishedDeadline,
      decision.reason,
      actor,
      async (em, _instance, now) => {
        const row = await em.findOneOrFail(ExtensionRequest, id);
        if (row.status !== 'pending')
          throw new Conflict(`extension request ${id} is already ${row.status}`, 'already-decided', {
            id,
            status: row.status,
          });
        Object.assign(row, {
          status: 'granted',
          decisionReason: decision.reason,
          decidedBy: actor,
          decidedAt: now,
        });
      },
    );
  }

  /** Refuses with a reason, which the Focal Points receive by mail. */
  async refuseExtensionRequest(id: number, reason: string, actor: Actor): Promise<ExtensionRequest> {
    const check = new FieldChecks();
    check.text('reason', reason, { max: 2000 });
    check.throwIfAny();
    return this.em.fork().transactional(async (em) => {
      const request = await em.findOne(ExtensionRequest, id, { populate: POPULATE });
      if (!request) throw new NotFound('extension request', id);
      if (request.status !== 'pending')
        throw new Conflict(`extension request ${id} is already ${request.status}`, 'already-decided', {
          id,
          status: request.status,
        });
      const now = this.clock.now();
      Object.assign(request, { status: 'refused', decisionReason: reason, decidedBy: actor, decidedAt: now });
      this.audit(em, request.workflow, actor, now, 'refuse-extension', reason, { request: id });
      enqueueInOutbox(
        em,
        JobName.SendMail,
        {
          workflowId: request.workflow.id,
          template: 'extension-refused',
          audience: ['focal-points'],
          at: now.toISOString(),
        },
        `mail.extension-request.${id}.refused`,
        now,
      );
      return request;
    });
  }

  async scenarioProposals(year: number): Promise<ScenarioProposal[]> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    return em.find(
      ScenarioProposal,
      { workflow: { dialogue } },
      { populate: ['workflow.entity'], orderBy: { id: 'desc' } },
    );
  }

  async decideScenario(
    id: number,
    approve: boolean,
    feedback: string,
    actor: Actor,
  ): Promise<ScenarioProposal> {
    const check = new FieldChecks();
    check.text('feedback', feedback, { max: 5000 });
    check.throwIfAny();
    return this.em.fork().transactional(async (em) => {
      const proposal = await em.findOne(ScenarioProposal, id, { populate: POPULATE });
      if (!proposal) throw new NotFound('scenario proposal', id);
      if (proposal.status !== 'pending')
        throw new Conflict(`scenario proposal ${id} is already ${proposal.status}`, 'already-decided', {
          id,
          status: proposal.status,
        });
      const now = this.clock.now();
      Object.assign(proposal, { status: approve ? 'approved' : 'rejected', feedback, decidedAt: now });
      this.audit(
        em,
        proposal.workflow,
        actor,
        now,
        approve ? 'approve-scenario' : 'reject-scenario',
        feedback,
        {
          proposal: id,
        },
      );
      return proposal;
    });
  }

  async questions(year: number, { unanswered = false } = {}): Promise<SessionQuestion[]> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    return em.find(
      SessionQuestion,
      { session: { workflow: { dialogue } }, ...(unanswered ? { answer: null } : {}) },
      { populate: ['session', 'session.workflow.entity'], orderBy: { id: 'asc' } },
    );
  }

  async answerQuestion(id: number, answer: string, actor: Actor): Promise<SessionQuestion> {
    const check = new FieldChecks();
    check.text('answer', answer, { max: 5000 });
    check.throwIfAny();
    return this.em.fork().transactional(async (em) => {
      const question = await em.findOne(SessionQuestion, id, {
        populate: ['session', 'session.workflow', 'session.workflow.dialogue', 'session.workflow.entity'],
      });
      if (!question) throw new NotFound('question', id);
      const now = this.clock.now();
      Object.assign(question, { answer, answeredBy: actor, answeredAt: now });
      this.audit(em, question.session.workflow, actor, now, 'answer-question', null, { question: id });
      const leader = await em.findOne(Person, {
        entity: question.session.workflow.entity,
        email: question.session.leaderEmail,
      });
      enqueueInOutbox(
        em,
        JobName.SendMail,
        questionAnsweredMail(question, leader, now),
        `mail.question.${id}.answered.${now.getTime()}`,
        now,
      );
      return question;
    });
  }

  private async pending(id: number): Promise<ExtensionRequest> {
    const request = await this.em.fork().findOne(ExtensionRequest, id, { populate: POPULATE });
    if (!request) throw new NotFound('extension request', id);
    if (request.status !== 'pending')
      throw new Conflict(`extension request ${id} is already ${request.status}`, 'already-decided', {
        id,
        status: request.status,
      });
    return request;
  }

  private audit(
    em: EntityManager,
    instance: EntityWorkflow,
    actor: Actor,
    now: Date,
    event: string,
    reason: string | null,
    details: Record<string, unknown>,
  ): void {
    auditInstance(em, instance, { actor, at: now, event, reason, details });
  }
}
