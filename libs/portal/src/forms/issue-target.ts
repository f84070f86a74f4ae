import type { FieldIssue } from '@cascade/dialogue';
import { agencyRows, type FormBody } from './form-body';
import { portalForm, type PortalForm } from './portal-forms';

/** Where a domain issue is shown: an input of the form (by name, or an agency row), or only in the summary. */
export type IssueTarget = { field: string } | { row: number; part: 'agency' | 'count' } | null;

/** An issue about the agency rows: the row of the agency it names, or of the count it is about. */
function agencyTarget(issue: FieldIssue, body: FormBody): IssueTarget {
  const field = issue.field;
  const rows = agencyRows(body);
  if (issue.code === 'agency-name' || issue.code === 'agency-name-letter') {
    const row = rows.findIndex((r) => r.agency === issue.params?.['agency']);
    return row >= 0 ? { row, part: 'agency' } : null;
  }
  // A rule about the whole list (too many agencies) belongs to no row: not even to one without a name.
  if (!field.startsWith('otherAgencyParticipants.')) return null;
  const agency = field.slice('otherAgencyParticipants.'.length);
  const row = rows.findIndex((r) => r.agency === agency);
  return row >= 0 ? { row, part: 'count' } : null;
}

/** Maps the domain's field names (`split.part`, `otherAgencyParticipants.UNDP`, `questions.2`) to the page's inputs. */
export function issueTarget(form: PortalForm, issue: FieldIssue, body: FormBody): IssueTarget {
  const definition = portalForm(form);
  const names = new Set(definition.fields.map((f) => f.name));
  const field = issue.field;
  if (definition.agencyRows && field.startsWith('otherAgencyParticipants')) return agencyTarget(issue, body);
  const chosen = definition.issueField?.(issue, body);
  if (chosen && names.has(chosen)) return { field: chosen };
  const aliases = definition.issueFields ?? {};
  if (Object.hasOwn(aliases, field)) return { field: aliases[field] };
  const base = field.split('.')[0];
  if (names.has(field)) return { field };
  if (names.has(base)) return { field: base };
  return null;
}
