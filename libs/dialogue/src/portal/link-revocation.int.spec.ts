import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { OrgTreeService } from '../org/org-tree.service';
import { SessionService } from '../session/session.service';
import { AnnexEPrefillQueryService } from '../statistics/annex-e-prefill-query.service';
import { StatisticsService } from '../statistics/statistics.service';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { AccessToken } from './access-token.entity';
import { AccessTokenService, TokenRejected } from './access-token.service';
import { PortalService } from './portal.service';
import type { PortalContext, SessionReportInput } from './portal.types';

const ADMIN = 'admin: alice@test';
const YEAR = 2026;
const TREE = [
  'name,email,manager_email,language,is_manager',
  'Rosa Head,head@dppa.example.org,,en,yes',
  'Ann Manager,ann@dppa.example.org,head@dppa.example.org,fr,yes',
  'Bob Manager,bob@dppa.example.org,head@dppa.example.org,en,yes',
].join('\n');
const SESSION: SessionReportInput = {
  heldOn: '2026-11-03',
  durationMinutes: 90,
  language: 'English',
  format: 'in-person',
  staffParticipants: 12,
  nonStaffParticipants: 0,
};

/** Issue 22: revoking a link (or re-issuing it) revokes the links made from it unless asked not to. */
describe.each(testDrivers())('revoking a link and the links made from it (%s)', (driver) => {
  let db: TestOrm;
  let tokens: AccessTokenService;
  let portal: PortalService;
  const fresh = () => db.orm.em.fork();
  const issue = async (role: 'focal-point' | 'head-of-entity', email: string) => {
    const { token } = await tokens.issueFor(YEAR, 'DPPA', { role, email }, ADMIN);
    return { token, ctx: await portal.resolve(token) };
  };
  const leaderLink = async (from: PortalContext, email: string) => {
    const { token } = await portal.createLeaderLink(from, email);
    return { token, ctx: await portal.resolve(token) };
  };
  const participantsLink = async (leader: PortalContext) =>
    (await portal.reportSession(leader, SESSION)).participantsToken;
  const valid = async (token: string) =>
    portal.resolve(token).then(
      () => true,
      (e: unknown) => {
        if (e instanceof TokenRejected) return false;
        throw e;
      },
    );

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-11-02T12:00:00Z'));
    const { orm, clock, registry } = db;
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    const tree = new OrgTreeService(orm.em, clock, registry);
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
    await new EntityImportService(orm.em, clock).importJson(
      [
        {
          code: 'DPPA',
          name: 'Entity DPPA',
          kind: 'department',
          dutyStation: 'New York',
          timeZone: 'America/New_York',
          language: 'en',
          headName: 'Rosa Head',
          headEmail: 'head@dppa.example.org',
          focalPoints: [{ name: 'Focal', email: 'focal@dppa.example.org', language: 'fr' }],
        },
      ],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    await tree.importCsv(YEAR, 'DPPA', TREE, ADMIN);
    clock.set(new Date('2026-11-10T15:00:00Z'));
  });

  afterAll(async () => {
    await db?.close();
  });

  it('revokes a Head’s link with the leader links and participants’ links made from it, each audited', async () => {
    const head = await issue('head-of-entity', 'head@dppa.example.org');
    const ann = await leaderLink(head.ctx, 'ann@dppa.example.org');
    const annSession = await participantsLink(ann.ctx);
    const headSession = await participantsLink(head.ctx);
    // Made from the Focal Point's link: not the Head's to take along.
    const focal = await issue('focal-point', 'focal@dppa.example.org');
    const bob = await leaderLink(focal.ctx, 'bob@dppa.example.org');
    expect(
      (await fresh().findOneOrFail(AccessToken, ann.ctx.tokenId, { populate: ['issuedFrom'] })).issuedFrom
        ?.id,
    ).toBe(head.ctx.tokenId);
    const audits = await fresh().count(AuditEvent, { event: 'revoke-link' });

    const result = await tokens.revoke(head.ctx.tokenId, ADMIN);

    expect(result.revoked.id).toBe(head.ctx.tokenId);
    expect(result.derived.map((l) => l.role)).toEqual(['leader', 'participants', 'participants']);
    for (const token of [head.token, ann.token, annSession, headSession])
      expect(await valid(token)).toBe(false);
    for (const token of [focal.token, bob.token]) expect(await valid(token)).toBe(true);
    const trail = await fresh().find(
      AuditEvent,
      { event: 'revoke-link' },
      { orderBy: { id: 'asc' }, offset: audits },
    );
    expect(trail.map((a) => [a.actor, a.details?.['link'], a.details?.['with'] ?? null])).toEqual([
      [ADMIN, head.ctx.tokenId, null],
      ...result.derived.map((l) => [ADMIN, l.id, head.ctx.tokenId]),
    ]);
  });

  it('revokes only the link when asked; revoking it again then reaches the links made from it', async () => {
    const focal = await issue('focal-point', 'focal@dppa.example.org');
    const ann = await leaderLink(focal.ctx, 'ann@dppa.example.org');
    const annSession = await participantsLink(ann.ctx);
    expect((await tokens.revoke(focal.ctx.tokenId, ADMIN, { derived: false })).derived).toEqual([]);
    expect([await valid(focal.token), await valid(ann.token), await valid(annSession)]).toEqual([
      false,
      true,
      true,
    ]);
    // A leader's link revoked on its own: the participants' link made from it is still reached through it.
    await tokens.revoke(ann.ctx.tokenId, ADMIN, { derived: false });
    const again = await tokens.revoke(focal.ctx.tokenId, ADMIN);
    expect(again.derived.map((l) => l.role)).toEqual(['participants']);
    expect(await valid(annSession)).toBe(false);
  });

  it('re-issues a link with the links made from it revoked by default, or kept when asked', async () => {
    const head = await issue('head-of-entity', 'head@dppa.example.org');
    const ann = await leaderLink(head.ctx, 'ann@dppa.example.org');
    const reissued = await tokens.reissue(head.ctx.tokenId, ADMIN);
    expect(reissued.derived.map((l) => l.id)).toEqual([ann.ctx.tokenId]);
    expect([await valid(head.token), await valid(ann.token), await valid(reissued.token)]).toEqual([
      false,
      false,
      true,
    ]);
    // The new link is the Ethics Office's own, made from nothing.
    const newLink = await portal.resolve(reissued.token);
    expect((await fresh().findOneOrFail(AccessToken, newLink.tokenId)).issuedFrom).toBeNull();

    const bob = await leaderLink(newLink, 'bob@dppa.example.org');
    const kept = await tokens.reissue(newLink.tokenId, ADMIN, { derived: false });
    expect(kept.derived).toEqual([]);
    expect([await valid(reissued.token), await valid(bob.token), await valid(kept.token)]).toEqual([
      false,
      true,
      true,
    ]);
  });
});
