import type { DomainWarning, SessionSummary, TokenRole } from '@cascade/dialogue';
import { LANGUAGE_NAMES, LANGUAGES } from '@cascade/i18n';
import { localizeIssue } from './issue-messages';
import { buildForm, hasFocus, type FormModel, type SummaryItem } from './form-model';
import { PORTAL_FORM_DEFINITIONS, type PortalForm } from './forms/portal-forms';
import { contextModel } from './context-model';
import { pageUrl, type PageInput } from './page-input';
import { managersModel, standingModel } from './cascade-model';
import { progressModel, sessionsModel } from './progress-model';
import { crossCheckModel, statisticsSourcesModel } from './statistics-model';
import { nextStepModel } from './next-step-model';

/** The page of each role. */
export const ROLE_PAGE: Record<TokenRole, 'focal-point' | 'head-of-entity' | 'leader' | 'participants'> = {
  'focal-point': 'focal-point',
  'head-of-entity': 'head-of-entity',
  leader: 'leader',
  participants: 'participants',
};

/** The page's frame: language switch, choices of the radio groups, what to show once. */
function chromeModel(input: PageInput) {
  const { lang, t } = input;
  return {
    page: ROLE_PAGE[input.roleView.role],
    lang,
    context: contextModel(input.roleView.view.context, lang),
    languages: LANGUAGES.map((code) => ({
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
      language: LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] })),
    },
    flash: input.flash
      ? input.flash.kind === 'session'
        ? {
            ...input.flash,
            // A flash sealed by the previous release (they live ten minutes) holds the English sentence.
            warnings: input.flash.warnings.map((w: DomainWarning | string) =>
              typeof w === 'string' ? w : localizeIssue(w, t),
            ),
          }
        : input.flash
      : null,
  };
}

/** The sessions the link's holder led: those they may issue a new participants' link for. */
function ownSessions(sessions: SessionSummary[], email: string | null) {
  return sessions
    .filter((s) => email !== null && s.leaderEmail.toLowerCase() === email.toLowerCase())
    .map((s) => ({ id: s.id, heldOn: s.heldOn }));
}

/** The data of the role's page besides its forms. */
function roleSections(input: PageInput): Record<string, unknown> {
  const { roleView, t } = input;
  switch (roleView.role) {
    case 'focal-point': {
      const v = roleView.view;
      return {
        progress: progressModel(v.progress),
        managers: managersModel(v.managers, input, { canExcuse: true }),
        sessions: sessionsModel(v.sessions, t),
        statistics: v.statistics
          ? {
              revision: v.statistics.revision,
              submittedAt: v.statistics.submittedAt,
              // The Focal Point confirmed figures that differed from the records.
              confirmedDifferences:
                (v.statistics['crossCheck'] as { confirmed?: boolean } | null | undefined)?.confirmed ===
                true,
            }
          : null,
        // Figures sent that differ from the records: each beside what Cascade has, above the box that confirms.
        statisticsCheck:
          input.failed?.form === 'statistics' ? crossCheckModel(input.failed.issues, t, input.lang) : null,
        // Where each suggested figure comes from; not after a refusal, when the inputs hold what was typed.
        statisticsSources:
          input.failed?.form === 'statistics'
            ? {}
            : statisticsSourcesModel(v.statisticsPrefill, t, input.lang),
        extensionRequests: v.extensionRequests,
        scenarioProposals: v.scenarioProposals,
        seminarRequests: v.seminarRequests,
        headConfirmedAt: v.headConfirmedAt,
      };
    }
    case 'head-of-entity': {
      const v = roleView.view;
      return {
        progress: progressModel(v.progress),
        managers: managersModel(v.managers, input),
        sessions: sessionsModel(v.sessions, t),
        ownSessionList: ownSessions(v.sessions, v.context.subjectEmail),
        teamMailed: (v.cascade?.directReports ?? 0) > 0,
        headConfirmedAt: v.headConfirmedAt,
      };
    }
    case 'leader': {
      const v = roleView.view;
      return {
        progress: progressModel(v.progress),
        standing: standingModel(v.cascade, input),
        sessions: sessionsModel(v.sessions, t),
        ownSessions: true,
        ownSessionList: ownSessions(v.sessions, v.context.subjectEmail),
        // The team members of the tree are mailed the feedback link when a session is recorded.
        teamMailed: (v.cascade?.directReports ?? 0) > 0,
      };
    }
    case 'participants': {
      const { alreadyCounted, capacity } = roleView.view;
      return { alreadyCounted, capacity, full: alreadyCounted >= capacity };
    }
  }
}

/** Every form the link's role may use, by name, with the problems of a refused one for the summary. */
function formsModel(input: PageInput) {
  const forms: Partial<Record<PortalForm, FormModel>> = {};
  const summary: SummaryItem[] = [];
  for (const form of PORTAL_FORM_DEFINITIONS) {
    if (!form.roles.includes(input.roleView.role)) continue;
    const built = buildForm(form, input, form.prefill?.(input.roleView));
    forms[form.name] = built.model;
    summary.push(...built.summary);
  }
  return { forms, summary };
}

/** Everything a role's page template needs, with every string of the data still unescaped (Handlebars escapes). */
export function pageModel(input: PageInput) {
  const { forms, summary } = formsModel(input);
  return {
    ...chromeModel(input),
    ...roleSections(input),
    nextStep: nextStepModel(input),
    forms,
    errorSummary: summary.length
      ? { items: summary, autofocus: !Object.values(forms).some((f) => hasFocus(f)) }
      : null,
  };
}

export type PageModel = ReturnType<typeof pageModel>;
