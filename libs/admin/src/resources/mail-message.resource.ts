import { MailMessage, MAIL_STATUSES } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

export const mailMessageResource: ResourceDefinition = {
  model: MailMessage,
  reading: { exact: ['status', 'template', 'entityCode', 'recipientAddress'] },
  options: {
    navigation: NAVIGATION.operations,
    titleProperty: 'subject',
    listProperties: [
      'id',
      'entityCode',
      'recipientAddress',
      'template',
      'language',
      'status',
      'attempts',
      'sentAt',
    ],
    filterProperties: ['dialogue', 'entityCode', 'status', 'template', 'recipientAddress'],
    showProperties: [
      'id',
      'dialogue',
      'entityCode',
      'recipientName',
      'recipientAddress',
      'recipientRole',
      'template',
      'language',
      'subject',
      'text',
      'status',
      'attempts',
      'lastError',
      'messageId',
      'createdAt',
      'sentAt',
      'resentFrom',
    ],
    properties: { status: { availableValues: values(MAIL_STATUSES) } },
  },
};
