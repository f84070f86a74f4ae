import { isLanguage, LANGUAGES, type Language } from '@cascade/dialogue';
import { CsrfTokens } from './csrf';
import type { PortalForm } from './forms/portal-forms';
import type { FailedSubmission, Flash, RoleView } from './page-input';
import { LANGUAGE_NAMES } from '@cascade/i18n';
import { pageModel } from './page-model';
import { PageRenderer } from './page-renderer';

export type ErrorKind =
  'forbidden' | 'tooManyRequests' | 'notFound' | 'badRequest' | 'internal' | 'unavailable';

/** The language asked for with `?lang=`, else the first of Accept-Language we speak, else `fallback`. */
export function pageLanguage(
  asked: unknown,
  acceptLanguage: string | undefined,
  fallback: Language,
): Language {
  if (isLanguage(asked)) return asked;
  if (acceptLanguage === undefined) return fallback;
  const wanted = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((w) => isLanguage(w.lang) && w.q > 0)
    .sort((a, b) => b.q - a.q);
  return (wanted[0]?.lang as Language | undefined) ?? fallback;
}

/** Turns a role's view and the state of a request into the page's HTML, in the language asked for. */
export class PortalPages {
  constructor(
    readonly renderer: PageRenderer,
    private readonly csrf: CsrfTokens,
  ) {}

  translate(lang: Language, key: string, values: Record<string, unknown> = {}): string {
    return this.renderer.translate(lang, key, values);
  }

  /** Like `translate`, but an unknown key gives `fallback` (for values such as a state added later). */
  translateOr(lang: Language, key: string, fallback: string): string {
    try {
      return this.renderer.translate(lang, key);
    } catch {
      return fallback;
    }
  }

  rolePage(
    roleView: RoleView,
    lang: Language,
    token: string,
    state: { done?: PortalForm | null; flash?: Flash | null; failed?: FailedSubmission | null } = {},
  ): string {
    const ctx = roleView.view.context;
    const model = pageModel({
      roleView,
      lang,
      token,
      csrf: (form) => this.csrf.issue(ctx.tokenId, form),
      done: state.done ?? null,
      flash: state.flash ?? null,
      failed: state.failed ?? null,
      t: (key, values) => this.renderer.translate(lang, key, values),
      formatDate: (day) => this.renderer.formatDate(lang, day),
    });
    return this.renderer.render(model.page, lang, model, ctx.entity.timeZone);
  }

  invalidLink(lang: Language): string {
    return this.renderer.render('invalid-link', lang, { languages: this.switcher(lang) });
  }

  errorPage(
    lang: Language,
    kind: ErrorKind,
    extra: { retryAfterMinutes?: number; backHref?: string } = {},
  ): string {
    return this.renderer.render('error', lang, { kind, ...extra, languages: this.switcher(lang) });
  }

  /** For pages without a token: links that only change the language of the same address. */
  private switcher(lang: Language) {
    return LANGUAGES.map((code) => ({
      code,
      label: LANGUAGE_NAMES[code],
      href: `?lang=${code}`,
      current: code === lang,
    }));
  }
}
