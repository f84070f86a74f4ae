import {
  ANNEX_E_COUNT_FIELDS,
  type AnnexEPrefill,
  type Language,
  type SuggestedField,
  type SuggestedValue,
} from '@cascade/dialogue';
import { formatNumber } from '@cascade/i18n';
import type { Translate } from './page-input';

type Agencies = Record<string, number>;
type SourcedField = Exclude<keyof AnnexEPrefill, 'comments' | 'records' | 'previous'>;

/** Where one suggested figure comes from, in the page's language. */
function sourceText(field: SourcedField, suggested: SuggestedValue<unknown>, t: Translate): string {
  const p = suggested.params;
  switch (suggested.source) {
    case 'tree':
      return t('statistics.source.tree', { people: p['people'] });
    case 'previous-submission':
      return t('statistics.source.previous', { revision: p['revision'] });
    case 'none':
      return t('statistics.source.none');
    case 'sessions': {
      const sessions = t('statistics.source.sessions', { sessions: p['sessions'] });
      const parts = [sessions];
      if (field === 'staffParticipated' && Number(p['withoutBreakdown']) > 0)
        parts.push(t('statistics.source.withoutBreakdown', { count: p['withoutBreakdown'] }));
      if (field === 'managersLed' && Number(p['managers']) > 0)
        parts.push(t('statistics.source.treeManagers', { managers: p['managers'] }));
      return parts.join(' ');
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function shown(value: number | Agencies, lang: Language): string {
  if (typeof value === 'number') return formatNumber(value, lang);
  return Object.entries(value)
    .map(([agency, count]) => `${agency} ${formatNumber(count, lang)}`)
    .join(', ');
}

/**
 * Beside each figure of the statistics form: where it comes from ("from 22 recorded sessions", "from the
 * reporting tree (412 people)", "as you submitted it in revision 2") and, after a submission, what the records
 * give now when it differs (a session recorded since).
 */
export function statisticsSourcesModel(
  prefill: AnnexEPrefill,
  t: Translate,
  lang: Language,
): Record<SourcedField, string> {
  const fields: SourcedField[] = [...ANNEX_E_COUNT_FIELDS, 'otherAgencyParticipants'];
  const model = {} as Record<SourcedField, string>;
  for (const field of fields) {
    const suggested = prefill[field] as SuggestedField<number | Agencies>;
    let text = sourceText(field, suggested, t);
    const now = suggested.fromRecords;
    if (now && now.value !== null && !sameValue(now.value, suggested.value))
      text = `${text} ${t('statistics.source.recordsNow', { value: shown(now.value, lang) })}`;
    model[field] = text;
  }
  return model;
}
