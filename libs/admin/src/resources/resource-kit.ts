import { isAdmin } from '../console-action';
import type { ResourceReading } from './list-filters';

/** How one console resource reads its table and how AdminJS shows it (lists, filters, menu group). */
export interface ResourceDefinition {
  model: { name: string };
  reading: ResourceReading;
  options: Record<string, unknown> & { navigation: { name: string; icon: string } };
}

/** The menu groups. */
export const NAVIGATION = {
  dialogue: { name: 'Leadership Dialogue', icon: 'Compass' },
  requests: { name: 'Requests', icon: 'Inbox' },
  reporting: { name: 'Sessions and statistics', icon: 'BarChart2' },
  operations: { name: 'Operations', icon: 'Settings' },
};

interface Who {
  currentAdmin?: { role?: string };
}

const loggedIn = ({ currentAdmin }: Who) => !!currentAdmin;
const adminOnly = ({ currentAdmin }: Who) => isAdmin(currentAdmin);
const never = { isAccessible: false, isVisible: false };

/** Nothing is created, edited or deleted through generic forms: every change goes through a domain action. */
export const readOnlyActions = {
  new: never,
  edit: never,
  delete: never,
  bulkDelete: never,
  list: { isAccessible: loggedIn },
  show: { isAccessible: loggedIn },
  search: { isAccessible: loggedIn },
};

/** Resources for the admin role only, reads included (the role gate refuses them to viewers with 403). */
export const ADMIN_ONLY_RESOURCES = ['AdminUser'];

export const values = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));
export const hidden = { isVisible: false };
export const filterOnly = {
  isVisible: { list: false, show: false, edit: false, filter: true },
  isSortable: false,
};
export const listAndShow = {
  isVisible: { list: true, show: true, edit: false, filter: false },
  isSortable: false,
};

/**
 * Console accounts: for admins only, every action of the resource included (list, show, search and the account
 * actions); AdminJS refuses a viewer's request (403) whatever the menu shows.
 */
export function adminOnlyResource<T extends { options: { actions: Record<string, unknown> } }>(r: T): T {
  const actions = { ...r.options.actions };
  // The account actions are admin-only by themselves (console-action.ts); AdminJS's own reads are made so here.
  for (const name of ['list', 'show', 'search']) {
    actions[name] = { ...(actions[name] as object), isAccessible: adminOnly, isVisible: adminOnly };
  }
  return { ...r, options: { ...r.options, actions } };
}
