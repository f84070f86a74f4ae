import type {
  CascadeProgress,
  FieldIssue,
  FocalPointView,
  Language,
  PortalContext,
  SessionSummary,
  TokenRole,
} from '@cascade/dialogue';
import {
  AGENCY_FIELD,
  agencyRows,
  COUNT_FIELD,
  FORM_FIELDS,
  FORM_ROLES,
  FORMS_WITH_AGENCIES,
  issueTarget,
  localizeMessage,
  localizeWarning,
  many,
  one,
  type AgencyRow,
  type FormBody,
  type PortalForm,
} from './page-forms';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The page of each role. */
export const ROLE_PAGE: Record<TokenRole, 'focal-point' | 'head-of-entity' | 'leader' | 'participants'> = {
  'focal-point': 'focal-point',
  'head-of-entity': 'head-of-entity',
  leader: 'leader',
  participants: 'participants',
};

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', es: 'Español' };

export type RoleView =
  | { role: 'focal-point'; view: FocalPointView }
  | {
      role: 'head-of-entity';
      view: {
        context: PortalContext;
        progress: CascadeProgress;
        sessions: SessionSummary[];
        headConfirmedAt: Date | null;
      };
    }
  | {
      role: 'leader';
      view: { context: PortalContext; progress: CascadeProgress; sessions: SessionSummary[] };
    }
  | { role: 'participants'; view: { context: PortalContext; alreadyCounted: number } };

/** What a page shows once after a POST (the links are made once and never stored in the clear). */
export type Flash =
  | { kind: 'leader-link'; email: string; link: string }
  | { kind: 'session'; sessionId: number; warnings: string[]; participantsLink: string };

/** A POST that was refused: what was typed comes back with the problems beside the fields. */
export interface FailedSubmission {
  form: PortalForm;
  body: FormBody;
  issues: FieldIssue[];
  /** A problem of the whole form (expired form, closed year), already in the page's language. */
  message: string | null;
}

export interface PageInput {
  roleView: RoleView;
  lang: Language;
  token: string;
  csrf: (form: PortalForm) => string;
  done: PortalForm | null;
  flash: Flash | null;
  failed: FailedSubmission | null;
  t: Translate;
  formatDate: (day: string) => string;
}

export interface FieldModel {
  id: string;
  name: string;
  value: string;
  error: string | null;
  autofocus: boolean;
}

export interface FormModel {
  name: PortalForm;
  action: string;
  csrf: string;
  fields: Record<string, FieldModel>;
  rows: { agency: FieldModel; count: FieldModel }[];
  /** The form-level problem, if any (shown above its submit button). */
  error: string | null;
}

export interface SummaryItem {
  href: string | null;
  label: string | null;
  message: string;
}

const ALLOWED_URL = /^https?:\/\//i;

const pageUrl = (token: string, suffix = '') => `/p/${encodeURIComponent(token)}${suffix}`;

export function fieldId(form: PortalForm, name: string): string {
  return `${form}-${name}`;
}

function emptyRows(rows: AgencyRow[]): AgencyRow[] {
  const padded = [...rows];
  while (padded.length < Math.max(3, rows.length + 2)) padded.push({ agency: '', count: '' });
  return padded;
}

function valuesFromBody(form: PortalForm, body: FormBody): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name } of FORM_FIELDS[form]) {
    // Textareas keep their lines; single inputs are shown as typed.
    values[name] = many(body, name)[0] ?? one(body, name);
  }
  return values;
}

/**
 * One form's inputs: ids, names, values (what was typed after a refusal, the current data otherwise) and the
 * error beside each input. The first input with an error gets the focus.
 */
export function buildForm(
  form: PortalForm,
  input: Pick<PageInput, 'token' | 'lang' | 'csrf' | 'failed' | 't' | 'formatDate'>,
  prefill: { values?: Record<string, string>; rows?: AgencyRow[] } = {},
): { model: FormModel; summary: SummaryItem[] } {
  const failed = input.failed?.form === form ? input.failed : null;
  const values = failed ? valuesFromBody(form, failed.body) : (prefill.values ?? {});
  const rows = FORMS_WITH_AGENCIES.includes(form)
    ? emptyRows(failed ? agencyRows(failed.body) : (prefill.rows ?? []))
    : [];
  const fields: Record<string, FieldModel> = {};
  for (const { name } of FORM_FIELDS[form]) {
    fields[name] = {
      id: fieldId(form, name),
      name,
      value: values[name] ?? '',
      error: null,
      autofocus: false,
    };
  }
  const rowModels = rows.map((row, i) => ({
    agency: {
      id: fieldId(form, `agency-${i}`),
      name: AGENCY_FIELD,
      value: row.agency,
      error: null as string | null,
      autofocus: false,
    },
    count: {
      id: fieldId(form, `count-${i}`),
      name: COUNT_FIELD,
      value: row.count,
      error: null as string | null,
      autofocus: false,
    },
  }));
  const summary: SummaryItem[] = [];
  let focused = false;
  const labelOf = (name: string) => {
    const spec = FORM_FIELDS[form].find((f) => f.name === name);
    return spec ? input.t(spec.label) : null;
  };
  if (failed?.message) summary.push({ href: null, label: null, message: failed.message });
  for (const issue of failed?.issues ?? []) {
    const message = localizeMessage(issue.message, input.t, input.formatDate);
    const target = issueTarget(form, issue, failed?.body ?? {});
    let field: FieldModel | null = null;
    let label: string | null = null;
    if (target && 'field' in target) {
      field = fields[target.field] ?? null;
      label = labelOf(target.field);
    } else if (target && 'row' in target) {
      field = rowModels[target.row]?.[target.part] ?? null;
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
  const lang = `?lang=${input.lang}`;
  return {
    model: {
      name: form,
      action: pageUrl(input.token, `/${form}${lang}`),
      csrf: input.csrf(form),
      fields,
      rows: rowModels,
      error: failed?.message ?? null,
    },
    summary,
  };
}

interface TreeNodeModel {
  name: string;
  email: string;
  sessionsLed: number;
  next: boolean;
  children: TreeNodeModel[];
}

/** The managers as nested lists, from the top of the tree down (people without reports are counted, not shown). */
export function managerTree(progress: CascadeProgress): TreeNodeModel[] {
  const managers = progress.tree.filter((n) => n.isManager);
  const byEmail = new Map<string, TreeNodeModel>();
  for (const m of managers) {
    byEmail.set(m.email, {
      name: m.name,
      email: m.email,
      sessionsLed: m.sessionsLed,
      next: m.next,
      children: [],
    });
  }
  const roots: TreeNodeModel[] = [];
  for (const m of managers) {
    const node = byEmail.get(m.email) as TreeNodeModel;
    const parent = m.managerEmail ? byEmail.get(m.managerEmail) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function progressModel(progress: CascadeProgress) {
  return {
    managers: progress.managers,
    managersWhoLed: progress.managersWhoLed,
    ratio: progress.ratio,
    hasTree: progress.tree.length > 0,
    next: progress.next,
    tree: managerTree(progress),
  };
}

function sessionsModel(sessions: SessionSummary[], t: Translate) {
  return sessions.map((s) => ({
    ...s,
    leader: s.leaderName ?? s.leaderEmail,
    agencies: Object.entries(s.otherAgencyParticipants).map(([agency, count]) => ({ agency, count })),
    warning: s.sizeWarning ? localizeWarning(s.sizeWarning, t) : null,
  }));
}

function contextModel(ctx: PortalContext, lang: Language) {
  const link = (urls: Record<Language, string>) => {
    const url = urls[lang] || urls[ctx.language] || urls.en;
    return url && ALLOWED_URL.test(url) ? url : null;
  };
  return {
    role: ctx.role,
    year: ctx.year,
    topic: ctx.topic[lang] || ctx.topic.en,
    entityName: ctx.entity.name,
    entityCode: ctx.entity.code,
    state: ctx.state,
    effectiveDeadline: ctx.effectiveDeadline,
    reportCutoff: ctx.reportCutoff,
    reportIssued: ctx.reportIssued,
    subjectName: ctx.subjectName,
    subjectEmail: ctx.subjectEmail,
    session: ctx.session,
    materials: {
      leadersGuide: link(ctx.materials.leadersGuide),
      participantsGuide: link(ctx.materials.participantsGuide),
      presentation: link(ctx.materials.presentation),
    },
  };
}

function statisticsPrefill(statistics: FocalPointView['statistics']) {
  if (!statistics) return {};
  const values: Record<string, string> = {};
  for (const { name } of FORM_FIELDS.statistics) {
    const v = statistics[name];
    values[name] = v === null || v === undefined ? '' : String(v);
  }
  const agencies = (statistics['otherAgencyParticipants'] ?? {}) as Record<string, number>;
  return {
    values,
    rows: Object.entries(agencies).map(([agency, count]) => ({ agency, count: String(count) })),
  };
}

/** Everything a role's page template needs, with every string of the data still unescaped (Handlebars escapes). */
export function pageModel(input: PageInput) {
  const { roleView, lang, t } = input;
  const ctx = roleView.view.context;
  const summary: SummaryItem[] = [];
  const forms: Partial<Record<PortalForm, FormModel>> = {};
  const add = (form: PortalForm, prefill?: Parameters<typeof buildForm>[2]) => {
    if (!FORM_ROLES[form].includes(roleView.role)) return;
    const built = buildForm(form, input, prefill);
    forms[form] = built.model;
    summary.push(...built.summary);
  };
  const base = {
    page: ROLE_PAGE[roleView.role],
    lang,
    context: contextModel(ctx, lang),
    languages: (['en', 'fr', 'es'] as const).map((code) => ({
      code,
      label: LANGUAGE_NAMES[code],
      href: pageUrl(input.token, `?lang=${code}`),
      current: code === lang,
    })),
    done: input.done,
    choices: {
      format: [
        { value: 'in-person', label: t('session.inPerson') },
        { value: 'virtual', label: t('session.virtual') },
      ],
      rating: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`feedback.scale${n}`) })),
    },
    flash: input.flash
      ? input.flash.kind === 'session'
        ? { ...input.flash, warnings: input.flash.warnings.map((w) => localizeWarning(w, t)) }
        : input.flash
      : null,
  };
  let extra: Record<string, unknown> = {};
  switch (roleView.role) {
    case 'focal-point': {
      const v = roleView.view;
      add('statistics', statisticsPrefill(v.statistics));
      add('extension');
      add('scenario');
      add('seminar');
      add('leader-link');
      extra = {
        progress: progressModel(v.progress),
        showTree: true,
        sessions: sessionsModel(v.sessions, t),
        statistics: v.statistics
          ? { revision: v.statistics.revision, submittedAt: v.statistics.submittedAt }
          : null,
        extensionRequests: v.extensionRequests,
        scenarioProposals: v.scenarioProposals,
        seminarRequests: v.seminarRequests,
        headConfirmedAt: v.headConfirmedAt,
      };
      break;
    }
    case 'head-of-entity': {
      const v = roleView.view;
      add('session');
      add('confirm');
      add('leader-link');
      extra = {
        progress: progressModel(v.progress),
        showTree: true,
        sessions: sessionsModel(v.sessions, t),
        headConfirmedAt: v.headConfirmedAt,
      };
      break;
    }
    case 'leader': {
      const v = roleView.view;
      add('session');
      extra = {
        progress: progressModel(v.progress),
        showTree: false,
        sessions: sessionsModel(v.sessions, t),
        ownSessions: true,
      };
      break;
    }
    case 'participants': {
      add('feedback');
      extra = { alreadyCounted: roleView.view.alreadyCounted };
      break;
    }
  }
  return {
    ...base,
    ...extra,
    forms,
    errorSummary: summary.length
      ? { items: summary, autofocus: !Object.values(forms).some((f) => hasFocus(f)) }
      : null,
  };
}

function hasFocus(form: FormModel | undefined): boolean {
  if (!form) return false;
  return (
    Object.values(form.fields).some((f) => f.autofocus) ||
    form.rows.some((r) => r.agency.autofocus || r.count.autofocus)
  );
}

export type PageModel = ReturnType<typeof pageModel>;
