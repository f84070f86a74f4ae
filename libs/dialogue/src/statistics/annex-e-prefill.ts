/**
 * Annex E pre-filled: what the Focal Point's statistics form starts from. The figures come from the recorded
 * sessions and the reporting tree (summed in SQL by AnnexEPrefillQueryService); a previous submission wins over
 * them, since it is what the Focal Point corrected. Pure: the sums in, every field with its source out.
 */

/** Where a suggested figure comes from. */
export type AnnexESource = 'sessions' | 'tree' | 'previous-submission' | 'none';

/** The sums of one entity's records, as the query reads them. */
export interface AnnexERecords {
  sessions: number;
  /** Distinct leader addresses among the sessions. */
  leaders: number;
  /** Staff participants; a session recorded without a breakdown counts all its participants as staff. */
  staff: number;
  nonStaff: number;
  /** Sessions recorded with their total only (the admin API's core fields), no staff / non-staff breakdown. */
  withoutBreakdown: number;
  /** Participants per agency, summed per spelling as the sessions store them (merged here). */
  agencies: Record<string, number>;
  /** People of the reporting tree, and how many of them are managers. */
  people: number;
  managers: number;
}

/** The entity's latest statistics submission, as far as the form needs it. */
export interface PreviousAnnexE {
  revision: number;
  submittedAt: Date;
  eligibleStaff: number;
  staffParticipated: number;
  sessionsHeld: number;
  managersLed: number;
  nonStaffParticipants: number;
  otherAgencyParticipants: Record<string, number>;
  comments: string | null;
}

export interface SuggestedValue<T> {
  /** Null when nothing is known (source `none`): the Focal Point types it. */
  value: T | null;
  source: AnnexESource;
  /** In English, for a reader of the JSON; a page says it in its language from `source` and `params`. */
  detail: string;
  params: Record<string, number | string>;
}

export interface SuggestedField<T> extends SuggestedValue<T> {
  /** When a previous submission wins: what the records give now (a session recorded since shows here). */
  fromRecords?: SuggestedValue<T>;
}

export const ANNEX_E_COUNT_FIELDS = [
  'eligibleStaff',
  'staffParticipated',
  'sessionsHeld',
  'managersLed',
  'nonStaffParticipants',
] as const;
export type AnnexECountField = (typeof ANNEX_E_COUNT_FIELDS)[number];

export type AnnexEPrefill = Record<AnnexECountField, SuggestedField<number>> & {
  otherAgencyParticipants: SuggestedField<Record<string, number>>;
  /** Only a previous submission has comments. */
  comments: SuggestedValue<string>;
  /** What the records hold, for a page that says it beside the figures. */
  records: { sessions: number; withoutBreakdown: number; people: number; managers: number };
  previous: { revision: number; submittedAt: Date } | null;
};

/** A fresh object each time, so that no caller's change shows in another field. */
const none = (): SuggestedValue<never> => ({
  value: null,
  source: 'none',
  detail: 'nothing recorded',
  params: {},
});

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One agency however its leaders typed it: `UNHCR`, `unhcr` and ` UNHCR ` are one key (trimmed, lower-cased).
 * The name shown is the spelling that counted the most participants (ties: the first in code-point order), so
 * the figure keeps a spelling someone used.
 */
export function mergeAgencies(agencies: Record<string, number>): Record<string, number> {
  const groups = new Map<string, { total: number; spellings: [string, number][] }>();
  for (const [name, count] of Object.entries(agencies)) {
    const spelling = name.trim();
    const key = spelling.toLowerCase();
    const group = groups.get(key) ?? { total: 0, spellings: [] };
    group.total += count;
    const same = group.spellings.find(([s]) => s === spelling);
    if (same) same[1] += count;
    else group.spellings.push([spelling, count]);
    groups.set(key, group);
  }
  const merged: Record<string, number> = {};
  const byKey = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, { total, spellings }] of byKey) {
    spellings.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    merged[spellings[0][0]] = total;
  }
  return merged;
}

/** The figures the records alone give, each with its source. */
export function suggestedFromRecords(records: AnnexERecords): {
  [F in AnnexECountField]: SuggestedValue<number>;
} & { otherAgencyParticipants: SuggestedValue<Record<string, number>> } {
  const { sessions, withoutBreakdown, people, managers } = records;
  const recorded = plural(sessions, 'recorded session');
  const fromSessions = <T>(value: T, detail: string, params = {}): SuggestedValue<T> =>
    sessions > 0 ? { value, source: 'sessions', detail, params: { sessions, ...params } } : none();
  const staffDetail = withoutBreakdown
    ? `staff of ${recorded} (${plural(withoutBreakdown, 'session')} without a breakdown: all their participants counted as staff)`
    : `staff of ${recorded}`;
  return {
    eligibleStaff:
      people > 0
        ? {
            value: people,
            source: 'tree',
            detail: `${plural(people, 'person', 'people')} in the reporting tree`,
            params: { people, managers },
          }
        : none(),
    staffParticipated: fromSessions(records.staff, staffDetail, { withoutBreakdown }),
    sessionsHeld: fromSessions(sessions, recorded),
    managersLed: fromSessions(
      records.leaders,
      `distinct leaders of ${recorded}${people > 0 ? ` (${plural(managers, 'manager')} in the reporting tree)` : ''}`,
      { managers },
    ),
    nonStaffParticipants: fromSessions(records.nonStaff, `non-staff of ${recorded}`),
    otherAgencyParticipants: fromSessions(mergeAgencies(records.agencies), `other agencies of ${recorded}`),
  };
}

/**
 * Every field of Annex E with its suggested value and where it comes from: the previous submission when there
 * is one (with what the records give now beside it), else the records, else nothing (`none`, null).
 */
export function annexEPrefillOf(records: AnnexERecords, previous: PreviousAnnexE | null): AnnexEPrefill {
  const computed = suggestedFromRecords(records);
  const summary = {
    records: {
      sessions: records.sessions,
      withoutBreakdown: records.withoutBreakdown,
      people: records.people,
      managers: records.managers,
    },
    previous: previous ? { revision: previous.revision, submittedAt: previous.submittedAt } : null,
  };
  if (!previous) return { ...computed, comments: none(), ...summary };
  const params = { revision: previous.revision, submittedAt: previous.submittedAt.toISOString() };
  const submitted = <T>(value: T, fromRecords: SuggestedValue<T>): SuggestedField<T> => ({
    value,
    source: 'previous-submission',
    detail: `as submitted in revision ${previous.revision}`,
    params,
    fromRecords,
  });
  const fields = Object.fromEntries(
    ANNEX_E_COUNT_FIELDS.map((field) => [field, submitted(previous[field], computed[field])]),
  ) as Record<AnnexECountField, SuggestedField<number>>;
  return {
    ...fields,
    otherAgencyParticipants: submitted(previous.otherAgencyParticipants, computed.otherAgencyParticipants),
    comments: previous.comments
      ? {
          value: previous.comments,
          source: 'previous-submission',
          detail: `as submitted in revision ${previous.revision}`,
          params,
        }
      : none(),
    ...summary,
  };
}
