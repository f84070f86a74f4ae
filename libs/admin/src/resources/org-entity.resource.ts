import { LANGUAGES, OrgEntity } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

export const orgEntityResource: ResourceDefinition = {
  model: OrgEntity,
  reading: { exact: ['kind', 'code'], defaultSort: { sortBy: 'code', direction: 'asc' } },
  options: {
    navigation: NAVIGATION.dialogue,
    titleProperty: 'code',
    listProperties: ['code', 'name', 'kind', 'dutyStation', 'timeZone', 'language', 'headEmail'],
    filterProperties: ['code', 'name', 'kind', 'dutyStation', 'language'],
    properties: { language: { availableValues: values(LANGUAGES) } },
  },
};
