import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MailRenderer, TEMPLATES_DIR } from '@cascade/mail';
import { OutboxMessage } from '@cascade/scheduling';
import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { readEntityCsv } from '../entity/entity-csv';
import { EntityImportService } from '../entity/entity-import.service';
import { OrgTreeService } from '../org/org-tree.service';
import { AccessToken } from '../portal/access-token.entity';
import { RequestsService } from '../portal/requests.service';
import { SessionService } from '../session/session.service';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { MailComposer } from './mail-composer.service';
import { MailMessage } from './mail-message.entity';
import { PERSONAL_LINK } from './mail-data';
import { MailPreviewService, type EntityMailPreview } from './mail-preview.service';
import { mailSettingsOf } from './mail-settings';

const ADMIN = 'admin@test';
const YEAR = 2026;
/** Two real entities of the seed list (their English and French names), with a Head and a Focal Point each. */
const SEED = readEntityCsv(
  readFileSync(path.resolve(__dirname, '../../../persistence/seed/entities.csv'), 'utf8'),
)
  .map(({ raw }) => raw)
  .filter((row) => row.code === 'DPPA' || row.code === 'UNOG');
const TREE = [
  'name,email,manager_email,language,is_manager',
  'Rosemary Head,head@dppa.example.org,,en,yes',
  ...[1, 2, 3].map((i) => `Staff ${i},staff${i}@dppa.example.org,head@dppa.example.org,fr,`),
].join('\n');

const ready = (preview: EntityMailPreview) => {
  if (preview.kind !== 'ready') throw new Error(`expected a preview, got ${JSON.stringify(preview)}`);
  return preview;
};

describe.each(testDrivers())('a mail previewed with an entity’s real data (%s)', (driver) => {
  let db: TestOrm;
  let previews: MailPreviewService;
  /** Every table a sent mail, a decision or a token link would write to. */
  const counts = async () => {
    const em = db.orm.em.fork();
    return {
      mails: await em.count(MailMessage, {}),
      outbox: await em.count(OutboxMessage, {}),
      tokens: await em.count(AccessToken, {}),
      audit: await em.count(AuditEvent, {}),
    };
  };

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    const imported = await new EntityImportService(orm.em, clock).importJson(
      SEED.map((row) => ({
        ...row,
        headName: `Rosemary Head of ${row.code}`,
        headEmail: `head@${String(row.code).toLowerCase()}.example.org`,
        focalPoints: [
          {
            name: `Fatou Point of ${row.code}`,
            email: `focal@${String(row.code).toLowerCase()}.example.org`,
            language: 'fr',
          },
        ],
      })),
      ADMIN,
    );
    expect(imported.created).toBe(2);
    await new OrgTreeService(orm.em, clock, registry).importEntityCsv('DPPA', TREE, ADMIN);
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    // The Head's session raised a question, which the Ethics Office answered.
    await new SessionService(workflows).report(
      YEAR,
      'DPPA',
      { email: 'head@dppa.example.org', name: null },
      {
        heldOn: '2026-10-01',
        durationMinutes: 90,
        language: 'English',
        format: 'in-person',
        staffParticipants: 3,
        nonStaffParticipants: 0,
        otherAgencyParticipants: {},
        questions: ['May I accept a lunch invitation?'],
      },
      ADMIN,
    );
    const requests = new RequestsService(orm.em, clock, workflows);
    const [question] = await requests.questions(YEAR, { unanswered: true });
    await requests.answerQuestion(question.id, 'Only of nominal value.', ADMIN);
    await workflows.grantExtension(YEAR, 'DPPA', '2027-01-29', 'Mission transition', ADMIN);
    const composer = new MailComposer(
      orm.em,
      clock,
      MailRenderer.fromDirectory(TEMPLATES_DIR, { strict: true }),
      mailSettingsOf({
        ethicsOffice: 'Ethics Office <ethics@un.test>',
        from: undefined,
        publicUrl: 'http://x.test',
      }),
      registry,
    );
    previews = new MailPreviewService(orm.em, clock, registry, composer);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('composes the invitation as sent today: the entity’s name and deadline in English and French, to its people, writing nothing', async () => {
    const before = await counts();
    const english = ready(await previews.forEntity({ template: 'invitation', language: 'en', code: 'DPPA' }));
    expect(english.entity).toEqual({
      year: YEAR,
      code: 'DPPA',
      name: 'Department of Political and Peacebuilding Affairs',
      timeZone: 'America/New_York',
    });
    expect(english.draft.template).toBe('invitation');
    expect(
      english.draft.mails.map((m) => [m.recipient.role, m.recipient.address, m.recipient.language]),
    ).toEqual([
      ['focal-point', 'focal@dppa.example.org', 'fr'],
      ['head-of-entity', 'head@dppa.example.org', 'en'],
    ]);
    const [first] = english.draft.mails;
    expect(first.rendered.subject).toBe(
      `Leadership Dialogue ${YEAR}: invitation for Department of Political and Peacebuilding Affairs`,
    );
    // The extension granted above is the deadline the entity works to now.
    expect(first.rendered.text).toContain('29 January 2027');
    expect(first.rendered.text).toContain('Fatou Point of DPPA');
    expect(first.rendered.text).toContain(PERSONAL_LINK);

    const french = ready(
      await previews.forEntity({ template: 'invitation', language: 'fr', code: 'DPPA', year: YEAR }),
    );
    expect(french.entity.name).toBe('Département des affaires politiques et de la consolidation de la paix');
    expect(french.draft.mails[0].rendered.subject).toContain(
      'Département des affaires politiques et de la consolidation de la paix',
    );
    expect(french.draft.mails[0].rendered.text).toContain('29 janvier 2027');
    expect(await counts()).toEqual(before);
  });

  it('composes the extension-granted mail with the granted deadline and reason, and a manager’s turn with the manager', async () => {
    const before = await counts();
    const granted = ready(
      await previews.forEntity({ template: 'extension-granted', language: 'en', code: 'DPPA' }),
    );
    expect(granted.draft.mails[0].rendered.subject).toContain('extension granted to Department of Political');
    expect(granted.draft.mails[0].rendered.text).toContain('29 January 2027');
    expect(granted.draft.mails[0].rendered.text).toContain('Mission transition');

    const turn = ready(
      await previews.forEntity({ template: 'manager-your-turn', language: 'fr', code: 'DPPA' }),
    );
    expect(turn.manager).toEqual({ name: 'Rosemary Head', email: 'head@dppa.example.org' });
    expect(turn.draft.mails.map((m) => m.recipient.address)).toEqual(['head@dppa.example.org']);
    expect(turn.draft.mails[0].rendered.text).toContain('Rosemary Head');

    // The latest answered question, to the leader of its session, in French.
    const answered = ready(
      await previews.forEntity({ template: 'question-answered', language: 'fr', code: 'DPPA' }),
    );
    expect(answered.draft.mails.map((m) => [m.recipient.role, m.recipient.address])).toEqual([
      ['leader', 'head@dppa.example.org'],
    ]);
    expect(answered.draft.mails[0].rendered.text).toContain('May I accept a lunch invitation?');
    expect(answered.draft.mails[0].rendered.text).toContain('Only of nominal value.');
    expect(await counts()).toEqual(before);
  });

  it('lists the entities of the latest dialogue, or of a year, for the picker', async () => {
    const expected = {
      year: YEAR,
      entities: [
        { code: 'DPPA', name: 'Department of Political and Peacebuilding Affairs' },
        { code: 'UNOG', name: expect.stringContaining('Geneva') },
      ],
    };
    expect(await previews.entities()).toEqual(expected);
    expect(await previews.entities(YEAR)).toEqual(expected);
    expect(await previews.entities(1999)).toBeNull();
  });

  it('says which fact is missing instead of inventing it, and knows no entity it has not got', async () => {
    const before = await counts();
    // UNOG has no extension, no tree, no statistics, no question; DPPA's Head has scheduled no session, DPPA was
    // invited with the others (not added late) and no report has been issued.
    const missing = async (template: string, code: string) => {
      const preview = await previews.forEntity({ template, language: 'en', code });
      return preview.kind === 'missing' ? preview.missing : preview.kind;
    };
    expect(await missing('extension-granted', 'UNOG')).toBe('no-extension-granted');
    expect(await missing('statistics-received', 'UNOG')).toBe('no-statistics');
    expect(await missing('manager-your-turn', 'UNOG')).toBe('no-managers');
    expect(await missing('session-invitation', 'DPPA')).toBe('no-scheduled-session');
    expect(await missing('daily-digest', 'DPPA')).toBe('not-about-an-entity');
    expect(await missing('question-answered', 'UNOG')).toBe('no-answered-question');
    expect(await missing('late-entity-welcome', 'DPPA')).toBe('not-added-late');
    expect(await missing('report-issued', 'DPPA')).toBe('no-report-issued');
    expect(await missing('managers-digest', 'DPPA')).toBe('frozen-when-decided');
    expect(await missing('invitation', 'NOPE')).toBe('unknown-entity');
    expect(
      (await previews.forEntity({ template: 'invitation', language: 'en', code: 'DPPA', year: 1999 })).kind,
    ).toBe('unknown-entity');
    expect(
      (
        await previews.forEntity({
          template: 'manager-reminder',
          language: 'en',
          code: 'DPPA',
          manager: 'x@y.z',
        })
      ).kind,
    ).toBe('unknown-manager');
    expect(await counts()).toEqual(before);
  });
});
