import { classifyError, errorBody, TokenRejected, TokenRoleRefused } from '@cascade/dialogue';
import type { ArgumentsHost } from '@nestjs/common';
import { CsrfTokens } from './csrf';
import { PageRenderer } from './page-renderer';
import { PortalPageFilter } from './portal-page.filter';
import { PortalPages } from './portal-pages';

const toErrorBody = (error: unknown) => errorBody(classifyError(error));

/** What the page filter answers to an error on a page asked in `lang`. */
function pageAnswerTo(error: unknown, lang: string) {
  const renderer = PageRenderer.fromDirectory();
  const answer = { status: 0, headers: new Map<string, string>(), html: '', renderer };
  const response = {
    setHeader: (name: string, value: string) => answer.headers.set(name.toLowerCase(), value),
    status(code: number) {
      answer.status = code;
      return this;
    },
    type() {
      return this;
    },
    send(html: string) {
      answer.html = html;
      return this;
    },
  };
  const request = { query: { lang }, header: () => undefined, params: { token: 'T'.repeat(43) } };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) };
  new PortalPageFilter(new PortalPages(renderer, new CsrfTokens('k'.repeat(40)))).catch(
    error,
    host as unknown as ArgumentsHost,
  );
  return answer;
}

describe('portal errors and access', () => {
  it('answers an unknown, expired or revoked link 404, the same way each time', () => {
    expect(toErrorBody(new TokenRejected())).toMatchObject({
      statusCode: 404,
      error: 'TokenRejected',
      code: 'token-rejected',
      message: expect.stringContaining('not valid or has expired'),
    });
  });

  it('answers a link used for another role’s action 403', () => {
    expect(toErrorBody(new TokenRoleRefused('participants', 'submit statistics'))).toMatchObject({
      statusCode: 403,
      error: 'TokenRoleRefused',
    });
  });

  it('answers a page whose database does not answer 503 with Retry-After, in the page’s language', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const away = pageAnswerTo(refused, 'fr');
    expect([away.status, away.headers.get('retry-after')]).toEqual([503, '5']);
    expect(away.html).toContain(away.renderer.translate('fr', 'errorPage.unavailable.title'));

    const broken = pageAnswerTo(new TypeError('x is not a function'), 'es');
    expect([broken.status, broken.headers.has('retry-after')]).toEqual([500, false]);
    expect(broken.html).toContain(broken.renderer.translate('es', 'errorPage.internal.title'));
  });
});
