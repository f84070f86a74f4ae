import type { ConsoleActionSpec } from '../console-action';
import { csvField, required } from './action-kit';

const importEntities: ConsoleActionSpec = {
  name: 'importEntities',
  label: 'Import CSV',
  actionType: 'resource',
  icon: 'Upload',
  async show() {
    return {
      title: 'Import the entity list',
      intro:
        'All or nothing: a file with one bad row imports nothing and names the row. Existing codes are updated in place.',
      form: {
        fields: [
          csvField(
            'Columns: code,name,kind,duty_station,timezone,language and optionally illustrative_staff, head_name, head_email, focal_points (Name <email>|Name <email>)',
          ),
        ],
        submit: 'Import',
      },
    };
  },
  async submit(call) {
    const result = await call.services.entityImport.importCsv(required(call, 'csv'), call.actor);
    return {
      title: 'Entities imported',
      success: `${result.total} entities: ${result.created} created, ${result.updated} updated.`,
    };
  },
};

export const orgEntityActions: ConsoleActionSpec[] = [importEntities];
