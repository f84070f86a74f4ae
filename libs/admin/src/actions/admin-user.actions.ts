import {
  ADMIN_ROLES,
  MIN_PASSWORD_LENGTH,
  ValidationFailed,
  type AccountChange,
  type AdminUser,
} from '@cascade/dialogue';
import type { ActionCall, ConsoleActionSpec } from '../console-action';
import { iso, type ConsoleField, type ConsoleView } from '../console-view';

// Console accounts, managed by admins in the console (the first one comes from `admin:create`). The resource is
// admin-only (resources/admin-user.resource.ts); the domain service hashes passwords, keeps an active admin and audits each change.

const ROLE_OPTIONS = ADMIN_ROLES.map((r) => ({ value: r, label: r }));

const accountFacts = (user: AdminUser): [string, unknown][] => [
  ['Account', user.email],
  ['Role', user.role],
  ['Status', user.disabledAt ? `disabled since ${iso(user.disabledAt)}` : 'active'],
  ['Created', iso(user.createdAt)],
  ['Last login', iso(user.lastLoginAt) ?? 'never'],
];

const passwordFields = (label: string): ConsoleField[] => [
  {
    name: 'password',
    label,
    type: 'password',
    required: true,
    help: `At least ${MIN_PASSWORD_LENGTH} characters; give it to the person yourself.`,
  },
  { name: 'confirm', label: 'The same password again', type: 'password', required: true },
];

/** The password typed twice; the domain checks its length. */
function newPassword(call: ActionCall): string {
  const password = call.payload['password'] ?? '';
  if (password !== (call.payload['confirm'] ?? '')) {
    throw new ValidationFailed([
      { field: 'confirm', code: 'password-mismatch', message: 'is not the same as the password' },
    ]);
  }
  return password;
}

/** After a change that takes rights away or replaces the password, the account's open sessions end at once. */
async function endSessions(call: ActionCall, change: AccountChange): Promise<string> {
  if (!change.endSessions) return '';
  const ended = await call.services.sessions.endSessionsOf(change.user.id);
  return ended > 0 ? ` Its open sessions (${ended}) ended.` : '';
}

const createAccount: ConsoleActionSpec = {
  name: 'createAccount',
  label: 'New account',
  actionType: 'resource',
  icon: 'UserPlus',
  async show() {
    return {
      title: 'New console account',
      intro:
        'An admin acts in the console; a viewer sees everything and changes nothing. Only a hash of the password is kept.',
      form: {
        fields: [
          { name: 'email', label: 'Email', type: 'email', required: true },
          { name: 'role', label: 'Role', type: 'select', options: ROLE_OPTIONS, required: true },
          ...passwordFields('Password'),
        ],
        submit: 'Create the account',
      },
    };
  },
  async submit(call) {
    const password = newPassword(call);
    const user = await call.services.admins.create(
      { email: call.payload['email'] ?? '', password, role: call.payload['role'] ?? '' },
      call.actor,
    );
    return {
      title: `Account ${user.email}`,
      success: `Account ${user.email} created with the ${user.role} role.`,
      facts: accountFacts(user),
    };
  },
};

const changeRole: ConsoleActionSpec = {
  name: 'changeRole',
  label: 'Role',
  actionType: 'record',
  icon: 'Shield',
  async show({ queries, recordId }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: `Role of ${user.email}`,
      intro:
        'The account’s open sessions end when its role changes; it logs in again with the new role. The last active admin keeps the admin role.',
      facts: accountFacts(user),
      form: {
        fields: [
          {
            name: 'role',
            label: 'Role',
            type: 'select',
            options: ROLE_OPTIONS,
            required: true,
            value: user.role,
          },
        ],
        submit: 'Change the role',
      },
    };
  },
  async submit(call) {
    const change = await call.services.admins.changeRole(
      call.recordId ?? 0,
      call.payload['role'] ?? '',
      call.actor,
    );
    const { user } = change;
    return accountResult(
      user,
      change.endSessions
        ? `${user.email} is now ${user.role}.${await endSessions(call, change)}`
        : `${user.email} already had the ${user.role} role.`,
    );
  },
};

const disableAccount: ConsoleActionSpec = {
  name: 'disableAccount',
  label: 'Disable',
  actionType: 'record',
  icon: 'UserX',
  appliesTo: (p) => !p['disabledAt'],
  async show({ queries, recordId }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: `Disable ${user.email}`,
      intro:
        'A disabled account cannot log in and its open sessions end now. It stays in the list (and in the audit trail) and can be enabled again.',
      facts: accountFacts(user),
      form: user.disabledAt ? undefined : { fields: [], submit: 'Disable the account', danger: true },
    };
  },
  async submit(call) {
    const change = await call.services.admins.setDisabled(call.recordId ?? 0, true, call.actor);
    return accountResult(change.user, `${change.user.email} is disabled.${await endSessions(call, change)}`);
  },
};

const enableAccount: ConsoleActionSpec = {
  name: 'enableAccount',
  label: 'Enable',
  actionType: 'record',
  icon: 'UserCheck',
  appliesTo: (p) => !!p['disabledAt'],
  async show({ queries, recordId }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: `Enable ${user.email}`,
      intro: 'The account can log in again, with its role and password.',
      facts: accountFacts(user),
      form: user.disabledAt ? { fields: [], submit: 'Enable the account' } : undefined,
    };
  },
  async submit(call) {
    const change = await call.services.admins.setDisabled(call.recordId ?? 0, false, call.actor);
    return accountResult(change.user, `${change.user.email} can log in again.`);
  },
};

const resetPassword: ConsoleActionSpec = {
  name: 'resetPassword',
  label: 'New password',
  actionType: 'record',
  icon: 'Key',
  async show({ queries, recordId }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: `New password for ${user.email}`,
      intro: 'The old password stops working and the account’s open sessions end.',
      facts: accountFacts(user),
      form: { fields: passwordFields('New password'), submit: 'Set the new password', danger: true },
    };
  },
  async submit(call) {
    const password = newPassword(call);
    const change = await call.services.admins.resetPassword(call.recordId ?? 0, password, call.actor);
    return accountResult(
      change.user,
      `${change.user.email} has a new password.${await endSessions(call, change)}`,
    );
  },
};

function accountResult(user: AdminUser, success: string): ConsoleView {
  return { title: `Account ${user.email}`, success, facts: accountFacts(user) };
}

/** The actions of the Console accounts resource (admins only). */
export const adminUserActions: ConsoleActionSpec[] = [
  createAccount,
  changeRole,
  disableAccount,
  enableAccount,
  resetPassword,
];
