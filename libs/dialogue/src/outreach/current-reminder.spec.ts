import { WORKFLOWS_DIR } from '@cascade/testing';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { currentReminder } from './current-reminder';

const definition = WorkflowRegistry.fromDirectory(WORKFLOWS_DIR).latest('leadership-dialogue');
const entity = (state: string, escalationLevel = 0) => ({
  state,
  escalationLevel,
  effectiveDeadline: '2026-12-31',
});

describe('the reminder an entity is owed now, as its workflow defines it', () => {
  it('before the deadline: the reminder timers’ mail, to the Focal Points', () => {
    for (const state of ['invited', 'cascading'])
      expect([state, currentReminder(definition, entity(state), '2026-12-01')]).toEqual([
        state,
        { template: 'reminder', audience: ['focal-points'] },
      ]);
  });

  it('past the deadline or escalated: the first escalation step’s notice, to the Focal Points and the Head', () => {
    const notice = { template: 'overdue-notice', audience: ['focal-points', 'head-of-entity'] };
    expect(currentReminder(definition, entity('cascading'), '2027-01-05')).toEqual(notice);
    expect(currentReminder(definition, entity('overdue', 2), '2026-12-01')).toEqual(notice);
  });

  it('nothing for an entity that owes nothing', () => {
    for (const state of ['pending', 'stats-submitted', 'reported', 'not-completed', 'withdrawn'])
      expect([state, currentReminder(definition, entity(state), '2026-12-01')]).toEqual([state, null]);
  });
});
