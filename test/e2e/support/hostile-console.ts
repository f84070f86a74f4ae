import fc from 'fast-check';
import { printable, type Fault, type HostileCase } from './hostile-cases';
import type { HostileFixture } from './hostile-fixture';
import { text, withControl } from './hostile-values';

/**
 * The console's API (`/admin/api/resources/…`, logged in as an admin) asked for a resource, an action or a
 * record that does not exist (issue 22: AdminJS answered 500). Each case names at least one thing that is not
 * there, so nothing can act; the answer must be a 404 naming it.
 */

/** The console's resources, and every action any of them has (AdminJS's own included): never "unknown". */
const RESOURCES = [
  'Dialogue',
  'EntityWorkflow',
  'OrgEntity',
  'FocalPoint',
  'Person',
  'ExtensionRequest',
  'SessionQuestion',
  'ScenarioProposal',
  'SeminarRequest',
  'SessionRecord',
  'StatisticsSubmission',
  'Report',
  'MailMessage',
  'Timer',
  'DutyStationHoliday',
  'AuditEvent',
  'AdminUser',
];
const KNOWN_ACTIONS = new Set([
  ...['list', 'search', 'new', 'show', 'edit', 'delete', 'bulkDelete'],
  ...['launch', 'addLateEntity', 'issueReport', 'timeline', 'grantExtension', 'override', 'withdraw'],
  ...['reissueLinks', 'importOrgTree', 'importEntities', 'grant', 'refuse', 'answer', 'approve', 'reject'],
  ...['resend', 'changeRole', 'disableAccount', 'enableAccount', 'resetPassword', 'createAccount'],
  ...['addHoliday', 'withdrawHoliday'],
]);
/** Actions every resource has, on the resource and on one record. */
const RESOURCE_ACTIONS = ['list', 'search'];
const RECORD_ACTIONS = ['show'];

/** A path segment that a URL keeps as it is (`.` and `..` are resolved away before the request leaves). */
const segment = (name: string) => encodeURIComponent(name);
const usable = (name: string) => name !== '.' && name !== '..';

function unknownResource(): fc.Arbitrary<{ name: string; fault: Fault }> {
  return fc
    .oneof(
      fc.constantFrom(
        'NoSuch',
        'orgentity',
        'ORGENTITY',
        'OrgEntity ',
        'Org Entity',
        '__proto__',
        'constructor',
      ),
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,30}$/),
      text(30),
      withControl(10),
    )
    .filter((name) => usable(name) && !RESOURCES.includes(name))
    .map((name) => ({ name, fault: { field: 'resource', mention: `no resource '${name}'` } }));
}

/** A name no resource has for that kind of route, or an action of the other kind (`wrongKind`). */
function unknownAction(kind: 'resource' | 'record' | 'bulk', wrongKind: string[]) {
  return fc
    .oneof(
      fc.constantFrom(
        'doesNotExist',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'List',
        'SHOW',
      ),
      fc.stringMatching(/^[a-z][A-Za-z0-9]{0,30}$/),
      text(30),
      withControl(10),
      fc.constantFrom(...wrongKind),
    )
    .filter((name) => usable(name) && (wrongKind.includes(name) || !KNOWN_ACTIONS.has(name)))
    .map((name) => ({ name, fault: { field: 'action', mention: `${kind} action '${name}'` } }));
}

function unknownRecord(): fc.Arbitrary<{ name: string; fault: Fault }> {
  return (
    fc
      .oneof(
        fc.constantFrom('0', '-1', 'abc', '1.0', '1e3', '0x1', '01', '2147483648', '99999999999', ' 1'),
        fc.integer({ min: 1_000_000, max: 2_147_483_647 }).map(String),
        text(20),
      )
      // The fixture's ids are small: a plain number under a million might name a row.
      .filter((name) => usable(name) && !(/^[1-9][0-9]*$/.test(name) && Number(name) < 1_000_000))
      .map((name) => ({ name, fault: { field: 'record', mention: `no record '${name}'` } }))
  );
}

const known = <T>(values: T[]) => fc.constantFrom(...values).map((name) => ({ name, fault: null }));

export function consoleSurfaces(f: HostileFixture): Record<string, fc.Arbitrary<HostileCase>> {
  const method = fc.constantFrom<HostileCase['method']>('GET', 'POST');
  const asCase = (verb: HostileCase['method'], path: string, faults: (Fault | null)[]) =>
    printable({
      surface: 'console API',
      method: verb,
      path,
      body: verb === 'POST' ? '{}' : undefined,
      contentType: verb === 'POST' ? 'application/json' : undefined,
      admin: false,
      headers: f.console.headers,
      answer: 'json',
      faults: faults.filter((x): x is Fault => x !== null),
    });
  const resourceAction = fc
    .tuple(
      method,
      fc.oneof(unknownResource(), known(RESOURCES)),
      fc.oneof(
        unknownAction('resource', [...RECORD_ACTIONS, 'timeline', 'withdraw']),
        known(RESOURCE_ACTIONS),
      ),
    )
    .filter(([, r, a]) => r.fault !== null || a.fault !== null)
    .map(([verb, r, a]) =>
      asCase(verb, `/admin/api/resources/${segment(r.name)}/actions/${segment(a.name)}`, [r.fault, a.fault]),
    );
  // The resource and the record together: a known record only of a known resource that has it.
  const recordOf = fc.oneof(
    fc.tuple(unknownResource(), fc.oneof(unknownRecord(), known(['1']))),
    fc
      .constantFrom(...Object.keys(f.console.recordIds))
      .chain((resource) =>
        fc.tuple(known([resource]), fc.oneof(unknownRecord(), known(f.console.recordIds[resource]))),
      ),
  );
  const recordAction = fc
    .tuple(method, recordOf, fc.oneof(unknownAction('record', RESOURCE_ACTIONS), known(RECORD_ACTIONS)))
    // A known record with a known action would act: the resource, the record or the action is unknown.
    .filter(([, [r, id], a]) => r.fault !== null || id.fault !== null || a.fault !== null)
    .map(([verb, [r, id], a]) =>
      asCase(verb, `/admin/api/resources/${segment(r.name)}/records/${segment(id.name)}/${segment(a.name)}`, [
        r.fault,
        id.fault,
        a.fault,
      ]),
    );
  const bulkAndSearch = fc.oneof(
    fc
      .tuple(method, fc.oneof(unknownResource(), known(RESOURCES)), unknownAction('bulk', ['list', 'show']))
      .map(([verb, r, a]) =>
        asCase(verb, `/admin/api/resources/${segment(r.name)}/bulk/${segment(a.name)}?recordIds=1`, [
          r.fault,
          a.fault,
        ]),
      ),
    unknownResource().map((r) =>
      asCase('GET', `/admin/api/resources/${segment(r.name)}/search/x`, [r.fault]),
    ),
  );
  return {
    'console API: unknown resources, records and actions': fc.oneof(
      resourceAction,
      recordAction,
      bulkAndSearch,
    ),
  };
}
