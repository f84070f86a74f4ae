import { parse } from 'csv-parse/sync';
import { sampleDialogueInput, startStack, testDrivers, waitFor, type Stack } from '@cascade/testing';
import { csrfTokens } from './support/hostile-forms';
import { localToday } from './support/hostile-fixture';

/**
 * Stored content that turns against a later reader (issue 22): text a spreadsheet would run as a formula in every
 * CSV export, a participants' link that would take a whole session's worth of feedback from one person, and
 * links made from a revoked link that would stay valid.
 */

const FORMULA = '=HYPERLINK("http://x")';
const entity = (code: string, name: string) => ({
  code,
  name,
  kind: 'office',
  dutyStation: 'Geneva',
  timeZone: 'Europe/Zurich',
  language: 'en',
  headName: `Head of ${code}`,
  headEmail: `head@${code.toLowerCase()}.example.org`,
  focalPoints: [
    { name: `Focal Point of ${code}`, email: `focal@${code.toLowerCase()}.example.org`, language: 'en' },
  ],
});
const ENTITIES = [entity('EQ', FORMULA), entity('PLUS', '+SUM(1;2)'), entity('PLAIN', 'Plain Office')];
/** Every first character a spreadsheet reads as the start of a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

describe.each(testDrivers())('stored content (%s)', (driver) => {
  let stack: Stack;
  const year = new Date().getUTCFullYear();
  const link = async (code: string, role: string, email: string) =>
    (
      await stack.ok<{ token: string }>('POST', `/api/dialogues/${year}/entities/${code}/tokens`, {
        role,
        email,
      })
    ).token;
  const portal = (token: string, action: string, body: unknown) =>
    stack.call<{ code?: string; issues?: { field: string; code: string }[]; participantsToken?: string }>(
      'POST',
      `/api/portal/${token}/${action}`,
      body,
    );
  const csv = async (path: string) => {
    const answer = await stack.call<string>('GET', path);
    expect([path, answer.status, answer.headers.get('content-type')]).toEqual([
      path,
      200,
      expect.stringContaining('text/csv'),
    ]);
    return parse(answer.body, { columns: true }) as Record<string, string>[];
  };
  const noFormula = (rows: Record<string, string>[]) =>
    rows.flatMap((row) => Object.entries(row)).filter(([, cell]) => FORMULA_START.test(cell));

  beforeAll(async () => {
    stack = await startStack({ driver, workers: 1, env: { LOG_LEVEL: 'error' } });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(year));
    await stack.ok('POST', '/api/entities/import', { entities: ENTITIES });
    await stack.ok('POST', `/api/dialogues/${year}/launch`);
    await waitFor(
      async () =>
        (await stack.ok<{ byState: Record<string, number> }>('GET', `/api/dialogues/${year}`)).byState[
          'invited'
        ] === ENTITIES.length,
      { what: 'the worker to invite the entities', timeoutMs: 60000 },
    );
  }, 180000);

  afterAll(() => stack?.stop());

  it('refuses an agency name that is not a name, naming the field, and saves nothing', async () => {
    const focal = await link('EQ', 'focal-point', 'focal@eq.example.org');
    const statistics = {
      eligibleStaff: 20,
      staffParticipated: 10,
      sessionsHeld: 1,
      managersLed: 1,
      nonStaffParticipants: 0,
    };
    for (const agency of [FORMULA, '@SUM(A1)', '+1', '-1', '1UN']) {
      const refused = await portal(focal, 'statistics', {
        ...statistics,
        otherAgencyParticipants: { [agency]: 2 },
      });
      expect([agency, refused.status, refused.body.issues]).toEqual([
        agency,
        422,
        [expect.objectContaining({ field: 'otherAgencyParticipants', code: 'agency-name-letter' })],
      ]);
    }
    expect((await stack.ok<{ state: string }>('GET', `/api/dialogues/${year}/entities/EQ`)).state).toBe(
      'invited',
    );
    // One session, while none is recorded: the Focal Point confirms the figure.
    const saved = await portal(focal, 'statistics', {
      ...statistics,
      otherAgencyParticipants: { UNDP: 2 },
      confirmDifferences: true,
    });
    expect(saved.status).toBeLessThan(300);
  });

  it('takes as many answers on a participants’ link as the session had participants, and says so', async () => {
    const head = await link('PLAIN', 'head-of-entity', 'head@plain.example.org');
    const session = await portal(head, 'sessions', {
      heldOn: localToday('Europe/Zurich'),
      durationMinutes: 60,
      language: 'English',
      format: 'virtual',
      staffParticipants: 2,
      nonStaffParticipants: 0,
    });
    expect(session.status).toBeLessThan(300);
    const participants = session.body.participantsToken as string;
    const page = async () => (await fetch(`${stack.base}/p/${participants}?lang=en`)).text();
    expect(await page()).toContain(
      'one answer for each participant recorded for the session: 2 in all. Answers so far: 0.',
    );
    const answer = { usefulness: 4, openness: 5, relevance: 3 };
    expect((await portal(participants, 'feedback', answer)).status).toBeLessThan(300);
    const csrf = await csrfTokens(stack.base, participants);
    expect((await portal(participants, 'feedback', answer)).status).toBeLessThan(300);
    const full = await portal(participants, 'feedback', answer);
    expect([full.status, full.body.code]).toEqual([409, 'feedback-full']);
    expect(await page()).toContain('All 2 participants recorded for this session have given their feedback');
    expect(await page()).not.toContain('<form method="post"');
    // The form of a page loaded before the link was full: refused the same way.
    const form = await fetch(`${stack.base}/p/${participants}/feedback?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf['feedback'], usefulness: '4', openness: '4', relevance: '4' }),
      redirect: 'manual',
    });
    expect(form.status).toBe(409);
    expect(await form.text()).toContain(
      'All 2 participants recorded for this session have given their feedback',
    );
  });

  it('revokes the links made from a revoked link unless asked not to', async () => {
    await stack.ok(
      'POST',
      `/api/dialogues/${year}/entities/PLAIN/org-tree`,
      [
        'name,email,manager_email,language,is_manager',
        'Head of PLAIN,head@plain.example.org,,en,yes',
        'Mia Manager,mia@plain.example.org,head@plain.example.org,en,yes',
      ].join('\n'),
      { contentType: 'text/csv' },
    );
    const valid = async (token: string) => (await fetch(`${stack.base}/api/portal/${token}`)).status === 200;
    const idOf = async (email: string, role: string) =>
      (
        await stack.ok<{ id: number; email: string; role: string; revokedAt: string | null }[]>(
          'GET',
          `/api/dialogues/${year}/entities/PLAIN/tokens`,
        )
      ).find((l) => l.email === email && l.role === role && !l.revokedAt)?.id as number;
    const leaderFrom = async (token: string) =>
      (
        await stack.ok<{ token: string }>('POST', `/api/portal/${token}/leader-links`, {
          leaderEmail: 'mia@plain.example.org',
        })
      ).token;

    const focal = await link('PLAIN', 'focal-point', 'focal@plain.example.org');
    const kept = await leaderFrom(focal);
    const alone = await stack.ok<{ derivedRevoked: unknown[] }>(
      'POST',
      `/api/tokens/${await idOf('focal@plain.example.org', 'focal-point')}/revoke`,
      { derived: false },
    );
    expect([alone.derivedRevoked, await valid(focal), await valid(kept)]).toEqual([[], false, true]);

    const head = await link('PLAIN', 'head-of-entity', 'head@plain.example.org');
    const leader = await leaderFrom(head);
    const session = await portal(leader, 'sessions', {
      heldOn: localToday('Europe/Zurich'),
      durationMinutes: 60,
      language: 'English',
      format: 'virtual',
      staffParticipants: 12,
      nonStaffParticipants: 0,
    });
    const participants = session.body.participantsToken as string;
    const headId = await idOf('head@plain.example.org', 'head-of-entity');
    const revoked = await stack.ok<{ derivedRevoked: { role: string; issuedFromId: number }[] }>(
      'POST',
      `/api/tokens/${headId}/revoke`,
    );
    expect(revoked.derivedRevoked.map((l) => l.role)).toEqual(['leader', 'participants']);
    expect(revoked.derivedRevoked[0].issuedFromId).toBe(headId);
    expect([await valid(head), await valid(leader), await valid(participants), await valid(kept)]).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
  // Last: issuing the report closes every entity.
  it('neutralises every formula-like cell of the plan and the report (draft and issued) CSV', async () => {
    const late = await stack.call('POST', `/api/dialogues/${year}/entities`, entity('LATE', '@late entity'));
    expect(late.status).toBeLessThan(300);
    const plan = await csv(`/api/dialogues/${year}/plan?format=csv&status=all`);
    const draft = await csv(`/api/dialogues/${year}/report/draft?format=csv`);
    const issued = await stack.ok<{ version: number }>('POST', `/api/dialogues/${year}/report`);
    const report = await csv(`/api/dialogues/${year}/reports/${issued.version}?format=csv`);
    for (const rows of [plan, draft, report]) expect(noFormula(rows)).toEqual([]);
    const names = (rows: Record<string, string>[], column: string) =>
      new Set(rows.map((r) => r[column]).filter(Boolean));
    expect(names(plan, 'entity_name')).toEqual(
      new Set([`'${FORMULA}`, "'+SUM(1;2)", 'Plain Office', "'@late entity"]),
    );
    for (const rows of [draft, report]) {
      expect(rows.find((r) => r['code'] === 'EQ')).toMatchObject({
        name: `'${FORMULA}`,
        other_agency_participants: 'UNDP:2',
      });
      expect(rows.find((r) => r['code'] === 'PLUS')?.['name']).toBe("'+SUM(1;2)");
      expect(rows.find((r) => r['code'] === 'LATE')?.['name']).toBe("'@late entity");
    }
  });
});
