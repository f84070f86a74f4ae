import type { ExtensionRequest } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso } from '../console-view';
import type { Translate } from '../locale/console-text';
import { instanceFacts, pending, reasonField, required } from './action-kit';
import { extensionView, grantExtensionFlow } from './extension-grant';

// An entity's request for more time: granted (the same form as the Extension action) or refused with a reason.

const requestFacts = (t: Translate, request: ExtensionRequest): [string, unknown][] => [
  ...instanceFacts(t, request.workflow),
  [t('requests.wishedDeadline'), request.wishedDeadline],
  [t('requests.theirReason'), request.reason],
  [
    t('requests.askedBy'),
    t('requests.askedByValue', { by: request.requestedBy, at: iso(request.requestedAt) }),
  ],
];

const subjectOf = (t: Translate, request: ExtensionRequest) => ({
  title: t('requests.grantTitle', { code: request.workflow.entity.code }),
  instance: request.workflow,
  facts: requestFacts(t, request),
});

const grantRequest: ConsoleActionSpec = {
  name: 'grant',
  actionType: 'record',
  icon: 'CheckCircle',
  appliesTo: pending,
  async show({ queries, recordId, t }) {
    const request = await queries.requests.extensionRequest(recordId);
    return extensionView(t, subjectOf(t, request), { deadline: request.wishedDeadline });
  },
  async submit(call) {
    const request = await call.queries.requests.extensionRequest(call.recordId);
    return grantExtensionFlow(call, subjectOf(call.t, request), (deadline, reason) =>
      call.services.requests.grantExtensionRequest(request.id, { deadline, reason }, call.actor),
    );
  },
};

const refuseRequest: ConsoleActionSpec = {
  name: 'refuse',
  actionType: 'record',
  icon: 'Slash',
  appliesTo: pending,
  async show({ queries, recordId, t }) {
    const request = await queries.requests.extensionRequest(recordId);
    return {
      title: t('requests.refuseTitle', { code: request.workflow.entity.code }),
      intro: t('requests.refuseIntro'),
      facts: requestFacts(t, request),
      form: {
        fields: [reasonField(t, t('requests.refuseReason'))],
        submit: t('requests.refuseSubmit'),
        danger: true,
      },
    };
  },
  async submit(call) {
    const request = await call.services.requests.refuseExtensionRequest(
      call.recordId ?? 0,
      required(call, 'reason'),
      call.actor,
    );
    return {
      title: call.t('requests.refusedTitle'),
      success: call.t('requests.refused', { id: request.id }),
    };
  },
};

export const extensionRequestActions: ConsoleActionSpec[] = [grantRequest, refuseRequest];
