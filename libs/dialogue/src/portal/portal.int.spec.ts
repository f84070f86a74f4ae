import { LockMode, type MikroORM } from '@mikro-orm/core';
import { MailRenderer } from '@cascade/mail';
import { JobName, OutboxMessage, type SendMailPayload } from '@cascade/scheduling';
import { Timer } from '../timers/timer.entity';
import {
  openTestOrm,
  sampleDialogueInput,
  statementShape,
  statementsOf,
  testDrivers,
  type TestOrm,
} from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { MailComposer } from '../mail/mail-composer.service';
import { mailSettingsOf } from '../mail/mail-settings';
import { EntityImportService } from '../entity/entity-import.service';
import { OrgTreeService } from '../org/org-tree.service';
import { Person } from '../org/person.entity';
import { SessionRecord } from '../session/session-record.entity';
import { SessionService } from '../session/session.service';
import { Conflict, NotFound, ValidationFailed } from '../shared/errors';
import { AnnexEPrefillQueryService } from '../statistics/annex-e-prefill-query.service';
import { StatisticsService } from '../statistics/statistics.service';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { AccessToken } from './access-token.entity';
import { AccessTokenService, TokenRejected } from './access-token.service';
import { FeedbackFull } from './participant-feedback';
import { PortalService } from './portal.service';
import { TokenRoleRefused } from './token-role-refused';
import { RequestsService } from './requests.service';
import type { PortalContext, SessionReportInput } from './portal.types';
import { ParticipantFeedback, ScenarioProposal, SeminarRequest, SessionQuestion } from './requests.entity';

const ADMIN = 'admin@test';
/** A week after the launch, so sessions can have been held. */
const NOW = new Date('2026-11-10T15:00:00Z');
const YEAR = 2026;
const TREE = [
  'name,email,manager_email,language,is_manager',
  'Rosa Head,head@dppa.example.org,,en,yes',
  'Ann Manager,ann@dppa.example.org,head@dppa.example.org,fr,',
  'Bob Manager,bob@dppa.example.org,head@dppa.example.org,en,',
  'Carla Staff,carla@dppa.example.org,ann@dppa.example.org,es,',
  'Dan Staff,dan@dppa.example.org,bob@dppa.example.org,en,no',
].join('\n');
const STATS = {
  eligibleStaff: 40,
  staffParticipated: 30,
  sessionsHeld: 3,
  managersLed: 3,
  nonStaffParticipants: 1,
};
const session = (extra: Partial<SessionReportInput> = {}): SessionReportInput => ({
  heldOn: '2026-11-03',
  durationMinutes: 90,
  language: 'English and French',
  format: 'in-person',
  staffParticipants: 14,
  nonStaffParticipants: 2,
  otherAgencyParticipants: { UNDP: 1 },
  scenarios: ['Gifts from a supplier'],
  questions: ['May I accept a lunch invitation?'],
  ...extra,
});

/** Every field named by a ValidationFailed thrown by `work` (fails the test when nothing is thrown). */
async function fieldsOf(work: () => Promise<unknown>): Promise<string[]> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationFailed);
  return (error as ValidationFailed).issues.map((i) => (i.row ? `${i.row}:${i.field}` : i.field));
}

describe.each(testDrivers())('token links, org tree and the portal operations (%s)', (driver) => {
  let db: TestOrm;
  let tree: OrgTreeService;
  let tokens: AccessTokenService;
  let portal: PortalService;
  let fp: PortalContext;
  let head: PortalContext;
  const fresh = () => db.orm.em.fork();
  const link = async (code: string, role: 'focal-point' | 'head-of-entity', email: string) =>
    portal.resolve((await tokens.issueFor(YEAR, code, { role, email }, ADMIN)).token);

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-11-02T12:00:00Z'));
    const { orm, clock, registry } = db;
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    tree = new OrgTreeService(orm.em, clock, registry);
    tokens = new AccessTokenService(orm.em, clock);
    portal = new PortalService(
      orm.em,
      clock,
      tokens,
      tree,
      new SessionService(workflows),
      new StatisticsService(workflows),
      new AnnexEPrefillQueryService(orm.em),
    );
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    const entity = (code: string, head: string) => ({
      code,
      name: `Entity ${code}`,
      kind: 'department',
      dutyStation: 'New York',
      timeZone: 'America/New_York',
      language: 'en',
      headName: 'Head',
      headEmail: head,
      focalPoints: [{ name: 'Focal', email: `focal@${code.toLowerCase()}.example.org`, language: 'fr' }],
    });
    await new EntityImportService(orm.em, clock).importJson(
      [entity('DPPA', 'head@dppa.example.org'), entity('DESA', 'head@desa.example.org')],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    clock.set(NOW);
  });

  afterAll(async () => {
    await db?.close();
  });

  describe('org tree', () => {
    it('imports a reporting tree and shows the cascade: the Head is next', async () => {
      const result = await tree.importCsv(YEAR, 'DPPA', TREE, ADMIN);
      expect(result).toMatchObject({ added: 5, updated: 0, removed: 0 });
      expect(result.progress).toMatchObject({ managers: 3, managersWhoLed: 0, ratio: 0 });
      expect(result.progress.next).toEqual([{ name: 'Rosa Head', email: 'head@dppa.example.org' }]);
      const ann = await fresh().findOneOrFail(Person, { email: 'ann@dppa.example.org' });
      expect(ann).toMatchObject({ isManager: true, language: 'fr', managerEmail: 'head@dppa.example.org' });
    });

    it('refuses a bad file naming each row and field, and imports nothing', async () => {
      const bad = [
        'name,email,manager_email,language,is_manager',
        'Rosa Head,head@dppa.example.org,,en,yes',
        ',ann@dppa.example.org,head@dppa.example.org,de,',
        'Bob,bob@dppa.example.org,nobody@dppa.example.org,en,',
        'Bob again,bob@dppa.example.org,head@dppa.example.org,en,maybe',
        'Eve,eve@dppa.example.org,fay@dppa.example.org,en,',
        'Fay,fay@dppa.example.org,eve@dppa.example.org,en,',
      ].join('\n');
      const before = await fresh().count(Person, {});
      expect(await fieldsOf(() => tree.importCsv(YEAR, 'DPPA', bad, ADMIN))).toEqual(
        expect.arrayContaining([
          '3:name',
          '3:language',
          '4:manager_email',
          '5:email',
          '5:is_manager',
          '6:manager_email',
          '7:manager_email',
        ]),
      );
      expect(await fresh().count(Person, {})).toBe(before);
      expect(await fieldsOf(() => tree.importCsv(YEAR, 'DPPA', 'name,email\nA,a@x.org', ADMIN))).toEqual([
        '1:manager_email',
      ]);
    });

    it('re-imports in place: updates, adds and removes', async () => {
      const next =
        TREE.replace('Bob Manager', 'Robert Manager').replace(/\nDan Staff.*$/, '') +
        '\nEd Staff,ed@dppa.example.org,bob@dppa.example.org,en,';
      const result = await tree.importCsv(YEAR, 'DPPA', next, ADMIN);
      expect(result).toMatchObject({ added: 1, updated: 4, removed: 1 });
      expect((await fresh().findOneOrFail(Person, { email: 'bob@dppa.example.org' })).name).toBe(
        'Robert Manager',
      );
      expect(await fresh().count(Person, { email: 'dan@dppa.example.org' })).toBe(0);
      const audit = await fresh().find(AuditEvent, { event: 'import-org-tree' });
      expect(audit).toHaveLength(2);
    });

    it('imports a tree outside the year’s dialogue too (as the demo seeder does): same checks, audited on the entity', async () => {
      const people = await fresh().find(Person, { entity: { code: 'DPPA' } }, { orderBy: { id: 'asc' } });
      const csv = [
        'name,email,manager_email,language,is_manager',
        ...people.map((p) => `${p.name},${p.email},${p.managerEmail ?? ''},${p.language},`),
      ].join('\n');
      expect(await tree.importEntityCsv('DPPA', csv, ADMIN)).toEqual({ added: 0, updated: 5, removed: 0 });
      expect(
        await fresh().findOneOrFail(AuditEvent, { event: 'import-org-tree', workflow: null }),
      ).toMatchObject({
        entityCode: 'DPPA',
        dialogue: null,
        actor: ADMIN,
        details: { people: 5, added: 0, updated: 5, removed: 0 },
      });

      await expect(tree.importEntityCsv('NOPE', csv, ADMIN)).rejects.toBeInstanceOf(NotFound);
      const before = await fresh().count(Person, {});
      const bad =
        'name,email,manager_email\nAl,al@dppa.example.org,\nBo,bo@dppa.example.org,nobody@dppa.example.org';
      expect(await fieldsOf(() => tree.importEntityCsv('DPPA', bad, ADMIN))).toEqual(['3:manager_email']);
      expect(await fresh().count(Person, {})).toBe(before);
      expect(await fresh().count(AuditEvent, { event: 'import-org-tree' })).toBe(3);
    });
  });

  describe('token links', () => {
    it('resolve to one entity and one role; the token is stored only as its hash', async () => {
      const issued = await tokens.issueFor(
        YEAR,
        'DPPA',
        { role: 'focal-point', email: 'focal@dppa.example.org' },
        ADMIN,
      );
      fp = await portal.resolve(issued.token);
      expect(fp).toMatchObject({
        role: 'focal-point',
        entity: { code: 'DPPA' },
        subjectEmail: 'focal@dppa.example.org',
      });
      expect(issued.expiresAt.toISOString()).toBe('2027-03-01T05:00:00.000Z'); // end of 28 Feb in New York
      const stored = await tokens.list(YEAR, 'DPPA');
      expect(stored[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].tokenHash).not.toContain(issued.token);
      head = await link('DPPA', 'head-of-entity', 'head@dppa.example.org');
    });

    it('reject unknown, malformed, expired and revoked tokens alike', async () => {
      await expect(portal.resolve('x'.repeat(43))).rejects.toBeInstanceOf(TokenRejected);
      await expect(portal.resolve('../../etc/passwd')).rejects.toBeInstanceOf(TokenRejected);
      const { token } = await tokens.issueFor(
        YEAR,
        'DPPA',
        { role: 'focal-point', email: 'other@dppa.example.org' },
        ADMIN,
      );
      db.clock.set(new Date('2027-03-01T05:00:00Z'));
      await expect(portal.resolve(token)).rejects.toBeInstanceOf(TokenRejected);
      db.clock.set(NOW);
      const [latest] = await tokens.list(YEAR, 'DPPA');
      await tokens.revoke(latest.id, ADMIN);
      await expect(portal.resolve(token)).rejects.toBeInstanceOf(TokenRejected);
      expect(await fresh().count(AuditEvent, { event: 'revoke-link' })).toBe(1);
    });

    it('re-issues a link in one transaction: the old one stops working, the new one works, both audited', async () => {
      const { token: old } = await tokens.issueFor(
        YEAR,
        'DESA',
        { role: 'focal-point', email: 'focal@desa.example.org' },
        ADMIN,
      );
      const [row] = await tokens.list(YEAR, 'DESA');
      const audits = await fresh().count(AuditEvent, { event: { $in: ['revoke-link', 'issue-link'] } });
      const reissued = await tokens.reissue(row.id, 'admin: alice@test');
      await expect(portal.resolve(old)).rejects.toBeInstanceOf(TokenRejected);
      expect(await portal.resolve(reissued.token)).toMatchObject({
        role: 'focal-point',
        subjectEmail: 'focal@desa.example.org',
        entity: { code: 'DESA' },
      });
      const trail = await fresh().find(
        AuditEvent,
        { event: { $in: ['revoke-link', 'issue-link'] } },
        { orderBy: { id: 'desc' }, limit: 2 },
      );
      expect(trail.map((a) => [a.event, a.actor, a.entityCode]).reverse()).toEqual([
        ['revoke-link', 'admin: alice@test', 'DESA'],
        ['issue-link', 'admin: alice@test', 'DESA'],
      ]);
      expect(await fresh().count(AuditEvent, { event: { $in: ['revoke-link', 'issue-link'] } })).toBe(
        audits + 2,
      );
      // A stale form (the link already revoked) and a link of another entity are refused.
      await expect(tokens.reissue(row.id, ADMIN)).rejects.toBeInstanceOf(Conflict);
      const [current] = await tokens.list(YEAR, 'DESA');
      const dppa = (await tokens.list(YEAR, 'DPPA'))[0].workflow.id;
      await expect(tokens.reissue(current.id, ADMIN, { workflowId: dppa })).rejects.toBeInstanceOf(NotFound);
    });

    it('a re-issue that fails after the revocation leaves the old link valid and issues nothing', async () => {
      const { token: old } = await tokens.issueFor(
        YEAR,
        'DESA',
        { role: 'head-of-entity', email: 'head@desa.example.org' },
        ADMIN,
      );
      const [row] = await tokens.list(YEAR, 'DESA');
      const before = {
        links: await fresh().count(AccessToken, {}),
        audit: await fresh().count(AuditEvent, {}),
      };
      // The revocation is written (flushed) inside the transaction before the new link is made; fail there.
      const failing = jest.spyOn(tokens, 'issue').mockImplementationOnce(() => {
        throw new Error('the new link could not be stored');
      });
      try {
        await expect(tokens.reissue(row.id, ADMIN)).rejects.toThrow('the new link could not be stored');
      } finally {
        failing.mockRestore();
      }
      expect(await portal.resolve(old)).toMatchObject({ role: 'head-of-entity' });
      expect((await fresh().findOneOrFail(AccessToken, row.id)).revokedAt).toBeNull();
      expect({
        links: await fresh().count(AccessToken, {}),
        audit: await fresh().count(AuditEvent, {}),
      }).toEqual(before);
    });

    it('a token of entity A reads and changes nothing of entity B', async () => {
      const desaHead = await link('DESA', 'head-of-entity', 'head@desa.example.org');
      await portal.reportSession(desaHead, session());
      const view = await portal.focalPointView(fp);
      expect(view.context.entity.code).toBe('DPPA');
      expect(view.sessions).toEqual([]);
      // DESA's Head is no manager of DPPA's tree.
      expect(await fieldsOf(() => portal.createLeaderLink(fp, 'head@desa.example.org'))).toEqual([
        'leaderEmail',
      ]);
    });

    it('refuses an action the role may not do', async () => {
      await expect(portal.submitStatistics(head, STATS)).rejects.toBeInstanceOf(TokenRoleRefused);
      await expect(portal.focalPointView(head)).rejects.toBeInstanceOf(TokenRoleRefused);
    });
  });

  describe('sessions (Annex C) and feedback (Annex F)', () => {
    let participants: PortalContext;

    it('the Head reports the first session: the entity is cascading, questions kept, a participants link made', async () => {
      const result = await portal.reportSession(head, session());
      expect(result.state).toBe('cascading');
      expect(result.warnings).toEqual([]);
      expect(result.session).toMatchObject({
        participants: 17,
        otherAgencyParticipants: { UNDP: 1 },
        questions: ['May I accept a lunch invitation?'],
        format: 'in-person',
      });
      expect(await fresh().count(SessionQuestion, {})).toBe(2);
      participants = await portal.resolve(result.participantsToken);
      expect(participants).toMatchObject({ role: 'participants', session: { id: result.session.id } });
      const progress = (await portal.focalPointView(fp)).progress;
      expect(progress).toMatchObject({ managersWhoLed: 1 });
      expect(progress.next.map((n) => n.email).sort()).toEqual([
        'ann@dppa.example.org',
        'bob@dppa.example.org',
      ]);
    });

    it('a leader link records a session of 30 with the size warning, and the split keeps its leader', async () => {
      const { token } = await portal.createLeaderLink(fp, 'ann@dppa.example.org');
      const ann = await portal.resolve(token);
      expect(ann).toMatchObject({ role: 'leader', language: 'fr', subjectName: 'Ann Manager' });
      const big = await portal.reportSession(
        ann,
        session({
          staffParticipants: 30,
          nonStaffParticipants: 0,
          otherAgencyParticipants: {},
          split: { part: 1, of: 2 },
        }),
      );
      expect(big.warnings[0]).toMatch(/30 participants is above the ideal 10–25/);
      expect(big.session.sizeWarning).toBe(big.warnings[0]);
      const bob = await portal.resolve((await portal.createLeaderLink(head, 'bob@dppa.example.org')).token);
      expect(
        await fieldsOf(() =>
          portal.reportSession(bob, session({ split: { part: 2, of: 2, firstPartId: big.session.id } })),
        ),
      ).toEqual(['split.firstPartId']);
      const second = await portal.reportSession(
        ann,
        session({ split: { part: 2, of: 2, firstPartId: big.session.id } }),
      );
      expect(second.session.split).toEqual({ part: 2, of: 2 });
    });

    it('names every Annex C mistake and saves nothing', async () => {
      const before = await fresh().count(SessionQuestion, {});
      expect(
        await fieldsOf(() =>
          portal.reportSession(head, {
            ...session(),
            heldOn: '2027-05-01',
            durationMinutes: 3,
            format: 'outdoors' as never,
            staffParticipants: -1,
            otherAgencyParticipants: { '': 2 },
            split: { part: 3, of: 2 },
          }),
        ),
      ).toEqual(
        expect.arrayContaining([
          'heldOn',
          'durationMinutes',
          'format',
          'staffParticipants',
          'otherAgencyParticipants',
          'split.part',
        ]),
      );
      expect(await fresh().count(SessionQuestion, {})).toBe(before);
    });

    it('keeps Annex F anonymous: only the session, the ratings, the comment and the day', async () => {
      await portal.giveFeedback(participants, {
        usefulness: 5,
        openness: 4,
        relevance: 3,
        comment: 'Useful.',
      });
      const [row] = await fresh().find(ParticipantFeedback, {});
      expect(row).toMatchObject({
        usefulness: 5,
        openness: 4,
        relevance: 3,
        comment: 'Useful.',
        givenOn: '2026-11-10',
      });
      const columns = db.orm
        .getMetadata()
        .get(ParticipantFeedback.name)
        .props.map((p) => p.name)
        .sort();
      expect(columns).toEqual(['comment', 'givenOn', 'id', 'openness', 'relevance', 'session', 'usefulness']);
      expect(
        await fieldsOf(() =>
          portal.giveFeedback(participants, { usefulness: 6, openness: 0, relevance: 2.5 }),
        ),
      ).toEqual(['usefulness', 'openness', 'relevance']);
      await expect(portal.submitStatistics(participants, STATS)).rejects.toBeInstanceOf(TokenRoleRefused);
    });

    it('takes at most one answer per participant recorded for the session, even sent at the same moment', async () => {
      const desaHead = await link('DESA', 'head-of-entity', 'head@desa.example.org');
      const small = await portal.reportSession(
        desaHead,
        session({
          staffParticipants: 2,
          nonStaffParticipants: 0,
          otherAgencyParticipants: {},
          questions: [],
        }),
      );
      const pair = await portal.resolve(small.participantsToken);
      expect(await portal.participantView(pair)).toMatchObject({ capacity: 2, alreadyCounted: 0 });
      const answer = { usefulness: 4, openness: 4, relevance: 4 };
      // On PostgreSQL another connection holds the session's row while the three answers start, so that all of
      // them would count the answers before any is written, were the row not locked. (SQLite writes one at a time.)
      let release = (): void => undefined;
      let holder: Promise<void> = Promise.resolve();
      let other: MikroORM | undefined;
      if (driver === 'postgresql') {
        other = await db.openAnother();
        const released = new Promise<void>((resolve) => (release = resolve));
        let holding = (): void => undefined;
        const held = new Promise<void>((resolve) => (holding = resolve));
        holder = other.em.fork().transactional(async (em) => {
          await em.findOneOrFail(SessionRecord, small.session.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
          holding();
          await released;
        });
        await held;
      }
      const attempts = [1, 2, 3].map(() => portal.giveFeedback(pair, answer));
      if (other) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        release();
        await holder;
        await other.close(true);
      }
      const results = await Promise.allSettled(attempts);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      const refused = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
      expect(refused).toBeInstanceOf(FeedbackFull);
      expect(refused).toMatchObject({ code: 'feedback-full', params: { count: 2 } });
      expect(await fresh().count(ParticipantFeedback, { session: small.session.id })).toBe(2);
      expect(await portal.participantView(pair)).toMatchObject({ capacity: 2, alreadyCounted: 2 });
      await expect(portal.giveFeedback(pair, answer)).rejects.toBeInstanceOf(FeedbackFull);
      expect(await fresh().count(ParticipantFeedback, { session: small.session.id })).toBe(2);
    });

    it('a leader issues a new participants’ link for their own session: the page’s old one stops, the count stays', async () => {
      const desaHead = await link('DESA', 'head-of-entity', 'head@desa.example.org');
      const recorded = await portal.reportSession(
        desaHead,
        session({
          staffParticipants: 3,
          nonStaffParticipants: 0,
          otherAgencyParticipants: {},
          questions: [],
        }),
      );
      const first = await portal.resolve(recorded.participantsToken);
      await portal.giveFeedback(first, { usefulness: 5, openness: 5, relevance: 5 });
      const { participantsToken } = await portal.reissueParticipantsLink(desaHead, recorded.session.id);
      await expect(portal.resolve(recorded.participantsToken)).rejects.toBeInstanceOf(TokenRejected);
      const second = await portal.resolve(participantsToken);
      expect(second).toMatchObject({ role: 'participants', session: { id: recorded.session.id } });
      // The answers already given still count against the session's participants.
      expect(await portal.participantView(second)).toMatchObject({ capacity: 3, alreadyCounted: 1 });
      const audit = await fresh().find(
        AuditEvent,
        { event: ['issue-link', 'revoke-link'] },
        { orderBy: { id: 'desc' }, limit: 2 },
      );
      expect(audit.map((a) => [a.event, a.details?.['role']])).toEqual([
        ['issue-link', 'participants'],
        ['revoke-link', 'participants'],
      ]);
      // Only for a session the link's holder led, of their own entity; a number that is not one is named.
      await expect(portal.reissueParticipantsLink(head, recorded.session.id)).rejects.toMatchObject({
        issues: [expect.objectContaining({ field: 'sessionId', code: 'no-such-session' })],
      });
      await expect(portal.reissueParticipantsLink(desaHead, 0)).rejects.toBeInstanceOf(ValidationFailed);
      await expect(portal.reissueParticipantsLink(fp, recorded.session.id)).rejects.toBeInstanceOf(
        TokenRoleRefused,
      );
    });

    it('the Head may confirm only once every manager has led a session', async () => {
      expect(await fieldsOf(() => portal.confirmManagersCompleted(head))).toEqual(['confirmation']);
      const bob = await portal.resolve((await portal.createLeaderLink(fp, 'bob@dppa.example.org')).token);
      await portal.reportSession(bob, session());
      const { confirmedAt } = await portal.confirmManagersCompleted(head);
      expect(confirmedAt.toISOString()).toBe(NOW.toISOString());
      expect((await portal.focalPointView(fp)).headConfirmedAt).toEqual(confirmedAt);
    });
  });

  describe('the Focal Point', () => {
    it('the statistics form starts from the records: the page view and the JSON agree; other roles may not read it', async () => {
      const view = await portal.focalPointView(fp);
      const prefill = await portal.statisticsPrefill(fp);
      expect(view.statisticsPrefill).toEqual(prefill);
      expect(prefill.sessionsHeld).toMatchObject({ value: view.sessions.length, source: 'sessions' });
      expect(prefill.eligibleStaff).toMatchObject({ value: view.progress.tree.length, source: 'tree' });
      expect(prefill.previous).toBeNull();
      await expect(portal.statisticsPrefill(head)).rejects.toBeInstanceOf(TokenRoleRefused);
      // The page reads the latest submission once and adds one statement, the sums.
      const statements = await statementsOf(db.orm, () => portal.focalPointView(fp));
      expect(statements.map(statementShape).filter((s) => s === 'select statistics')).toHaveLength(1);
      expect(statements.filter((s) => /count\(distinct/.test(s))).toHaveLength(1);
    });

    it('statistics: every rule named and nothing saved; then accepted, mailed and the chase re-planned', async () => {
      expect(
        await fieldsOf(() =>
          portal.submitStatistics(fp, { ...STATS, staffParticipated: 50, managersLed: 4, sessionsHeld: 4 }),
        ),
      ).toEqual(['staffParticipated']);
      expect(
        await fieldsOf(() => portal.submitStatistics(fp, { ...STATS, managersLed: 4, sessionsHeld: 5 })),
      ).toEqual(['managersLed']);
      // 40 eligible and 3 sessions, while the tree has 5 people and 4 sessions are recorded: confirmed.
      const result = await portal.submitStatistics(fp, { ...STATS, confirmDifferences: true });
      expect(result).toEqual({
        state: 'stats-submitted',
        revision: 1,
        crossCheck: {
          confirmed: true,
          differences: [
            { field: 'eligibleStaff', entered: 40, recorded: 5 },
            { field: 'sessionsHeld', entered: 3, recorded: 4 },
          ],
          records: { sessions: 4, leaders: 3, people: 5, managers: 3 },
        },
      });
      const mails = await fresh().find(OutboxMessage, { job: JobName.SendMail });
      expect(mails.filter((m) => m.payload['template'] === 'statistics-received')).toHaveLength(1);
      const pending = await fresh().count(Timer, { status: 'pending', timerId: { $like: 'reminder%' } });
      expect(pending).toBe(4); // DESA's only: DPPA's reminders were cancelled
      expect(
        (await portal.submitStatistics(fp, { ...STATS, staffParticipated: 31, confirmDifferences: true }))
          .revision,
      ).toBe(2);
    });

    it('asks for an extension, proposes a scenario and requests a seminar, each audited', async () => {
      expect(
        await fieldsOf(() => portal.requestExtension(fp, { wishedDeadline: '2026-12-01', reason: '' })),
      ).toEqual(['wishedDeadline', 'reason']);
      await portal.requestExtension(fp, { wishedDeadline: '2027-01-31', reason: 'Mission relocation' });
      await portal.proposeScenario(fp, { title: 'Field procurement', description: 'A local vendor offers…' });
      await portal.requestSeminar(fp, {
        topic: 'Conflicts of interest',
        preferredPeriod: 'March 2027',
        expectedParticipants: 40,
      });
      const view = await portal.focalPointView(fp);
      expect(view.extensionRequests).toEqual([
        expect.objectContaining({
          wishedDeadline: '2027-01-31',
          status: 'pending',
          reason: 'Mission relocation',
        }),
      ]);
      expect(view.scenarioProposals).toEqual([
        expect.objectContaining({ title: 'Field procurement', status: 'pending' }),
      ]);
      expect(view.seminarRequests).toEqual([
        expect.objectContaining({ topic: 'Conflicts of interest', status: 'requested' }),
      ]);
      expect(await fresh().count(ScenarioProposal, {})).toBe(1);
      expect(await fresh().count(SeminarRequest, {})).toBe(1);
      const events = (await fresh().find(AuditEvent, { actor: 'focal-point: focal@dppa.example.org' })).map(
        (a) => a.event,
      );
      expect(events).toEqual(
        expect.arrayContaining([
          'submit-statistics',
          'request-extension',
          'propose-scenario',
          'request-seminar',
          'issue-link',
        ]),
      );
    });
    it('the Ethics Office grants or refuses requests, decides proposals and answers questions, each audited', async () => {
      const requests = new RequestsService(
        db.orm.em,
        db.clock,
        new EntityWorkflowService(db.orm.em, db.clock, db.registry),
      );
      // DPPA has submitted: its request can no longer become an extension, and stays pending.
      const [dppaRequest] = await requests.extensionRequests(YEAR, 'pending');
      await expect(requests.grantExtensionRequest(dppaRequest.id, { reason: 'late' }, ADMIN)).rejects.toThrow(
        /not allowed in state 'stats-submitted'/,
      );
      const desaFp = await link('DESA', 'focal-point', 'focal@desa.example.org');
      await portal.requestExtension(desaFp, { wishedDeadline: '2027-01-31', reason: 'Relocation' });
      const [pending] = await requests.extensionRequests(YEAR, 'pending');
      const granted = await requests.grantExtensionRequest(
        pending.id,
        { reason: 'Relocation accepted' },
        ADMIN,
      );
      expect(granted.instance.effectiveDeadline).toBe('2027-01-31');
      expect((await requests.extensionRequests(YEAR))[0]).toMatchObject({
        status: 'granted',
        decisionReason: 'Relocation accepted',
      });
      await expect(requests.grantExtensionRequest(pending.id, { reason: 'again' }, ADMIN)).rejects.toThrow(
        /already granted/,
      );
      await portal.requestExtension(desaFp, { wishedDeadline: '2027-04-30', reason: 'More time' });
      const [second] = await requests.extensionRequests(YEAR, 'pending');
      expect(await fieldsOf(() => requests.refuseExtensionRequest(second.id, '', ADMIN))).toEqual(['reason']);
      await requests.refuseExtensionRequest(second.id, 'Past the report cutoff', ADMIN);
      const refusal = await fresh().find(OutboxMessage, {
        idempotencyKey: `mail.extension-request.${second.id}.refused`,
      });
      expect(refusal.map((m) => m.payload['template'])).toEqual(['extension-refused']);
      const [proposal] = await requests.scenarioProposals(YEAR);
      await requests.decideScenario(proposal.id, true, 'Approved: use it after scenario 3.', ADMIN);
      expect((await portal.focalPointView(fp)).scenarioProposals[0]).toMatchObject({
        status: 'approved',
        feedback: 'Approved: use it after scenario 3.',
      });
      const open = await requests.questions(YEAR, { unanswered: true });
      expect(open.map((q) => q.text)).toContain('May I accept a lunch invitation?');
      await requests.answerQuestion(open[0].id, 'Only of nominal value.', ADMIN);
      expect(await requests.questions(YEAR, { unanswered: true })).toHaveLength(open.length - 1);
      // The answer goes to the session's leader, in their language.
      const [answerMail] = await fresh().find(OutboxMessage, {
        idempotencyKey: { $like: `mail.question.${open[0].id}.%` },
      });
      const composed = await new MailComposer(
        db.orm.em,
        db.clock,
        MailRenderer.fromDirectory(undefined, { strict: true }),
        mailSettingsOf({
          ethicsOffice: 'Ethics <ethics@un.example.org>',
          from: undefined,
          publicUrl: 'https://c.example.org',
        }),
        db.registry,
      ).compose(answerMail.payload as unknown as SendMailPayload, answerMail.idempotencyKey);
      expect(composed.map((m) => [m.template, m.recipientAddress, m.recipientRole])).toEqual([
        ['question-answered', open[0].session.leaderEmail, 'leader'],
      ]);
      expect(composed[0].text).toContain('Only of nominal value.');
      expect(composed[0].text).toContain(open[0].text);
      const events = (await fresh().find(AuditEvent, { actor: ADMIN })).map((a) => a.event);
      expect(events).toEqual(
        expect.arrayContaining([
          'grant-extension',
          'refuse-extension',
          'approve-scenario',
          'answer-question',
        ]),
      );
    });
  });
});
