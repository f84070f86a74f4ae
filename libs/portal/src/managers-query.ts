import { CONTROL_CHARACTERS, type ManagerList, type ManagerListQuery } from '@cascade/dialogue';

/** Managers per page of the Focal Point's and the Head's list: trees of thousands stay one short page. */
export const MANAGERS_PAGE_SIZE = 50;

/** At most this many pages are addressable (50,000 managers), so a `page` is never a huge offset. */
const MAX_PAGE = 1000;

/** What the page's query string asks of the managers' list (`?state=&q=&lagging=1&page=`), read leniently. */
export interface ManagersFilter {
  state: string | null;
  q: string;
  lagging: boolean;
  /** From 1. */
  page: number;
  /** The address the excuse form starts with (a row's "Excuse" link). */
  excuse: string | null;
}

/** A page of the entity's managers, with the filter it was read with. */
export interface ManagersListing extends ManagerList {
  filter: ManagersFilter;
  pageSize: number;
}

export const NO_FILTER: ManagersFilter = { state: null, q: '', lagging: false, page: 1, excuse: null };

const first = (value: unknown): string => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : '';
};

/** Text of at most `max` characters; text with control characters (an edited address) is left out. */
const printable = (text: string, max: number) =>
  CONTROL_CHARACTERS.test(text) ? '' : text.replace(/\s+/g, ' ').trim().slice(0, max);

/**
 * The filter from a page's query string. A page is read by people, not scripts: anything malformed is left out
 * rather than refused (and a state the definition does not have is dropped when the list is read).
 */
export function managersFilterOf(query: Record<string, unknown>): ManagersFilter {
  const page = first(query['page']);
  const state = printable(first(query['state']), 40);
  const excuse = printable(first(query['excuse']), 254);
  return {
    state: state === '' ? null : state,
    q: printable(first(query['q']), 200),
    lagging: ['1', 'true', 'on', 'yes'].includes(first(query['lagging'])),
    page: /^\d{1,4}$/.test(page) ? Math.min(MAX_PAGE, Math.max(1, Number(page))) : 1,
    excuse: excuse === '' ? null : excuse,
  };
}

/** The domain's query for a filter: its page of MANAGERS_PAGE_SIZE. */
export function listQueryOf(filter: ManagersFilter): ManagerListQuery {
  return {
    state: filter.state ?? undefined,
    q: filter.q || undefined,
    lagging: filter.lagging || undefined,
    offset: (filter.page - 1) * MANAGERS_PAGE_SIZE,
    limit: MANAGERS_PAGE_SIZE,
  };
}
