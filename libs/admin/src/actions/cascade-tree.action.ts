import type { ManagerList, ManagerListQuery, ManagerRow } from '@cascade/dialogue';
import type { ActionCall, ConsoleActionSpec } from '../console-action';
import {
  bar,
  indented,
  queryLink,
  type ConsoleField,
  type ConsolePager,
  type ConsoleTable,
} from '../console-view';
import type { Translate } from '../locale/console-text';
import { cascadeLink, managerLink, timelineLink } from './action-kit';

/** Rows per page: a tree of thousands of managers is read a page at a time, never drawn whole. */
export const CASCADE_PAGE = 50;

/** What the screen was asked for: a search, a state, lagging managers only, one branch, a page. */
interface CascadeSearch {
  q: string;
  state: string;
  lagging: string;
  under: string;
  offset: number;
}

function searchOf(query: Record<string, string>): CascadeSearch {
  const offset = Number(query['offset']);
  return {
    q: query['q']?.trim() ?? '',
    state: query['state']?.trim() ?? '',
    lagging: query['lagging'] === 'yes' ? 'yes' : '',
    under: query['under']?.trim().toLowerCase() ?? '',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The search as the screen's parameters (only what is set), for the page links and the branch links. */
function paramsOf(search: CascadeSearch, change: Partial<CascadeSearch> = {}): Record<string, string> {
  const all = { ...search, ...change };
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key, value]) => value !== '' && !(key === 'offset' && value === 0))
      .map(([key, value]) => [key, String(value)]),
  );
}

/**
 * An entity's managers' cascade, in the tree's order and a page at a time: each manager's state, their branch's
 * progress (managers below them, themselves included, who held their session), who is lagging and since when.
 * A search (name or address, state, lagging only) keeps the tree's order; "Branch" shows one manager's branch.
 * Read-only: the search is a GET, so viewers use it too.
 */
export const cascadeTree: ConsoleActionSpec = {
  name: 'cascade',
  actionType: 'record',
  icon: 'GitMerge',
  readOnly: true,
  async show({ queries, recordId, query, services, t }: ActionCall) {
    const instance = await queries.instances.byId(recordId);
    const { year } = instance.dialogue;
    const { code } = instance.entity;
    const search = searchOf(query);
    const asked: ManagerListQuery = {
      order: 'tree',
      q: search.q || undefined,
      state: search.state || undefined,
      lagging: search.lagging === 'yes',
      under: search.under || undefined,
      offset: search.offset,
      limit: CASCADE_PAGE,
    };
    const list = await queries.cascade.list(year, code, asked);
    const definition = services.registry.get(
      instance.dialogue.managerWorkflowId,
      instance.dialogue.managerWorkflowVersion,
    );
    return {
      title: t('cascade.title', { code, name: instance.entity.name, year }),
      intro: search.under ? t('cascade.introBranch', { email: search.under }) : t('cascade.intro'),
      facts: treeFacts(t, list),
      form: {
        fields: searchFields(t, search, Object.keys(definition.states)),
        submit: t('cascade.search'),
        method: 'get',
      },
      pager: pagerOf(list, search),
      tables: [managersTable(t, list.managers, search)],
      links: [
        ...(search.under ? [cascadeLink(t, instance.id, t('cascade.wholeTree'))] : []),
        timelineLink(t, instance.id),
      ],
    };
  },
};

function treeFacts(t: Translate, { byState }: ManagerList): [string, unknown][] {
  const managers = Object.entries(byState)
    .filter(([state]) => state !== 'withdrawn')
    .reduce((sum, [, n]) => sum + n, 0);
  const states = Object.entries(byState)
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  return [
    [t('cascade.held'), bar(byState['held'] ?? 0, managers)],
    [t('cascade.byState'), states || t('cascade.noTree')],
  ];
}

function searchFields(t: Translate, search: CascadeSearch, states: string[]): ConsoleField[] {
  return [
    { name: 'q', label: t('cascade.q'), value: search.q },
    {
      name: 'state',
      label: t('common.state'),
      type: 'select',
      value: search.state,
      options: states.map((s) => ({ value: s, label: s })),
    },
    {
      name: 'lagging',
      label: t('cascade.lagging'),
      type: 'select',
      value: search.lagging,
      options: [{ value: 'yes', label: t('cascade.laggingOnly') }],
    },
    { name: 'under', label: t('cascade.under'), type: 'email', value: search.under },
  ];
}

function pagerOf({ total, managers }: ManagerList, search: CascadeSearch): ConsolePager {
  const { offset } = search;
  return {
    from: managers.length ? offset + 1 : 0,
    to: offset + managers.length,
    total,
    previous: offset > 0 ? paramsOf(search, { offset: Math.max(0, offset - CASCADE_PAGE) }) : undefined,
    next: offset + managers.length < total ? paramsOf(search, { offset: offset + CASCADE_PAGE }) : undefined,
  };
}

function managersTable(t: Translate, rows: ManagerRow[], search: CascadeSearch): ConsoleTable {
  return {
    id: 'cascade',
    title: t('common.managers'),
    empty: search.under
      ? t('cascade.emptyBranch', { email: search.under })
      : search.q || search.state || search.lagging
        ? t('cascade.emptySearch')
        : t('cascade.emptyTree'),
    columns: [
      t('common.manager'),
      t('common.state'),
      t('common.directReports'),
      t('common.turnCame'),
      t('common.sessionsLed'),
      t('cascade.branchProgress'),
      t('cascade.laggingSince'),
      t('cascade.branch'),
      t('cascade.timeline'),
    ],
    rows: rows.map((m) => [
      indented(`${m.name} <${m.email}>`, m.depth),
      m.state,
      m.directReports,
      m.turnOn,
      m.sessionsLed,
      bar(m.subtree.held, m.subtree.managers),
      m.laggingDays !== null ? t('cascade.laggingValue', { turnOn: m.turnOn, days: m.laggingDays }) : null,
      // A branch is read on its own, whatever was searched: the manager and everyone below them.
      m.subtree.managers > 1 && m.email !== search.under
        ? queryLink(t('cascade.branch'), { under: m.email })
        : null,
      { ...managerLink(t, m.id), label: t('cascade.timeline') },
    ]),
  };
}
