import {
  ANNEX_E_COUNT_FIELDS,
  CROSS_CHECKED_FIELDS,
  type AnnexEPrefill,
  type CrossCheckedField,
  type FieldIssue,
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

/** One figure of the statistics form beside what Cascade has recorded for it. */
export interface CrossCheckRow {
  field: CrossCheckedField;
  label: string;
  entered: string;
  recorded: string;
}

const DIFFERENCE_CODES: Readonly<Record<string, CrossCheckedField>> = {
  'staff-differ-from-tree': 'eligibleStaff',
  'sessions-differ-from-records': 'sessionsHeld',
  'leaders-differ-from-records': 'managersLed',
};

/**
 * After figures that differ from the records were sent without the confirmation: each of them as typed beside
 * what Cascade has recorded ("22" / "No session recorded"; "20" / "No manager has led a recorded session (no
 * reporting tree imported)"), in the form's order; null when the refusal was for something else.
 */
export function crossCheckModel(
  issues: readonly FieldIssue[],
  t: Translate,
  lang: Language,
): { rows: CrossCheckRow[] } | null {
  const rows: CrossCheckRow[] = [];
  for (const field of CROSS_CHECKED_FIELDS) {
    const issue = issues.find((i) => DIFFERENCE_CODES[i.code] === field && i.field === field);
    if (!issue) continue;
    const p = issue.params ?? {};
    const recorded = Number(p['recorded']);
    let text: string;
    if (field === 'eligibleStaff') text = t('statistics.check.people', { count: recorded });
    else if (field === 'sessionsHeld') text = t('statistics.check.sessions', { count: recorded });
    else {
      const tree =
        Number(p['people']) > 0
          ? t('statistics.check.treeManagers', { managers: Number(p['managers']) })
          : t('statistics.check.noTree');
      text = `${t('statistics.check.leaders', { count: recorded })} ${tree}`;
    }
    rows.push({
      field,
      label: t(`statistics.${field}`),
      entered: formatNumber(Number(p['entered']), lang),
      recorded: text,
    });
  }
  return rows.length ? { rows } : null;
}
