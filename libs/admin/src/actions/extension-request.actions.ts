import type { ExtensionRequest } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso } from '../console-view';
import { instanceFacts, pending, reasonField, required } from './action-kit';
import { extensionView, grantExtensionFlow } from './extension-grant';

// An entity's request for more time: granted (the same form as the Extension action) or refused with a reason.

const requestFacts = (request: ExtensionRequest): [string, unknown][] => [
  ...instanceFacts(request.workflow),
  ['Wished deadline', request.wishedDeadline],
  ['Their reason', request.reason],
  ['Asked by', `${request.requestedBy} on ${iso(request.requestedAt)}`],
];

const subjectOf = (request: ExtensionRequest) => ({
  title: `Grant the request of ${request.workflow.entity.code}`,
  instance: request.workflow,
  facts: requestFacts(request),
});

const grantRequest: ConsoleActionSpec = {
  name: 'grant',
  label: 'Grant',
  actionType: 'record',
  icon: 'CheckCircle',
  appliesTo: pending,
  async show({ queries, recordId }) {
    const request = await queries.requests.extensionRequest(recordId);
    return extensionView(subjectOf(request), { deadline: request.wishedDeadline });
  },
  async submit(call) {
    const request = await call.queries.requests.extensionRequest(call.recordId);
    return grantExtensionFlow(call, subjectOf(request), (deadline, reason) =>
      call.services.requests.grantExtensionRequest(request.id, { deadline, reason }, call.actor),
    );
  },
};

const refuseRequest: ConsoleActionSpec = {
  name: 'refuse',
  label: 'Refuse',
  actionType: 'record',
  icon: 'Slash',
  appliesTo: pending,
  async show({ queries, recordId }) {
    const request = await queries.requests.extensionRequest(recordId);
    return {
      title: `Refuse the request of ${request.workflow.entity.code}`,
      intro: 'The Focal Points receive the reason by mail.',
      facts: requestFacts(request),
      form: { fields: [reasonField('Reason (mailed to the Focal Points)')], submit: 'Refuse', danger: true },
    };
  },
  async submit(call) {
    const request = await call.services.requests.refuseExtensionRequest(
      call.recordId ?? 0,
      required(call, 'reason'),
      call.actor,
    );
    return { title: 'Request refused', success: `Extension request ${request.id} refused.` };
  },
};

export const extensionRequestActions: ConsoleActionSpec[] = [grantRequest, refuseRequest];
