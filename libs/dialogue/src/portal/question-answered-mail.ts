import type { SendMailPayload } from '@cascade/scheduling';
import type { Person } from '../org/person.entity';
import type { SessionQuestion } from './requests.entity';

/**
 * The mail telling a session's leader the Ethics Office's answer to the question their session raised, decided at
 * `at`: the leader, the session's day, the question and the answer are frozen into it. Its question's session,
 * workflow and entity must be loaded.
 */
export function questionAnsweredMail(
  question: SessionQuestion,
  leader: Person | null,
  at: Date,
): SendMailPayload {
  const { session } = question;
  return {
    workflowId: session.workflow.id,
    template: 'question-answered',
    audience: ['session-leader'],
    at: at.toISOString(),
    data: {
      recipient: {
        email: session.leaderEmail,
        name: leader?.name ?? '',
        language: leader?.language ?? session.workflow.entity.language,
      },
      heldOn: session.heldOn,
      question: question.text,
      answer: question.answer,
    },
  };
}
