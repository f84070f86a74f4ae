import type { ConsoleActionSpec } from '../console-action';
import { pending, required } from './action-kit';

const decideScenario = (approve: boolean): ConsoleActionSpec => ({
  name: approve ? 'approve' : 'reject',
  actionType: 'record',
  icon: approve ? 'ThumbsUp' : 'ThumbsDown',
  appliesTo: pending,
  async show({ queries, recordId, t }) {
    const proposal = await queries.requests.scenarioProposal(recordId);
    const code = proposal.workflow.entity.code;
    return {
      title: approve ? t('scenario.approveTitle', { code }) : t('scenario.rejectTitle', { code }),
      facts: [
        [t('scenario.title'), proposal.title],
        [t('scenario.description'), proposal.description],
        [t('scenario.proposedBy'), proposal.proposedBy],
      ],
      form: {
        fields: [{ name: 'feedback', label: t('scenario.feedback'), type: 'textarea', required: true }],
        submit: approve ? t('scenario.approve') : t('scenario.reject'),
        danger: !approve,
      },
    };
  },
  async submit(call) {
    const proposal = await call.services.requests.decideScenario(
      call.recordId ?? 0,
      approve,
      required(call, 'feedback'),
      call.actor,
    );
    const { id } = proposal;
    return {
      title: call.t('scenario.doneTitle'),
      success: approve ? call.t('scenario.approved', { id }) : call.t('scenario.rejected', { id }),
    };
  },
});

export const scenarioProposalActions: ConsoleActionSpec[] = [decideScenario(true), decideScenario(false)];
