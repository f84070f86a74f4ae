import type { ConsoleActionSpec } from '../console-action';
import { required } from './action-kit';

const answerQuestion: ConsoleActionSpec = {
  name: 'answer',
  actionType: 'record',
  icon: 'MessageCircle',
  appliesTo: (p) => !p['answer'],
  async show({ queries, recordId, t }) {
    const question = await queries.requests.question(recordId);
    const { session } = question;
    return {
      title: t('question.title', { code: session.workflow.entity.code }),
      facts: [
        [t('question.question'), question.text],
        [
          t('question.session'),
          t('question.sessionValue', { heldOn: session.heldOn, leader: session.leaderEmail }),
        ],
      ],
      form: {
        fields: [{ name: 'answer', label: t('question.answer'), type: 'textarea', rows: 6, required: true }],
        submit: t('question.submit'),
      },
    };
  },
  async submit(call) {
    const question = await call.services.requests.answerQuestion(
      call.recordId ?? 0,
      required(call, 'answer'),
      call.actor,
    );
    return { title: call.t('question.doneTitle'), success: call.t('question.done', { id: question.id }) };
  },
};

export const sessionQuestionActions: ConsoleActionSpec[] = [answerQuestion];
