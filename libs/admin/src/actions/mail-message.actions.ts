import type { ConsoleActionSpec } from '../console-action';

const resendMail: ConsoleActionSpec = {
  name: 'resend',
  actionType: 'record',
  icon: 'RotateCw',
  async show({ queries, recordId, t }) {
    const mail = await queries.mails.byId(recordId);
    return {
      title: t('mail.title', { id: mail.id }),
      intro: t('mail.intro'),
      facts: [
        [t('common.to'), `${mail.recipientName} <${mail.recipientAddress}>`],
        [t('mail.subject'), mail.subject],
        [t('common.template'), mail.template],
        [t('common.status'), mail.status],
        [t('mail.lastError'), mail.lastError],
      ],
      form: { fields: [], submit: t('mail.submit') },
    };
  },
  async submit(call) {
    const copy = await call.services.mails.resend(call.recordId ?? 0, call.actor);
    return { title: call.t('mail.doneTitle'), success: call.t('mail.done', { id: copy.id }) };
  },
};

export const mailMessageActions: ConsoleActionSpec[] = [resendMail];
