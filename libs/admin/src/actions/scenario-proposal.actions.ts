import type { ConsoleActionSpec } from '../console-action';
import { pending, required } from './action-kit';

const decideScenario = (approve: boolean): ConsoleActionSpec => ({
  name: approve ? 'approve' : 'reject',
  label: approve ? 'Approve' : 'Reject',
  actionType: 'record',
  icon: approve ? 'ThumbsUp' : 'ThumbsDown',
  appliesTo: pending,
  async show({ queries, recordId }) {
    const proposal = await queries.requests.scenarioProposal(recordId);
    return {
      title: `${approve ? 'Approve' : 'Reject'} the scenario of ${proposal.workflow.entity.code}`,
      facts: [
        ['Title', proposal.title],
        ['Description', proposal.description],
        ['Proposed by', proposal.proposedBy],
      ],
      form: {
        fields: [{ name: 'feedback', label: 'Feedback to the entity', type: 'textarea', required: true }],
        submit: approve ? 'Approve' : 'Reject',
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
    return { title: 'Scenario decided', success: `Scenario proposal ${proposal.id} ${proposal.status}.` };
  },
});

export const scenarioProposalActions: ConsoleActionSpec[] = [decideScenario(true), decideScenario(false)];
