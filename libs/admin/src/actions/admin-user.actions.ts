import {
  ADMIN_ROLES,
  CONSOLE_LANGUAGES,
  MIN_PASSWORD_LENGTH,
  ValidationFailed,
  type AccountChange,
  type AdminUser,
} from '@cascade/dialogue';
import type { ActionCall, ConsoleActionSpec } from '../console-action';
import { iso, type ConsoleField, type ConsoleView } from '../console-view';
import type { Translate } from '../locale/console-text';

// Console accounts, managed by admins in the console (the first one comes from `admin:create`). The resource is
// admin-only (resources/admin-user.resource.ts); the domain service hashes passwords, keeps an active admin and
// audits each change. An account also changes its own language (console-router.ts, `POST /admin/account/language`).

const roleName = (t: Translate, role: string) => t(`accounts.roles.${role as 'admin' | 'viewer'}`);
const languageName = (t: Translate, language: string) => t(`accounts.languages.${language as 'en' | 'fr'}`);

const roleOptions = (t: Translate) => ADMIN_ROLES.map((r) => ({ value: r, label: roleName(t, r) }));

/** Each language by its name in itself, as language menus show them. */
const LANGUAGE_OPTIONS = CONSOLE_LANGUAGES.map((l) => ({
  value: l,
  label: l === 'fr' ? 'Français' : 'English',
}));

const languageField = (t: Translate, value?: string): ConsoleField => ({
  name: 'language',
  label: t('accounts.language'),
  type: 'select',
  options: LANGUAGE_OPTIONS,
  required: true,
  value,
  help: t('accounts.languageHelp'),
});

const accountFacts = (t: Translate, user: AdminUser): [string, unknown][] => [
  [t('accounts.account'), user.email],
  [t('accounts.role'), roleName(t, user.role)],
  [t('accounts.language'), languageName(t, user.language)],
  [
    t('accounts.status'),
    user.disabledAt ? t('accounts.disabledSince', { at: iso(user.disabledAt) }) : t('accounts.active'),
  ],
  [t('accounts.createdAt'), iso(user.createdAt)],
  [t('accounts.lastLogin'), iso(user.lastLoginAt) ?? t('accounts.never')],
];

const passwordFields = (t: Translate, label: string): ConsoleField[] => [
  {
    name: 'password',
    label,
    type: 'password',
    required: true,
    help: t('accounts.passwordHelp', { min: MIN_PASSWORD_LENGTH }),
  },
  { name: 'confirm', label: t('accounts.confirm'), type: 'password', required: true },
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
  return ended > 0 ? call.t('accounts.sessionsEnded', { count: ended }) : '';
}

const createAccount: ConsoleActionSpec = {
  name: 'createAccount',
  actionType: 'resource',
  icon: 'UserPlus',
  async show({ t }) {
    return {
      title: t('accounts.createTitle'),
      intro: t('accounts.createIntro'),
      form: {
        fields: [
          { name: 'email', label: t('accounts.email'), type: 'email', required: true },
          {
            name: 'role',
            label: t('accounts.role'),
            type: 'select',
            options: roleOptions(t),
            required: true,
          },
          languageField(t, 'en'),
          ...passwordFields(t, t('accounts.password')),
        ],
        submit: t('accounts.createSubmit'),
      },
    };
  },
  async submit(call) {
    const { t, payload } = call;
    const password = newPassword(call);
    const user = await call.services.admins.create(
      { email: payload['email'] ?? '', password, role: payload['role'] ?? '', language: payload['language'] },
      call.actor,
    );
    return {
      title: t('accounts.accountTitle', { email: user.email }),
      success: t('accounts.createdDone', { email: user.email, role: roleName(t, user.role) }),
      facts: accountFacts(t, user),
    };
  },
};

const changeRole: ConsoleActionSpec = {
  name: 'changeRole',
  actionType: 'record',
  icon: 'Shield',
  async show({ queries, recordId, t }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: t('accounts.roleTitle', { email: user.email }),
      intro: t('accounts.roleIntro'),
      facts: accountFacts(t, user),
      form: {
        fields: [
          {
            name: 'role',
            label: t('accounts.role'),
            type: 'select',
            options: roleOptions(t),
            required: true,
            value: user.role,
          },
        ],
        submit: t('accounts.roleSubmit'),
      },
    };
  },
  async submit(call) {
    const { t } = call;
    const change = await call.services.admins.changeRole(
      call.recordId ?? 0,
      call.payload['role'] ?? '',
      call.actor,
    );
    const { user } = change;
    const role = roleName(t, user.role);
    return accountResult(
      t,
      user,
      change.endSessions
        ? t('accounts.roleChanged', { email: user.email, role, ended: await endSessions(call, change) })
        : t('accounts.roleSame', { email: user.email, role }),
    );
  },
};

/** An admin sets the language the console speaks to an account; the account's sessions stay open. */
const changeLanguage: ConsoleActionSpec = {
  name: 'changeLanguage',
  actionType: 'record',
  icon: 'Globe',
  async show({ queries, recordId, t }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: t('accounts.languageTitle', { email: user.email }),
      intro: t('accounts.languageIntro'),
      facts: accountFacts(t, user),
      form: { fields: [languageField(t, user.language)], submit: t('accounts.languageSubmit') },
    };
  },
  async submit(call) {
    const { t } = call;
    const change = await call.services.admins.changeLanguage(
      call.recordId ?? 0,
      call.payload['language'] ?? '',
      call.actor,
    );
    const { user } = change;
    const values = { email: user.email, language: languageName(t, user.language) };
    return accountResult(
      t,
      user,
      change.changed ? t('accounts.languageChanged', values) : t('accounts.languageSame', values),
    );
  },
};

const disableAccount: ConsoleActionSpec = {
  name: 'disableAccount',
  actionType: 'record',
  icon: 'UserX',
  appliesTo: (p) => !p['disabledAt'],
  async show({ queries, recordId, t }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: t('accounts.disableTitle', { email: user.email }),
      intro: t('accounts.disableIntro'),
      facts: accountFacts(t, user),
      form: user.disabledAt ? undefined : { fields: [], submit: t('accounts.disableSubmit'), danger: true },
    };
  },
  async submit(call) {
    const change = await call.services.admins.setDisabled(call.recordId ?? 0, true, call.actor);
    const ended = await endSessions(call, change);
    return accountResult(
      call.t,
      change.user,
      call.t('accounts.disabled', { email: change.user.email, ended }),
    );
  },
};

const enableAccount: ConsoleActionSpec = {
  name: 'enableAccount',
  actionType: 'record',
  icon: 'UserCheck',
  appliesTo: (p) => !!p['disabledAt'],
  async show({ queries, recordId, t }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: t('accounts.enableTitle', { email: user.email }),
      intro: t('accounts.enableIntro'),
      facts: accountFacts(t, user),
      form: user.disabledAt ? { fields: [], submit: t('accounts.enableSubmit') } : undefined,
    };
  },
  async submit(call) {
    const change = await call.services.admins.setDisabled(call.recordId ?? 0, false, call.actor);
    return accountResult(call.t, change.user, call.t('accounts.enabled', { email: change.user.email }));
  },
};

const resetPassword: ConsoleActionSpec = {
  name: 'resetPassword',
  actionType: 'record',
  icon: 'Key',
  async show({ queries, recordId, t }) {
    const user = await queries.accounts.byId(recordId);
    return {
      title: t('accounts.passwordTitle', { email: user.email }),
      intro: t('accounts.passwordIntro'),
      facts: accountFacts(t, user),
      form: {
        fields: passwordFields(t, t('accounts.newPassword')),
        submit: t('accounts.passwordSubmit'),
        danger: true,
      },
    };
  },
  async submit(call) {
    const password = newPassword(call);
    const change = await call.services.admins.resetPassword(call.recordId ?? 0, password, call.actor);
    const ended = await endSessions(call, change);
    return accountResult(
      call.t,
      change.user,
      call.t('accounts.passwordSet', { email: change.user.email, ended }),
    );
  },
};

function accountResult(t: Translate, user: AdminUser, success: string): ConsoleView {
  return { title: t('accounts.accountTitle', { email: user.email }), success, facts: accountFacts(t, user) };
}

/** The actions of the Console accounts resource (admins only). */
export const adminUserActions: ConsoleActionSpec[] = [
  createAccount,
  changeRole,
  changeLanguage,
  disableAccount,
  enableAccount,
  resetPassword,
];
