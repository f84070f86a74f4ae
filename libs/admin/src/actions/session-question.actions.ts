import type { ConsoleActionSpec } from '../console-action';
import { required } from './action-kit';

const answerQuestion: ConsoleActionSpec = {
  name: 'answer',
  label: 'Answer',
  actionType: 'record',
  icon: 'MessageCircle',
  appliesTo: (p) => !p['answer'],
  async show({ queries, recordId }) {
    const question = await queries.requests.question(recordId);
    return {
      title: `Answer a question from ${question.session.workflow.entity.code}`,
      facts: [
        ['Question', question.text],
        ['Session', `${question.session.heldOn}, led by ${question.session.leaderEmail}`],
      ],
      form: {
        fields: [{ name: 'answer', label: 'Answer', type: 'textarea', rows: 6, required: true }],
        submit: 'Answer',
      },
    };
  },
  async submit(call) {
    const question = await call.services.requests.answerQuestion(
      call.recordId ?? 0,
      required(call, 'answer'),
      call.actor,
    );
    return { title: 'Question answered', success: `Question ${question.id} answered.` };
  },
};

export const sessionQuestionActions: ConsoleActionSpec[] = [answerQuestion];
