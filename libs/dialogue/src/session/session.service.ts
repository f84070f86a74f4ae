import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Person } from '../org/person.entity';
import type { SessionReportInput } from '../portal/portal.types';
import { SessionQuestion } from '../portal/requests.entity';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { checkSessionReport, participantsOf, sessionDaysOf } from './annex-c';
import { EntityWorkflowService, type TransitionOutcome } from '../workflow-instance/entity-workflow.service';
import type { Actor } from '../shared/actor';
import type { DomainWarning } from '../shared/errors';
import { localDateOf } from '@cascade/workflow';
import { isCalendarDay } from '../shared/dates';
import { FieldChecks, MAX_ID } from '../shared/field-checks';
import { SessionRecord } from './session-record.entity';

export interface RecordSessionInput {
  leaderEmail: string;
  heldOn: string;
  language: string;
  participants: number;
}

export const IDEAL_SESSION_SIZE = { min: 10, max: 25 } as const;

/** Sizes outside 10–25 are accepted (the seed allows joint and split sessions) but flagged, with a code. */
export function sessionSizeNotice(participants: number): DomainWarning | null {
  const params = { count: participants };
  if (participants < IDEAL_SESSION_SIZE.min) {
    const message = `${participants} participants is below the ideal 10–25: consider a joint session led by a higher reporting officer`;
    return { code: 'size-below', message, params };
  }
  if (participants > IDEAL_SESSION_SIZE.max) {
    const message = `${participants} participants is above the ideal 10–25: consider splitting the session (the same manager leads every part)`;
    return { code: 'size-above', message, params };
  }
  return null;
}

/** The English sentence, as stored beside the session and listed by the API. */
export function sessionSizeWarning(participants: number): string | null {
  return sessionSizeNotice(participants)?.message ?? null;
}

@Injectable()
export class SessionService {
  constructor(private readonly workflows: EntityWorkflowService) {}

  async record(
    year: number,
    code: string,
    input: RecordSessionInput,
    actor: Actor,
  ): Promise<TransitionOutcome & { session: SessionRecord }> {
    const check = new FieldChecks();
    check.email('leaderEmail', input.leaderEmail);
    if (!isCalendarDay(input.heldOn)) check.fail('heldOn', 'date', 'must be a date YYYY-MM-DD');
    check.text('language', input.language, { max: 40 });
    if (check.nonNegativeInteger('participants', input.participants) && input.participants === 0) {
      check.fail('participants', 'no-participant', 'a session has at least one participant');
    }
    check.throwIfAny();

    const warning = sessionSizeWarning(input.participants);
    let session: SessionRecord | undefined;
    const outcome = await this.workflows.applyEvent(
      { year, code },
      { type: 'record-session' },
      actor,
      () => (warning ? [warning] : []),
      async (em, instance, now) => {
        // "The future" is the entity's calendar, as on the token-link pages: in Bangkok the 5th has begun while
        // UTC still says the 4th.
        if (input.heldOn > localDateOf(now, instance.entity.timeZone)) {
          const future = new FieldChecks();
          future.fail('heldOn', 'future-date', 'must not be in the future');
          future.throwIfAny();
        }
        session = em.create(SessionRecord, {
          workflow: instance,
          leaderEmail: input.leaderEmail.toLowerCase(),
          heldOn: input.heldOn,
          language: input.language,
          participants: input.participants,
          otherAgencyParticipants: null,
          sizeWarning: warning,
          recordedAt: now,
        });
        em.persist(session);
        instance.sessionsRecorded += 1;
        await this.workflows.cascade.sessionRecorded(em, instance, input.leaderEmail, now, actor);
      },
    );
    return { ...outcome, session: session as SessionRecord };
  }

  /**
   * The full Annex C report of a session by its leader (a manager of the entity's tree, or the Head), in one
   * transaction with the instance's transition. A split session keeps its leader; a size outside 10–25 is saved
   * with a warning. `within` runs in the same transaction once the session has its id.
   */
  async report(
    year: number,
    code: string,
    leader: { email: string; name: string | null },
    input: SessionReportInput,
    actor: Actor,
    within?: (em: EntityManager, session: SessionRecord, instance: EntityWorkflow, now: Date) => void,
  ): Promise<TransitionOutcome & { session: SessionRecord; warnings: string[]; notices: DomainWarning[] }> {
    const leaderEmail = leader.email.toLowerCase();
    const participants = participantsOf(input);
    const notice = Number.isFinite(participants) ? sessionSizeNotice(participants) : null;
    const warning = notice?.message ?? null;
    let session: SessionRecord | undefined;
    const outcome = await this.workflows.applyEvent(
      { year, code },
      { type: 'record-session' },
      actor,
      () => (warning ? [warning] : []),
      async (em, instance, now) => {
        const check = checkSessionReport(
          input,
          sessionDaysOf(instance.dialogue, instance.entity.timeZone, now),
        );
        await this.checkLeader(em, instance, leaderEmail, input, check);
        check.throwIfAny();
        session = em.create(SessionRecord, {
          workflow: instance,
          leaderEmail,
          heldOn: input.heldOn,
          language: input.language,
          participants,
          durationMinutes: input.durationMinutes,
          format: input.format,
          staffParticipants: input.staffParticipants,
          nonStaffParticipants: input.nonStaffParticipants,
          otherAgencyParticipants: input.otherAgencyParticipants ?? {},
          splitPart: input.split?.part ?? null,
          splitOf: input.split?.of ?? null,
          splitFirstPartId: input.split && input.split.part > 1 ? (input.split.firstPartId ?? null) : null,
          jointUnits: input.jointUnits?.length ? input.jointUnits : null,
          facilitator: input.facilitator?.trim() || null,
          scenarios: input.scenarios?.length ? input.scenarios : null,
          sizeWarning: warning,
          recordedAt: now,
        });
        em.persist(session);
        for (const text of input.questions ?? []) em.persist(em.create(SessionQuestion, { session, text }));
        instance.sessionsRecorded += 1;
        await this.workflows.cascade.sessionRecorded(em, instance, leaderEmail, now, actor);
        if (within) {
          await em.flush();
          within(em, session, instance, now);
        }
      },
    );
    return {
      ...outcome,
      session: session as SessionRecord,
      warnings: warning ? [warning] : [],
      notices: notice ? [notice] : [],
    };
  }

  private async checkLeader(
    em: EntityManager,
    instance: EntityWorkflow,
    leaderEmail: string,
    input: SessionReportInput,
    check: FieldChecks,
  ): Promise<void> {
    const isHead = instance.entity.headEmail?.toLowerCase() === leaderEmail;
    const treeSize = await em.count(Person, { entity: instance.entity });
    const manager = await em.findOne(Person, {
      entity: instance.entity,
      email: leaderEmail,
      isManager: true,
    });
    if (!isHead && treeSize > 0 && !manager) {
      check.fail(
        'leader',
        'not-a-manager',
        `${leaderEmail} is not a manager of ${instance.entity.code}'s reporting tree`,
        { email: leaderEmail, code: instance.entity.code },
      );
    }
    const split = input.split;
    // Only an id that can exist is looked up: a hostile 1e20 is already named by checkSessionReport.
    const firstPartId = split?.firstPartId;
    const canExist =
      typeof firstPartId === 'number' &&
      Number.isInteger(firstPartId) &&
      firstPartId >= 1 &&
      firstPartId <= MAX_ID;
    if (split && split.part > 1 && canExist) {
      const first = await em.findOne(SessionRecord, { id: firstPartId, workflow: instance });
      if (!first) check.fail('split.firstPartId', 'no-such-session', 'no such session in this entity');
      else if (first.leaderEmail !== leaderEmail) {
        check.fail(
          'split.firstPartId',
          'split-same-leader',
          'every part of a split session is led by the same manager',
        );
      } else if (first.splitOf !== split.of) {
        check.fail('split.of', 'split-of-mismatch', `the first part said ${first.splitOf ?? 1} part(s)`, {
          of: first.splitOf ?? 1,
        });
      }
    }
  }
}
