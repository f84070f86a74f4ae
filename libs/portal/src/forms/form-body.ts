/** A form body as the urlencoded parser gives it: a repeated name becomes a list. */
export type FormBody = Record<string, string | string[] | undefined>;

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

/**
 * The count of a field for the domain. The cast hands the domain what was typed (undefined, NaN) so that its
 * checks name every bad field.
 */
export function countOf(body: FormBody, name: string): number {
  return parseCount(one(body, name)) as number;
}

/**
 * An optional count (non-staff participants): an empty box means none, 0. Anything typed is read as `countOf`
 * reads it, so that the domain still names what is not a count.
 */
export function optionalCountOf(body: FormBody, name: string): number {
  return parseCount(one(body, name)) ?? 0;
}

export function optionalText(text: string): string | null {
  return text === '' ? null : text;
}

/** A textarea as a list: one item per non-empty line. */
export function lines(text: string): string[] {
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
export function agenciesOf(body: FormBody): Record<string, number> {
  const result: Record<string, number> = {};
  for (const row of agencyRows(body)) {
    const count = parseCount(row.count) as number;
    result[row.agency] = row.agency in result ? result[row.agency] + count : count;
  }
  return result;
}
