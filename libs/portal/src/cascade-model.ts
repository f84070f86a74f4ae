import type { ManagerRow, ManagerStanding, SessionAdvice } from '@cascade/dialogue';
import { LANGUAGE_NAMES } from '@cascade/i18n';
import type { ManagersFilter, ManagersListing } from './managers-query';
import { pageUrl, type PageInput, type Translate } from './page-input';

/** States in which a manager is still expected to hold a session (and may schedule it, or be excused). */
const OPEN = new Set(['waiting', 'your-turn', 'scheduled']);

/** The advice on the session's size in the page's language, with the definition's numbers. */
function adviceText(standing: ManagerStanding, t: Translate): string {
  const advice: SessionAdvice = standing.advice;
  const values = { ...standing.parameters, directReports: advice.directReports };
  switch (advice.kind) {
    case 'split':
      return t('standing.advice.split', { ...values, sessions: advice.sessions, maxSize: advice.maxSize });
    case 'joint':
      return advice.secondReportingOfficer
        ? t('standing.advice.joint', { ...values, officer: advice.secondReportingOfficer.name })
        : t('standing.advice.jointNoOfficer', values);
    case 'single':
      return t('standing.advice.single', values);
  }
}

/**
 * The top of a manager's own page: their state in the cascade, the next step, the scheduled session, the advice on
 * its size, and whether the schedule form is shown open (to schedule, or to change after a refusal).
 */
export function standingModel(standing: ManagerStanding | null, input: PageInput) {
  if (!standing) return null;
  const { t } = input;
  const session = standing.session;
  return {
    state: standing.state,
    turnOn: standing.turnOn,
    expectedBy: standing.expectedBy,
    sessionsLed: standing.sessionsLed,
    excuseReason: standing.excuseReason,
    timeZone: standing.timeZone,
    defaultMinutes: standing.defaultMinutes,
    scheduled: session !== null,
    canSchedule: OPEN.has(standing.state),
    // The change form stays folded while a session is on file, unless a change was just refused.
    changeOpen: input.failed?.form === 'schedule',
    session: session && {
      ...session,
      languageName: LANGUAGE_NAMES[session.language] ?? session.language,
      // The domain takes only web links; a page links nothing else all the same.
      linkable: session.url !== null && /^https?:\/\//i.test(session.url),
    },
    advice: {
      kind: standing.advice.kind,
      text: adviceText(standing, t),
      units: standing.advice.kind === 'joint' ? standing.advice.units : [],
    },
  };
}

/** The page's own address with the managers' filter (and `extra`), anchored at the list. */
function listHref(input: PageInput, filter: ManagersFilter, extra: Record<string, string>, anchor: string) {
  const query = new URLSearchParams({ lang: input.lang });
  if (filter.state) query.set('state', filter.state);
  if (filter.q) query.set('q', filter.q);
  if (filter.lagging) query.set('lagging', '1');
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  return `${pageUrl(input.token, `?${query}`)}#${anchor}`;
}

function rowModel(row: ManagerRow, listing: ManagersListing, input: PageInput, canExcuse: boolean) {
  const page = String(listing.filter.page);
  return {
    ...row,
    progressLabel: input.t('managers.subtreeLabel', { name: row.name }),
    excuseHref:
      canExcuse && OPEN.has(row.state)
        ? listHref(input, listing.filter, { page, excuse: row.email }, 'excuse-title')
        : null,
  };
}

/**
 * The Focal Point's and the Head's list of the entity's managers: counts by state, the filter form's values, a
 * page of rows with their subtree's progress, and the links to the other pages (the filter kept).
 */
export function managersModel(listing: ManagersListing, input: PageInput, { canExcuse = false } = {}) {
  const { filter, total, pageSize } = listing;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = filter.page;
  const to = (n: number) => listHref(input, filter, { page: String(n) }, 'managers-title');
  return {
    all: Object.values(listing.byState).reduce((a, b) => a + b, 0),
    total,
    lagging: listing.lagging,
    laggingAfterDays: listing.laggingAfterDays,
    byState: listing.states
      .filter((state) => (listing.byState[state] ?? 0) > 0)
      .map((state) => ({ state, count: listing.byState[state] })),
    action: pageUrl(input.token),
    filter,
    filtered: filter.state !== null || filter.q !== '' || filter.lagging,
    stateOptions: listing.states.map((state) => ({ value: state, selected: state === filter.state })),
    clearHref: `${pageUrl(input.token, `?lang=${input.lang}`)}#managers-title`,
    rows: listing.managers.map((row) => rowModel(row, listing, input, canExcuse)),
    canExcuse,
    paging: {
      page,
      pages,
      from: listing.managers.length === 0 ? 0 : (page - 1) * pageSize + 1,
      to: (page - 1) * pageSize + listing.managers.length,
      // An address edited past the end of the list: say so, and lead back to its last page.
      pastEnd: listing.managers.length === 0 && total > 0,
      several: pages > 1 || page > 1,
      previous: page > 1 ? to(Math.min(page - 1, pages)) : null,
      next: page < pages ? to(page + 1) : null,
    },
  };
}
