import {
  openTestOrm,
  responseRecorder,
  statementShape,
  statementsOf,
  testDrivers,
  type TestOrm,
} from '@cascade/testing';
import type { PortalPagesController } from './portal-pages.controller';
import {
  FIXTURE_DOMAIN,
  pagesControllerFixture,
  type PagesControllerFixture,
} from './testing/pages-controller-fixture';

const D = FIXTURE_DOMAIN;
const TREE = [
  'name,email,manager_email,language,is_manager',
  `Rosa Head,head${D},,en,yes`,
  `Ann Lead,ann${D},head${D},fr,yes`,
  `Ann One,ann1${D},ann${D},fr,`,
].join('\n');

describe.each(testDrivers())(
  'statements of a Focal Point statistics submission, through the pages controller (%s)',
  (driver) => {
    let db: TestOrm;
    let fixture: PagesControllerFixture;
    let controller: PortalPagesController;
    let token: string;

    beforeAll(async () => {
      db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
      fixture = await pagesControllerFixture(db, TREE);
      controller = fixture.controller;
      token = await fixture.linkFor('focal-point', `focal${D}`);
    });

    afterAll(async () => {
      await fixture?.close();
      await db?.close();
    });

    it("a Focal Point's statistics: 10 statements in the request (one identity read), 10 in the page after it", async () => {
      const page = responseRecorder();
      await controller.show(token, {}, page.response);
      const form = page.answer.html.slice(page.answer.html.indexOf('/statistics?'));
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
      const posted = responseRecorder();
      const request = await statementsOf(db.orm, () =>
        controller.submit(
          token,
          'statistics',
          'en',
          {
            _csrf: csrf,
            eligibleStaff: '3',
            staffParticipated: '0',
            sessionsHeld: '0',
            managersLed: '0',
            nonStaffParticipants: '0',
          },
          posted.response,
        ),
      );
      expect(posted.answer).toMatchObject({
        status: 303,
        location: expect.stringContaining('done=statistics'),
      });
      // The token's read gives the instance the transaction writes from (its version guards the write); the
      // records, the tree and the revision are counted at once; a submitted entity has no timer to plan, so its
      // duty station's holidays are not read; each write is one statement.
      expect(request.map(statementShape)).toEqual([
        'select access_token',
        'begin',
        'select person',
        'select timer',
        'insert outbox',
        'insert audit_event',
        'insert statistics',
        'update entity_workflow',
        'update timer',
        'commit',
      ]);
      const after = responseRecorder();
      const shown = await statementsOf(db.orm, () =>
        controller.show(token, { done: 'statistics' }, after.response),
      );
      expect(after.answer.status).toBe(200);
      // One identity read; the tree's people and the sessions read once for the progress and the list (no
      // session yet, so no questions to read); the Annex E sums ('select ('), the latest figures, the three kinds of request;
      // and the managers' list, which reads the instance again (it is the admin API's list too).
      expect(shown.map(statementShape).sort()).toEqual(
        [
          'select access_token',
          'select person',
          'select session',
          'select (',
          'select statistics',
          'select extension_request',
          'select scenario_proposal',
          'select seminar_request',
          'select entity_workflow',
          'select manager_workflow',
        ].sort(),
      );
    });
  },
);
