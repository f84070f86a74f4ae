import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  classifyError,
  PortalCascadeService,
  PortalService,
  TokenRoleRefused,
  type ClassifiedError,
  type Language,
  type PortalContext,
} from '@cascade/dialogue';
import { CsrfTokens } from './csrf';
import { FlashStore } from './flash-store';
import { one, type FormBody } from './forms/form-body';
import { isPortalForm, portalForm, type PortalForm } from './forms/portal-forms';
import { managersFilterOf } from './managers-query';
import type { FailedSubmission, Flash } from './page-input';
import { localizeIssue } from './issue-messages';
import { PortalLinks } from './portal-links';
import { pageHeaders, PortalPageFilter } from './portal-page.filter';
import { pageLanguage, PortalPages } from './portal-pages';
import { PortalRateLimitGuard } from './portal-rate-limit.guard';
import { roleViewOf, type ViewServices } from './role-view';

/**
 * The token-link pages: `GET /p/:token` shows the page of the link's role, in the person's language or the one
 * asked for with `?lang=`; each form posts to `/p/:token/<form>` and, once saved, redirects (303) back to the
 * page with `?done=<form>`. Plain HTML forms: nothing needs JavaScript.
 */
@ApiExcludeController()
@Controller('p')
@UseGuards(PortalRateLimitGuard)
@UseFilters(PortalPageFilter)
export class PortalPagesController {
  private readonly views: ViewServices;

  constructor(
    private readonly portal: PortalService,
    private readonly cascade: PortalCascadeService,
    private readonly pages: PortalPages,
    private readonly csrf: CsrfTokens,
    private readonly flash: FlashStore,
    private readonly links: PortalLinks,
  ) {
    this.views = { portal, cascade };
  }

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = await this.portal.resolve(token);
    const lang = pageLanguage(query['lang'], undefined, ctx.language);
    const done = isPortalForm(query['done']) ? query['done'] : null;
    const flash = query['flash']
      ? await this.flash.take(ctx.tokenId, query['flash']).catch(() => null)
      : null;
    // The managers' list of the Focal Point's and the Head's page: `?state=&q=&lagging=&page=` (and `excuse=`).
    const roleView = await roleViewOf(this.views, ctx, managersFilterOf(query));
    this.send(response, 200, lang, this.pages.rolePage(roleView, lang, token, { done, flash }));
  }

  @Post(':token/:form')
  async submit(
    @Param('token') token: string,
    @Param('form') form: string,
    @Query('lang') askedLang: unknown,
    @Body() body: FormBody,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = await this.portal.resolve(token);
    const lang = pageLanguage(askedLang, undefined, ctx.language);
    if (!isPortalForm(form)) throw new NotFoundException();
    const definition = portalForm(form);
    if (!definition.roles.includes(ctx.role)) throw new TokenRoleRefused(ctx.role, `use the ${form} form`);
    const fields: FormBody = body && typeof body === 'object' ? body : {};
    if (!this.csrf.verify(one(fields, '_csrf'), ctx.tokenId, form)) {
      const message = this.pages.translate(lang, 'errors.csrf');
      return this.refuse(response, 403, ctx, token, lang, { form, body: fields, issues: [], message });
    }
    let flash: Flash | null;
    try {
      flash = await definition.submit(
        { portal: this.portal, cascade: this.cascade, links: this.links },
        ctx,
        fields,
      );
    } catch (error) {
      const refused = classifyError(error);
      // A link used for another role's form, a missing record and the server's own failures are the filter's.
      if (refused.code === 'token-role-refused' || refused.category === 'not-found' || refused.status >= 500)
        throw error;
      const issues = refused.category === 'validation' ? refused.issues : [];
      return this.refuse(response, refused.status, ctx, token, lang, {
        form,
        body: fields,
        issues,
        message: issues.length ? null : this.wholeFormMessage(refused, ctx, lang, form),
      });
    }
    let reference: string | null = null;
    if (flash) {
      try {
        reference = await this.flash.put(ctx.tokenId, flash);
      } catch {
        // Redis is away: show the result now rather than lose the link that was made.
        const roleView = await roleViewOf(this.views, ctx);
        return this.send(
          response,
          200,
          lang,
          this.pages.rolePage(roleView, lang, token, { done: form, flash }),
        );
      }
    }
    pageHeaders(response, this.pages.renderer.contentSecurityPolicy);
    response.redirect(
      303,
      `/p/${encodeURIComponent(token)}?done=${form}&lang=${lang}${reference ? `&flash=${reference}` : ''}#done`,
    );
  }

  /** A refusal that names no field, in the page's language: the stage of the dialogue, a lost race, or its code. */
  private wholeFormMessage(
    refused: ClassifiedError,
    ctx: PortalContext,
    lang: Language,
    form: PortalForm,
  ): string {
    if (refused.code === 'invalid-transition' && portalForm(form).workflow === 'manager') {
      // The manager's own state refused it (cancelling a session that is not scheduled, excusing one who held it).
      const state = String(refused.params['state'] ?? '');
      return this.pages.translate(lang, 'errors.managerNotNow', {
        state: this.pages.translateOr(lang, `managerStates.${state}`, state),
      });
    }
    if (refused.code === 'invalid-transition') {
      return this.pages.translate(lang, 'errors.notNow', {
        state: this.pages.translateOr(lang, `states.${ctx.state}`, ctx.state),
      });
    }
    if (refused.category === 'conflict') return this.pages.translate(lang, 'errors.conflict');
    return localizeIssue(refused, (key, values) => this.pages.translate(lang, key, values));
  }

  /** The page again, with what was typed and every problem beside its field; nothing was saved. */
  private async refuse(
    response: Response,
    status: number,
    ctx: PortalContext,
    token: string,
    lang: Language,
    failed: FailedSubmission,
  ): Promise<void> {
    const roleView = await roleViewOf(this.views, ctx);
    this.send(response, status, lang, this.pages.rolePage(roleView, lang, token, { failed }));
  }

  private send(response: Response, status: number, lang: Language, html: string): void {
    pageHeaders(response, this.pages.renderer.contentSecurityPolicy, lang);
    response.status(status).type('html').send(html);
  }
}
