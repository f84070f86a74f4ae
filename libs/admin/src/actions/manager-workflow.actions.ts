import type { ManagerWorkflow } from '@cascade/dialogue';
import type { ActionCall, ConsoleActionSpec } from '../console-action';
import { cascadeLink, managerFacts, managerLink, reasonField } from './action-kit';
import { managerTimeline } from './manager-timeline.action';

// The actions on one manager of a reporting tree: their timeline, excusing them, reinstating them. Both changes go
// through the cascade service (the engine decides, one transaction with its audit row); the reason is required.

/** States the workflow excuses from (manager-session v1); the engine refuses any other, this only hides the button. */
const EXCUSABLE = ['waiting', 'your-turn', 'scheduled'];

/** The manager's year and entity, as the cascade service names a manager. */
const keyOf = (m: ManagerWorkflow) => [m.workflow.dialogue.year, m.workflow.entity.code, m.email] as const;

const changed = (call: ActionCall, m: ManagerWorkflow, after: ManagerWorkflow, what: string) => ({
  title: `${m.name}: ${what}`,
  success: `${m.name} (${m.workflow.entity.code}) moved from ${m.state} to ${after.state}.`,
  facts: [
    ['State', after.state],
    ['Reason', call.payload['reason']?.trim()],
  ] as [string, unknown][],
  links: [managerLink(m.id), cascadeLink(m.workflow.id)],
});

const excuse: ConsoleActionSpec = {
  name: 'excuse',
  label: 'Excuse',
  actionType: 'record',
  icon: 'UserX',
  appliesTo: (p) => EXCUSABLE.includes(String(p['state'])),
  async show({ queries, recordId }) {
    const m = await queries.cascade.byId(recordId);
    return {
      title: `Excuse ${m.name} (${m.workflow.entity.code})`,
      intro:
        'An excused manager is not expected to hold a session this year: no reminder or nudge goes out about them. Reinstate them to bring their turn back.',
      facts: managerFacts(m),
      form: {
        fields: [reasonField('Why this manager holds no session this year (kept in the audit trail)')],
        submit: 'Excuse',
        danger: true,
      },
    };
  },
  async submit(call) {
    const m = await call.queries.cascade.byId(call.recordId);
    const after = await call.services.cascade.excuse(...keyOf(m), call.payload['reason'], call.actor);
    return changed(call, m, after, 'excused');
  },
};

const reinstate: ConsoleActionSpec = {
  name: 'reinstate',
  label: 'Reinstate',
  actionType: 'record',
  icon: 'UserCheck',
  appliesTo: (p) => p['state'] === 'excused',
  async show({ queries, recordId }) {
    const m = await queries.cascade.byId(recordId);
    return {
      title: `Reinstate ${m.name} (${m.workflow.entity.code})`,
      intro:
        "The manager is expected to hold a session after all: back to their turn (with its reminders) if their own manager's session is recorded, to waiting otherwise.",
      facts: managerFacts(m),
      form: { fields: [reasonField()], submit: 'Reinstate' },
    };
  },
  async submit(call) {
    const m = await call.queries.cascade.byId(call.recordId);
    const after = await call.services.cascade.reinstate(...keyOf(m), call.payload['reason'], call.actor);
    return changed(call, m, after, 'reinstated');
  },
};

export const managerWorkflowActions: ConsoleActionSpec[] = [managerTimeline, excuse, reinstate];
