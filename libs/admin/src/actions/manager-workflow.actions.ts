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

const changed = (call: ActionCall, m: ManagerWorkflow, after: ManagerWorkflow, title: string) => {
  const { t } = call;
  return {
    title,
    success: t('manager.moved', {
      name: m.name,
      code: m.workflow.entity.code,
      from: m.state,
      to: after.state,
    }),
    facts: [
      [t('common.state'), after.state],
      [t('common.reason'), call.payload['reason']?.trim()],
    ] as [string, unknown][],
    links: [managerLink(t, m.id), cascadeLink(t, m.workflow.id)],
  };
};

const excuse: ConsoleActionSpec = {
  name: 'excuse',
  actionType: 'record',
  icon: 'UserX',
  appliesTo: (p) => EXCUSABLE.includes(String(p['state'])),
  async show({ queries, recordId, t }) {
    const m = await queries.cascade.byId(recordId);
    return {
      title: t('manager.excuseTitle', { name: m.name, code: m.workflow.entity.code }),
      intro: t('manager.excuseIntro'),
      facts: managerFacts(t, m),
      form: {
        fields: [reasonField(t, t('manager.excuseReason'))],
        submit: t('manager.excuseSubmit'),
        danger: true,
      },
    };
  },
  async submit(call) {
    const m = await call.queries.cascade.byId(call.recordId);
    const after = await call.services.cascade.excuse(...keyOf(m), call.payload['reason'], call.actor);
    return changed(call, m, after, call.t('manager.excusedTitle', { name: m.name }));
  },
};

const reinstate: ConsoleActionSpec = {
  name: 'reinstate',
  actionType: 'record',
  icon: 'UserCheck',
  appliesTo: (p) => p['state'] === 'excused',
  async show({ queries, recordId, t }) {
    const m = await queries.cascade.byId(recordId);
    return {
      title: t('manager.reinstateTitle', { name: m.name, code: m.workflow.entity.code }),
      intro: t('manager.reinstateIntro'),
      facts: managerFacts(t, m),
      form: { fields: [reasonField(t)], submit: t('manager.reinstateSubmit') },
    };
  },
  async submit(call) {
    const m = await call.queries.cascade.byId(call.recordId);
    const after = await call.services.cascade.reinstate(...keyOf(m), call.payload['reason'], call.actor);
    return changed(call, m, after, call.t('manager.reinstatedTitle', { name: m.name }));
  },
};

export const managerWorkflowActions: ConsoleActionSpec[] = [managerTimeline, excuse, reinstate];
