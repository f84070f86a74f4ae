import type { ConsoleActionSpec } from '../console-action';
import { csvField, required } from './action-kit';

const importEntities: ConsoleActionSpec = {
  name: 'importEntities',
  actionType: 'resource',
  icon: 'Upload',
  async show({ t }) {
    return {
      title: t('entities.title'),
      intro: t('entities.intro'),
      form: { fields: [csvField(t, t('entities.columns'))], submit: t('common.import') },
    };
  },
  async submit(call) {
    const result = await call.services.entityImport.importCsv(required(call, 'csv'), call.actor);
    const { total, created, updated } = result;
    return {
      title: call.t('entities.doneTitle'),
      success: call.t('entities.done', { total, created, updated }),
    };
  },
};

export const orgEntityActions: ConsoleActionSpec[] = [importEntities];
