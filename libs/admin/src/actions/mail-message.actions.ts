import type { ConsoleActionSpec } from '../console-action';

const resendMail: ConsoleActionSpec = {
  name: 'resend',
  label: 'Resend',
  actionType: 'record',
  icon: 'RotateCw',
  async show({ queries, recordId }) {
    const mail = await queries.mails.byId(recordId);
    return {
      title: `Resend mail ${mail.id}`,
      intro: 'The same content is sent again as a new mail, with its own delivery.',
      facts: [
        ['To', `${mail.recipientName} <${mail.recipientAddress}>`],
        ['Subject', mail.subject],
        ['Template', mail.template],
        ['Status', mail.status],
        ['Last error', mail.lastError],
      ],
      form: { fields: [], submit: 'Resend' },
    };
  },
  async submit(call) {
    const copy = await call.services.mails.resend(call.recordId ?? 0, call.actor);
    return { title: 'Mail resent', success: `Queued again as mail ${copy.id}.` };
  },
};

export const mailMessageActions: ConsoleActionSpec[] = [resendMail];
