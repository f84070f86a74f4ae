import { managersOf, syncWithTree, turnHasCome } from './cascade-order';
import { sessionAdvice } from './session-advice';

const person = (email: string, managerEmail: string | null, isManager = true) => ({
  email,
  name: email.split('@')[0],
  language: 'en' as const,
  managerEmail,
  isManager,
});

describe('the managers of a tree and their turn', () => {
  const people = [
    person('head@x.org', null),
    person('a@x.org', 'head@x.org'),
    person('b@x.org', 'head@x.org'),
    person('a1@x.org', 'a@x.org', false),
    person('a2@x.org', 'a@x.org', false),
    person('lone@x.org', 'outside@y.org'),
  ];

  it('counts each manager their direct reports; people without reports are not managers', () => {
    expect(managersOf(people).map((m) => [m.email, m.directReports])).toEqual([
      ['head@x.org', 2],
      ['a@x.org', 2],
      ['b@x.org', 0],
      ['lone@x.org', 0],
    ]);
  });

  it("comes at launch for the top and anyone whose manager is outside the tree; otherwise after their manager's session", () => {
    const inTree = new Set(people.map((p) => p.email));
    const none = new Map<string, number>();
    const headLed = new Map([['head@x.org', 1]]);
    expect(turnHasCome(people[0], inTree, none)).toBe(true);
    expect(turnHasCome(people[5], inTree, none)).toBe(true);
    expect(turnHasCome(people[1], inTree, none)).toBe(false);
    expect(turnHasCome(people[1], inTree, headLed)).toBe(true);
    expect(turnHasCome(people[3], inTree, headLed)).toBe(false);
  });

  it('a re-import keeps those who stay, withdraws those who left and adds newcomers', () => {
    const instances = [{ email: 'head@x.org' }, { email: 'gone@x.org' }, { email: 'a@x.org' }];
    const sync = syncWithTree(instances, managersOf(people));
    expect(sync.stay.map((s) => s.instance.email)).toEqual(['head@x.org', 'a@x.org']);
    expect(sync.leave).toEqual([{ email: 'gone@x.org' }]);
    expect(sync.add.map((m) => m.email)).toEqual(['b@x.org', 'lone@x.org']);
  });
});

describe('sizing advice from the team (defaults of manager-session v1: split above 25, joint below 10)', () => {
  const p = { splitAbove: 25, jointBelow: 10 };
  const sro = { name: 'Sam', email: 'sam@x.org' };
  const peers = [{ name: 'Kim', email: 'kim@x.org' }];
  const advice = (directReports: number) =>
    sessionAdvice({ directReports, secondReportingOfficer: sro, peerManagers: peers }, p);

  it.each([
    [26, { kind: 'split', directReports: 26, sessions: 2, maxSize: 13 }],
    [51, { kind: 'split', directReports: 51, sessions: 3, maxSize: 17 }],
    [25, { kind: 'single', directReports: 25 }],
    [10, { kind: 'single', directReports: 10 }],
    [9, { kind: 'joint', directReports: 9, secondReportingOfficer: sro, units: peers }],
    [0, { kind: 'joint', directReports: 0, secondReportingOfficer: sro, units: peers }],
  ])('%i direct reports', (n, expected) => {
    expect(advice(n)).toEqual(expected);
  });
});
