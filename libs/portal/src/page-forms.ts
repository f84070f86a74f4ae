import type {
  ExtensionRequestInput,
  FeedbackInput,
  FieldIssue,
  ScenarioProposalInput,
  SeminarRequestInput,
  SessionReportInput,
  StatisticsInput,
  TokenRole,
} from '@cascade/dialogue';

/** The forms of the token-link pages; each posts to `/p/:token/<name>`. */
export const PORTAL_FORMS = [
  'statistics',
  'extension',
  'scenario',
  'seminar',
  'leader-link',
  'session',
  'feedback',
  'confirm',
] as const;
export type PortalForm = (typeof PORTAL_FORMS)[number];

export function isPortalForm(value: unknown): value is PortalForm {
  return typeof value === 'string' && (PORTAL_FORMS as readonly string[]).includes(value);
}

/** A form body as the urlencoded parser gives it: a repeated name becomes a list. */
export type FormBody = Record<string, string | string[] | undefined>;

/** Which links may use which form (the domain checks again; this only decides what a page shows). */
export const FORM_ROLES: Record<PortalForm, readonly TokenRole[]> = {
  statistics: ['focal-point'],
  extension: ['focal-point'],
  scenario: ['focal-point'],
  seminar: ['focal-point'],
  'leader-link': ['focal-point', 'head-of-entity'],
  session: ['leader', 'head-of-entity'],
  feedback: ['participants'],
  confirm: ['head-of-entity'],
};

/** The single-value inputs of each form, in page order, with their label's string key. */
export const FORM_FIELDS: Record<PortalForm, readonly { name: string; label: string }[]> = {
  statistics: [
    { name: 'eligibleStaff', label: 'statistics.eligibleStaff' },
    { name: 'staffParticipated', label: 'statistics.staffParticipated' },
    { name: 'sessionsHeld', label: 'statistics.sessionsHeld' },
    { name: 'managersLed', label: 'statistics.managersLed' },
    { name: 'nonStaffParticipants', label: 'statistics.nonStaffParticipants' },
    { name: 'comments', label: 'statistics.comments' },
  ],
  extension: [
    { name: 'wishedDeadline', label: 'extension.wishedDeadline' },
    { name: 'reason', label: 'extension.reason' },
  ],
  scenario: [
    { name: 'title', label: 'scenario.titleField' },
    { name: 'description', label: 'scenario.description' },
  ],
  seminar: [
    { name: 'topic', label: 'seminar.topic' },
    { name: 'preferredPeriod', label: 'seminar.preferredPeriod' },
    { name: 'expectedParticipants', label: 'seminar.expectedParticipants' },
    { name: 'details', label: 'seminar.details' },
  ],
  'leader-link': [{ name: 'leaderEmail', label: 'leaderLink.leaderEmail' }],
  session: [
    { name: 'heldOn', label: 'session.heldOn' },
    { name: 'durationMinutes', label: 'session.durationMinutes' },
    { name: 'language', label: 'session.language' },
    { name: 'format', label: 'session.format' },
    { name: 'staffParticipants', label: 'session.staffParticipants' },
    { name: 'nonStaffParticipants', label: 'session.nonStaffParticipants' },
    { name: 'splitPart', label: 'session.splitPart' },
    { name: 'splitOf', label: 'session.splitOf' },
    { name: 'splitFirstPartId', label: 'session.splitFirstPartId' },
    { name: 'jointUnits', label: 'session.jointUnits' },
    { name: 'facilitator', label: 'session.facilitator' },
    { name: 'scenarios', label: 'session.scenarios' },
    { name: 'questions', label: 'session.questions' },
  ],
  feedback: [
    { name: 'usefulness', label: 'feedback.usefulness' },
    { name: 'openness', label: 'feedback.openness' },
    { name: 'relevance', label: 'feedback.relevance' },
    { name: 'comment', label: 'feedback.comment' },
  ],
  confirm: [{ name: 'confirmation', label: 'confirm.button' }],
};

/** Forms with repeated agency / count rows (participants from other agencies). */
export const FORMS_WITH_AGENCIES: readonly PortalForm[] = ['statistics', 'session'];

export const AGENCY_FIELD = 'agency[]';
export const COUNT_FIELD = 'count[]';

export function one(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

export function many(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const GROUPED = /^\d{1,3}([ ,.\u00a0\u202f]\d{3})+$/;

/**
 * A count as typed: '' stays undefined and anything that is not a whole number becomes NaN, so that the domain
 * names the field; digit grouping of any of the three languages ("1 200", "1,200", "1.200") is accepted.
 */
export function parseCount(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^-?\d+$/.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/\D/g, ''));
  return Number.NaN;
}

function optionalText(text: string): string | null {
  return text === '' ? null : text;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export interface AgencyRow {
  agency: string;
  count: string;
}

/** The agency rows as typed (empty ones dropped). */
export function agencyRows(body: FormBody): AgencyRow[] {
  const agencies = many(body, AGENCY_FIELD);
  const counts = many(body, COUNT_FIELD);
  const rows: AgencyRow[] = [];
  for (let i = 0; i < Math.max(agencies.length, counts.length); i++) {
    const agency = (agencies[i] ?? '').trim();
    const count = (counts[i] ?? '').trim();
    if (agency || count) rows.push({ agency, count });
  }
  return rows;
}

/** Rows to the domain's map; the same agency twice is added up. A count without a name keeps '' for the domain. */
function agenciesOf(body: FormBody): Record<string, number> {
  const result: Record<string, number> = {};
  for (const row of agencyRows(body)) {
    const count = parseCount(row.count) as number;
    result[row.agency] = row.agency in result ? result[row.agency] + count : count;
  }
  return result;
}

// The casts hand the domain what was typed (undefined, NaN) so that its checks name every bad field.
export const parseForm = {
  statistics(body: FormBody): StatisticsInput {
    return {
      eligibleStaff: parseCount(one(body, 'eligibleStaff')) as number,
      staffParticipated: parseCount(one(body, 'staffParticipated')) as number,
      sessionsHeld: parseCount(one(body, 'sessionsHeld')) as number,
      managersLed: parseCount(one(body, 'managersLed')) as number,
      nonStaffParticipants: parseCount(one(body, 'nonStaffParticipants')) as number,
      otherAgencyParticipants: agenciesOf(body),
      comments: optionalText(one(body, 'comments')),
    };
  },
  extension(body: FormBody): ExtensionRequestInput {
    return { wishedDeadline: one(body, 'wishedDeadline'), reason: one(body, 'reason') };
  },
  scenario(body: FormBody): ScenarioProposalInput {
    return { title: one(body, 'title'), description: one(body, 'description') };
  },
  seminar(body: FormBody): SeminarRequestInput {
    return {
      topic: one(body, 'topic'),
      preferredPeriod: one(body, 'preferredPeriod'),
      expectedParticipants: parseCount(one(body, 'expectedParticipants')) as number,
      details: optionalText(one(body, 'details')),
    };
  },
  'leader-link'(body: FormBody): string {
    return one(body, 'leaderEmail');
  },
  session(body: FormBody): SessionReportInput {
    const part = one(body, 'splitPart');
    const of = one(body, 'splitOf');
    const first = one(body, 'splitFirstPartId');
    return {
      heldOn: one(body, 'heldOn'),
      durationMinutes: parseCount(one(body, 'durationMinutes')) as number,
      language: one(body, 'language'),
      format: one(body, 'format') as SessionReportInput['format'],
      staffParticipants: parseCount(one(body, 'staffParticipants')) as number,
      nonStaffParticipants: parseCount(one(body, 'nonStaffParticipants')) as number,
      otherAgencyParticipants: agenciesOf(body),
      split:
        part === '' && of === ''
          ? null
          : {
              part: parseCount(part) as number,
              of: parseCount(of) as number,
              ...(first === '' ? {} : { firstPartId: parseCount(first) as number }),
            },
      jointUnits: lines(one(body, 'jointUnits')),
      facilitator: optionalText(one(body, 'facilitator')),
      scenarios: lines(one(body, 'scenarios')),
      questions: lines(one(body, 'questions')),
    };
  },
  feedback(body: FormBody): FeedbackInput {
    return {
      usefulness: parseCount(one(body, 'usefulness')) as number,
      openness: parseCount(one(body, 'openness')) as number,
      relevance: parseCount(one(body, 'relevance')) as number,
      comment: optionalText(one(body, 'comment')),
    };
  },
};

/** Where a domain issue is shown: an input of the form (by name, or an agency row), or only in the summary. */
export type IssueTarget = { field: string } | { row: number; part: 'agency' | 'count' } | null;

const SESSION_FIELD: Record<string, string> = {
  'split.part': 'splitPart',
  'split.of': 'splitOf',
  'split.firstPartId': 'splitFirstPartId',
};

/** Maps the domain's field names (`split.part`, `otherAgencyParticipants.UNDP`, `questions.2`) to the page's inputs. */
export function issueTarget(form: PortalForm, issue: FieldIssue, body: FormBody): IssueTarget {
  const names = new Set(FORM_FIELDS[form].map((f) => f.name));
  const field = issue.field;
  if (FORMS_WITH_AGENCIES.includes(form) && field.startsWith('otherAgencyParticipants')) {
    const rows = agencyRows(body);
    const named = /^'(.*)' is not an agency name$/.exec(issue.message);
    if (named) {
      const row = rows.findIndex((r) => r.agency === named[1]);
      return row >= 0 ? { row, part: 'agency' } : null;
    }
    // A rule about the whole list (too many agencies) belongs to no row: not even to one without a name.
    if (!field.startsWith('otherAgencyParticipants.')) return null;
    const agency = field.slice('otherAgencyParticipants.'.length);
    const row = rows.findIndex((r) => r.agency === agency);
    return row >= 0 ? { row, part: 'count' } : null;
  }
  if (form === 'session' && SESSION_FIELD[field]) return { field: SESSION_FIELD[field] };
  const base = field.split('.')[0];
  if (names.has(field)) return { field };
  if (names.has(base)) return { field: base };
  return null;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The domain explains a broken rule in English; the page says it in the person's language. Unknown messages
 * are shown as they are, so a new rule is never hidden.
 */
const KNOWN_MESSAGES: [RegExp, string][] = [
  [/^must be a non-negative integer$/, 'nonNegativeInteger'],
  [/^is required$/, 'required'],
  [/^must be text$/, 'required'],
  [/^must be at most (?<max>\d+) characters$/, 'tooLong'],
  [/^must be at most (?<max>\d+)$/, 'tooLarge'],
  [/^must not contain control characters$/, 'controlCharacters'],
  [/^must list at most (?<max>\d+) agencies$/, 'tooManyAgencies'],
  [/^must be an email address$/, 'email'],
  [/^must be a date YYYY-MM-DD$/, 'date'],
  [/^must not exceed eligibleStaff \((?<max>\d+)\)$/, 'participatedOverEligible'],
  [/^must not exceed sessionsHeld \((?<max>\d+)\)$/, 'leadersOverSessions'],
  [/^must not exceed the (?<max>\d+) managers of the reporting tree$/, 'leadersOverManagers'],
  [/^must be at least 1 when staff participated$/, 'sessionsNeeded'],
  [/^must be after the current deadline (?<date>\d{4}-\d{2}-\d{2})$/, 'afterDeadline'],
  [/^must be at least 1$/, 'atLeastOne'],
  [/^(?<email>.+) is not a manager of (?<code>.+)'s reporting tree$/, 'notAManager'],
  [/^must be a rating from 1 to 5$/, 'rating'],
  [/^must be between (?<from>\d{4}-\d{2}-\d{2}) and (?<to>\d{4}-\d{2}-\d{2})$/, 'dateBetween'],
  [/^must be between 10 and 600 minutes$/, 'duration'],
  [/^must be in-person or virtual$/, 'format'],
  [/^a session has at least one participant$/, 'noParticipant'],
  [/^a split session has at least 2 parts$/, 'splitParts'],
  [/^must be between 1 and (?<max>\d+)$/, 'splitPart'],
  [/^name the first part of the split session$/, 'splitFirstPart'],
  [/^no such session in this entity$/, 'noSuchSession'],
  [/^every part of a split session is led by the same manager$/, 'splitSameLeader'],
  [/^the first part said (?<of>\d+) part\(s\)$/, 'splitOfMismatch'],
  [/^'(?<agency>.*)' is not an agency name$/, 'agencyName'],
  [/^must be a list of at most (?<max>\d+)$/, 'tooManyLines'],
  [/^(?<count>\d+) manager\(s\) have not led a session yet: (?<names>.*)$/, 'managersMissing'],
];

export function localizeMessage(
  message: string,
  t: Translate,
  formatDate: (day: string) => string = (d) => d,
): string {
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const values: Record<string, unknown> = { ...match.groups };
    for (const k of ['date', 'from', 'to']) if (values[k]) values[k] = formatDate(String(values[k]));
    return t(`errors.${key}`, values);
  }
  return message;
}

/** The session size warning (10–25 is the ideal), in the person's language. */
export function localizeWarning(warning: string, t: Translate): string {
  const match = /^(\d+) participants is (below|above) the ideal/.exec(warning);
  if (!match) return warning;
  return t(match[2] === 'below' ? 'warnings.sizeBelow' : 'warnings.sizeAbove', { count: match[1] });
}
