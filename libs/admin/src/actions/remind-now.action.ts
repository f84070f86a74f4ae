import { ValidationFailed } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { required } from './action-kit';

/**
 * "Remind now": one entity's current reminder sent at once, at most once a day (the domain refuses a second one
 * the same day). The dashboard's lagging entities post to it in one click; as a screen it asks for the code.
 */
export const remindNow: ConsoleActionSpec = {
  name: 'remindNow',
  actionType: 'resource',
  icon: 'Bell',
  async show({ t, query }) {
    return {
      title: t('remindNow.title'),
      intro: t('remindNow.intro'),
      form: {
        fields: [
          { name: 'code', label: t('remindNow.code'), required: true, value: query['code'] ?? '' },
          { name: 'year', label: t('remindNow.year'), required: true, value: query['year'] ?? '' },
        ],
        submit: t('remindNow.submit'),
      },
    };
  },
  async submit(call) {
    const { t } = call;
    const code = required(call, 'code');
    const year = Number(required(call, 'year'));
    if (!Number.isInteger(year)) {
      throw new ValidationFailed([
        { field: 'year', code: 'bad-request', message: 'must be a year, e.g. 2026' },
      ]);
    }
    const sent = await call.services.remindNow.remindNow(year, code, call.actor);
    return {
      title: t('remindNow.doneTitle', { code }),
      success: t('remindNow.done', { code, template: sent.template }),
    };
  },
};
