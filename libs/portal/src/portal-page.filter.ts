import {
  ArgumentsHost,
  Catch,
  HttpException,
  Injectable,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { classifyError, RETRY_AFTER_SECONDS } from '@cascade/dialogue';
import { pageLanguage, PortalPages, type ErrorKind } from './portal-pages';
import { TooManyRequests } from './rate-limit';

/** Headers of every token-link page: never cached, never framed, never sending the address on as a referrer. */
export function pageHeaders(response: Response, csp: string, lang?: string): Response {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('X-Robots-Tag', 'noindex, nofollow');
  response.setHeader('Content-Security-Policy', csp);
  if (lang) response.setHeader('Content-Language', lang);
  return response;
}

/**
 * Errors on the pages answer as pages, in the language asked for: an unknown, expired or revoked link the same
 * 404 whatever the reason, a link used for another role's form 403, too many requests 429 and a database that
 * does not answer 503, both with Retry-After.
 * Nothing about the request (link, address) is logged.
 */
@Catch()
@Injectable()
export class PortalPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('PortalPages');

  constructor(private readonly pages: PortalPages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const lang = pageLanguage(request.query['lang'], request.header('accept-language'), 'en');
    pageHeaders(response, this.pages.renderer.contentSecurityPolicy, lang);
    const send = (status: number, html: string) => response.status(status).type('html').send(html);
    const refused = classifyError(error);
    if (refused.code === 'token-rejected') return void send(refused.status, this.pages.invalidLink(lang));
    const token = request.params?.['token'];
    const backHref = typeof token === 'string' ? `/p/${encodeURIComponent(token)}?lang=${lang}` : undefined;
    if (refused.code === 'token-role-refused') {
      return void send(refused.status, this.pages.errorPage(lang, 'forbidden', { backHref }));
    }
    if (error instanceof TooManyRequests) {
      return void send(
        429,
        this.pages.errorPage(lang, 'tooManyRequests', {
          retryAfterMinutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)),
        }),
      );
    }
    // Nest's own refusals (an unknown form, a body it could not parse) keep their status; a domain error that
    // reaches a page unhandled is the code's fault, so a 500 like any other.
    if (error instanceof HttpException && refused.status < 500) {
      const kind: ErrorKind =
        refused.category === 'not-found'
          ? 'notFound'
          : refused.category === 'forbidden'
            ? 'forbidden'
            : 'badRequest';
      return void send(refused.status, this.pages.errorPage(lang, kind, { backHref }));
    }
    if (refused.category === 'unavailable') {
      this.logger.warn(`503: ${error instanceof Error ? error.message : String(error)}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return void send(503, this.pages.errorPage(lang, 'unavailable', { backHref }));
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    send(500, this.pages.errorPage(lang, 'internal', { backHref }));
  }
}
