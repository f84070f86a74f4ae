import { localizeIssue } from './issue-messages';
import {
  AGENCY_FIELD,
  agencyRows,
  COUNT_FIELD,
  many,
  one,
  type AgencyRow,
  type FormBody,
} from './forms/form-body';
import type { FormPrefill, PortalFormDefinition } from './forms/form-definition';
import { issueTarget, type IssueTarget } from './forms/issue-target';
import type { PortalForm } from './forms/portal-forms';
import { pageUrl, type FailedSubmission, type PageInput } from './page-input';

export interface FieldModel {
  id: string;
  name: string;
  value: string;
  error: string | null;
  autofocus: boolean;
  /** Its label says it is required, and the input carries `aria-required`. */
  required: boolean;
}

export interface RowModel {
  agency: FieldModel;
  count: FieldModel;
}

export interface FormModel {
  name: PortalForm;
  action: string;
  csrf: string;
  fields: Record<string, FieldModel>;
  rows: RowModel[];
  /** The form-level problem, if any (shown above its submit button). */
  error: string | null;
}

export interface SummaryItem {
  href: string | null;
  label: string | null;
  message: string;
}

type FormInput = Pick<PageInput, 'token' | 'lang' | 'csrf' | 'failed' | 't' | 'formatDate'>;

export function fieldId(form: PortalForm, name: string): string {
  return `${form}-${name}`;
}

function fieldModel(id: string, name: string, value: string, required = false): FieldModel {
  return { id, name, value, error: null, autofocus: false, required };
}

function emptyRows(rows: AgencyRow[]): AgencyRow[] {
  const padded = [...rows];
  while (padded.length < Math.max(3, rows.length + 2)) padded.push({ agency: '', count: '' });
  return padded;
}

function valuesFromBody(form: PortalFormDefinition, body: FormBody): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name } of form.fields) {
    // Textareas keep their lines; single inputs are shown as typed.
    values[name] = many(body, name)[0] ?? one(body, name);
  }
  return values;
}

/** The inputs with what was typed after a refusal, the current data otherwise. */
function inputsOf(
  form: PortalFormDefinition<PortalForm>,
  failed: FailedSubmission | null,
  prefill: FormPrefill,
) {
  const values = failed ? valuesFromBody(form, failed.body) : (prefill.values ?? {});
  const fields: Record<string, FieldModel> = {};
  for (const { name, required } of form.fields)
    fields[name] = fieldModel(fieldId(form.name, name), name, values[name] ?? '', required === true);
  const rows = form.agencyRows ? emptyRows(failed ? agencyRows(failed.body) : (prefill.rows ?? [])) : [];
  const rowModels = rows.map((row, i) => ({
    agency: fieldModel(fieldId(form.name, `agency-${i}`), AGENCY_FIELD, row.agency),
    count: fieldModel(fieldId(form.name, `count-${i}`), COUNT_FIELD, row.count),
  }));
  return { fields, rows: rowModels };
}

/**
 * Where an issue's input comes on the page, to list the issues in the form's order (the domain checks fields
 * one at a time, then the rules across fields, so its order is not the page's): each input in the order of
 * `fields`, the agency rows (row by row, the agency before its count) after `agencyRowsAfter` or at the end;
 * an issue beside no input where its domain field would be, else last.
 */
function pagePosition(
  form: PortalFormDefinition<PortalForm>,
  issue: FailedSubmission['issues'][number],
  target: IssueTarget,
): number[] {
  const index = (name: string) => form.fields.findIndex((f) => f.name === name);
  const rowsAt = form.agencyRowsAfter ? index(form.agencyRowsAfter) : form.fields.length;
  if (target && 'field' in target) return [index(target.field), 0];
  if (target && 'row' in target) return [rowsAt, 1, target.row, target.part === 'agency' ? 0 : 1];
  if (form.agencyRows && issue.field.startsWith('otherAgencyParticipants')) return [rowsAt, 2];
  const at = index(issue.field.split('.')[0]);
  return at >= 0 ? [at, 0] : [form.fields.length + 1];
}

function comparePositions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Puts each problem of a refused submission beside its input (the first on the page gets the focus) and lists
 * them all for the summary at the top of the page, in the form's order.
 */
function placeIssues(
  form: PortalFormDefinition<PortalForm>,
  failed: FailedSubmission,
  inputs: { fields: Record<string, FieldModel>; rows: RowModel[] },
  input: FormInput,
): SummaryItem[] {
  const summary: SummaryItem[] = [];
  let focused = false;
  const labelOf = (name: string) => {
    const spec = form.fields.find((f) => f.name === name);
    return spec ? input.t(spec.label) : null;
  };
  if (failed.message) summary.push({ href: null, label: null, message: failed.message });
  const placed = failed.issues
    .map((issue) => {
      const target = issueTarget(form.name, issue, failed.body);
      return { issue, target, position: pagePosition(form, issue, target) };
    })
    .sort((a, b) => comparePositions(a.position, b.position));
  for (const { issue, target } of placed) {
    const message = localizeIssue(issue, input.t, input.formatDate);
    let field: FieldModel | null = null;
    let label: string | null = null;
    if (target && 'field' in target) {
      field = inputs.fields[target.field] ?? null;
      label = labelOf(target.field);
    } else if (target && 'row' in target) {
      field = inputs.rows[target.row]?.[target.part] ?? null;
      label = input.t(target.part === 'agency' ? 'agencies.agency' : 'agencies.count', {
        row: target.row + 1,
      });
    }
    if (field) {
      field.error = field.error ? `${field.error} ${message}` : message;
      if (!focused) field.autofocus = focused = true;
    }
    summary.push({ href: field ? `#${field.id}` : null, label, message });
  }
  return summary;
}

/**
 * One form's inputs: ids, names, values (what was typed after a refusal, the current data otherwise) and the
 * error beside each input. The first input with an error gets the focus.
 */
export function buildForm(
  form: PortalFormDefinition<PortalForm>,
  input: FormInput,
  prefill: FormPrefill = {},
): { model: FormModel; summary: SummaryItem[] } {
  const failed = input.failed?.form === form.name ? input.failed : null;
  const inputs = inputsOf(form, failed, prefill);
  const summary = failed ? placeIssues(form, failed, inputs, input) : [];
  return {
    model: {
      name: form.name,
      action: pageUrl(input.token, `/${form.name}?lang=${input.lang}`),
      csrf: input.csrf(form.name),
      fields: inputs.fields,
      rows: inputs.rows,
      error: failed?.message ?? null,
    },
    summary,
  };
}

/** Whether one of the form's inputs has the focus (else the error summary takes it). */
export function hasFocus(form: FormModel | undefined): boolean {
  if (!form) return false;
  return (
    Object.values(form.fields).some((f) => f.autofocus) ||
    form.rows.some((r) => r.agency.autofocus || r.count.autofocus)
  );
}
