import { DutyStationHoliday, HOLIDAY_EFFECTS } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';

// The Ethics Office's changes to a duty station's holidays: add one (or remove a library one), withdraw a change.
// Each change re-plans the station's open entities in the same transaction.

const addHoliday: ConsoleActionSpec = {
  name: 'addHoliday',
  actionType: 'resource',
  icon: 'Calendar',
  async show({ t }) {
    return {
      title: t('holidays.title'),
      intro: t('holidays.intro'),
      form: {
        fields: [
          { name: 'dutyStation', label: t('holidays.dutyStation'), required: true },
          { name: 'date', label: t('holidays.date'), type: 'date', required: true },
          {
            name: 'effect',
            label: t('holidays.effect'),
            type: 'select',
            required: true,
            options: HOLIDAY_EFFECTS.map((value) => ({ value, label: t(`holidays.effects.${value}`) })),
          },
          { name: 'name', label: t('holidays.name'), help: t('holidays.nameHelp') },
          { name: 'reason', label: t('holidays.reason'), type: 'textarea', rows: 2 },
        ],
        submit: t('holidays.submit'),
      },
    };
  },
  async submit({ services, actor, payload, t }) {
    const result = await services.holidays.change(
      payload['dutyStation'] ?? '',
      { date: payload['date'], name: payload['name'] || undefined, effect: payload['effect'] },
      actor,
      payload['reason']?.trim() || null,
    );
    return {
      title: t('holidays.doneTitle'),
      success: t('holidays.done', {
        station: result.holiday.dutyStation,
        date: result.holiday.date,
        entities: result.entitiesReplanned,
        managers: result.managersReplanned,
      }),
    };
  },
};

const withdrawHoliday: ConsoleActionSpec = {
  name: 'withdrawHoliday',
  actionType: 'record',
  icon: 'Trash2',
  async show({ queries, recordId, t }) {
    const holiday = await queries.records.byId(DutyStationHoliday, recordId as number);
    return {
      title: t('holidays.withdrawTitle'),
      intro: t('holidays.withdrawIntro'),
      facts: holiday
        ? [
            [t('holidays.dutyStation'), holiday.dutyStation],
            [t('holidays.date'), holiday.date],
            [t('holidays.name'), holiday.name],
            [t('holidays.effect'), t(`holidays.effects.${holiday.effect}`)],
          ]
        : [],
      form: { fields: [], submit: t('holidays.withdrawSubmit'), danger: true },
    };
  },
  async submit({ queries, recordId, services, actor, t }) {
    const holiday = await queries.records.byId(DutyStationHoliday, recordId as number);
    if (!holiday) return { title: t('holidays.withdrawTitle'), success: t('holidays.gone') };
    const result = await services.holidays.withdraw(holiday.dutyStation, holiday.date, actor);
    return {
      title: t('holidays.withdrawTitle'),
      success: t('holidays.withdrawn', {
        station: holiday.dutyStation,
        date: holiday.date,
        entities: result.entitiesReplanned,
        managers: result.managersReplanned,
      }),
    };
  },
};

export const dutyStationHolidayActions: ConsoleActionSpec[] = [addHoliday, withdrawHoliday];
