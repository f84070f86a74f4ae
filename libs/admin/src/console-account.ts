import express, { type Request, type RequestHandler, type Response } from 'express';
import { classifyError, consoleActor, type AccountChange, type ConsoleIdentity } from '@cascade/dialogue';
import type { ConsoleSessionData } from './console-security';

/** The account's own settings, under the console's path (`/admin/account/language`). */
export const ACCOUNT_LANGUAGE_PATH = '/account/language';

type ChangeLanguage = (id: number, language: string, actor: string) => Promise<AccountChange>;

type AccountRequest = Request & { session: Request['session'] & ConsoleSessionData };

/**
 * `POST /admin/account/language` (`{"language": "fr"}`): the logged-in account changes the language the console
 * speaks to it, whatever its role (it is the account's own setting, not a change to the Ethics Office's data, so
 * it is answered ahead of the role gate; the CSRF guard and the login still apply). The change is the domain's
 * (`AdminUserService.changeLanguage`: one transaction with its `change-admin-language` audit row under the
 * account's own name) and the session takes it at once, so the next page is in the new language. AdminJS's
 * language menu posts here (components/top-bar.jsx).
 */
export function accountLanguage(change: ChangeLanguage): RequestHandler[] {
  const answer = async (req: AccountRequest, res: Response) => {
    const admin = req.session.adminUser as ConsoleIdentity & { title: string };
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      const done = await change(admin.id, String(body['language'] ?? ''), consoleActor(admin));
      req.session.adminUser = { ...admin, language: done.user.language };
      await new Promise<void>((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
      res.status(200).json({ language: done.user.language, changed: done.changed });
    } catch (error) {
      const refused = classifyError(error);
      if (refused.category === 'internal' || refused.category === 'unavailable') throw error;
      res.status(refused.status).json({
        statusCode: refused.status,
        error: refused.name,
        code: refused.code,
        message: refused.message,
        issues: refused.issues,
      });
    }
  };
  return [
    express.json({ limit: '1kb' }),
    express.urlencoded({ extended: false, limit: '1kb' }),
    (req, res, next) => {
      answer(req as AccountRequest, res).catch(next);
    },
  ];
}
