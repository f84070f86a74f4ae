import { DutyStationHoliday, HOLIDAY_EFFECTS } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

/** The Ethics Office's own holidays per duty station: read by every role, changed through its actions only. */
export const dutyStationHolidayResource: ResourceDefinition = {
  model: DutyStationHoliday,
  reading: { exact: ['dutyStation', 'effect', 'date'], defaultSort: { sortBy: 'date', direction: 'asc' } },
  options: {
    navigation: NAVIGATION.operations,
    titleProperty: 'date',
    listProperties: ['dutyStation', 'date', 'name', 'effect', 'createdBy', 'createdAt'],
    showProperties: ['id', 'dutyStation', 'date', 'name', 'effect', 'createdBy', 'createdAt'],
    filterProperties: ['dutyStation', 'date', 'effect'],
    properties: { effect: { availableValues: values(HOLIDAY_EFFECTS) } },
  },
};
