import type { EntityMailPreview, MailPreviewService, MissingFact } from '@cascade/dialogue';
import { isMailLanguage, MailRenderer, type RenderedMail } from '@cascade/mail';
import type { Request, RequestHandler } from 'express';
import { CONSOLE_PATH } from '../console-settings';
import { languageOf, translator, type ConsoleKey, type Translate } from '../locale/console-text';

/** The zone the sample instants are shown in (a sample has no recipient of its own). */
const SAMPLE_ZONE = 'UTC';
export const MAIL_PREVIEW_PATH = `${CONSOLE_PATH}/mail-preview`;

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

/** The preview index with an entity of a year chosen: what an entity's screens in the console link to. */
export const mailPreviewHref = (code: string, year: number) =>
  `${MAIL_PREVIEW_PATH}?entity=${encodeURIComponent(code)}&year=${year}`;

/** The parameters of a preview's address; `entity` and `year` stay on every link once an entity is chosen. */
interface Choice {
  entity?: string;
  year?: number;
}

const query = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&amp;');

/** The page around a preview: the console's own, no script, the mail's HTML in a sandboxed frame of its own. */
function page(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`;
}

class BadRequest extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const MISSING_KEYS: Record<MissingFact, ConsoleKey> = {
  'no-recipients': 'mailPreview.missing.noRecipients',
  'no-managers': 'mailPreview.missing.noManagers',
  'no-boss': 'mailPreview.missing.noBoss',
  'no-scheduled-session': 'mailPreview.missing.noScheduledSession',
  'no-recorded-session': 'mailPreview.missing.noRecordedSession',
  'no-extension-granted': 'mailPreview.missing.noExtensionGranted',
  'no-extension-refused': 'mailPreview.missing.noExtensionRefused',
  'no-statistics': 'mailPreview.missing.noStatistics',
  'no-answered-question': 'mailPreview.missing.noAnsweredQuestion',
  'not-added-late': 'mailPreview.missing.notAddedLate',
  'no-report-issued': 'mailPreview.missing.noReportIssued',
  'frozen-when-decided': 'mailPreview.missing.frozenWhenDecided',
  'not-about-an-entity': 'mailPreview.missing.notAboutAnEntity',
};

/**
 * GET <console>/mail-preview: every mail template in every language, rendered with its sample data
 * (`sample.json`), or — with `entity` (a code) and optionally `year` — as Cascade would compose it now for that
 * entity (MailPreviewService: the real composer, its recipients, its zone), for any logged-in account (viewers
 * too). Nothing is sent, queued or written, and personal links stay placeholders: a preview never makes a token.
 * The mail's HTML is shown in an iframe with an empty `sandbox` (no script, no form, no navigation) through
 * `srcdoc`, so a template's content cannot act in the console.
 */
export function mailPreview(
  previews: MailPreviewService,
  renderer: MailRenderer = MailRenderer.fromDirectory(),
): RequestHandler {
  return async (req, res, next) => {
    try {
      const consoleLanguage = languageOf((req as { session?: { adminUser?: object } }).session?.adminUser);
      const t = translator(consoleLanguage);
      const choice = choiceOf(req);
      const { template, language } = req.query;
      if (template === undefined && language === undefined) {
        const entities = await previews.entities(choice.year);
        return void res.type('html').send(indexPage(renderer, t, consoleLanguage, choice, entities));
      }
      if (typeof template !== 'string' || !renderer.templates().includes(template))
        throw new BadRequest(400, 'template', 'no such mail template');
      if (typeof language !== 'string' || !isMailLanguage(language))
        throw new BadRequest(400, 'language', `one of ${renderer.languages().join(', ')}`);
      const heading = t('mailPreview.one', { template, language });
      if (choice.entity === undefined) {
        const mail = renderer.render(template, language, renderer.sample(template), {
          timeZone: SAMPLE_ZONE,
        });
        const notice = `<p>${escapeHtml(t('mailPreview.sampleNotice'))}</p>`;
        return void res
          .type('html')
          .send(page(consoleLanguage, heading, header(t, heading, choice) + notice + mailParts(t, mail)));
      }
      const manager = typeof req.query['manager'] === 'string' ? req.query['manager'] : undefined;
      const preview = await previews.forEntity({
        template,
        language,
        code: choice.entity,
        year: choice.year,
        manager,
      });
      res
        .type('html')
        .send(
          page(
            consoleLanguage,
            heading,
            header(t, heading, choice) + entityBody(t, consoleLanguage, preview, choice, template, language),
          ),
        );
    } catch (error) {
      if (error instanceof BadRequest)
        return void res
          .status(error.status)
          .json({ error: error.status === 404 ? 'Not Found' : 'Bad Request', message: error.message });
      next(error);
    }
  };
}

function choiceOf(req: Request): Choice {
  const { entity, year } = req.query;
  if (entity !== undefined && (typeof entity !== 'string' || !/^[A-Za-z0-9-]{0,30}$/.test(entity)))
    throw new BadRequest(400, 'entity', 'an entity code (letters, digits and hyphens)');
  if (year !== undefined && year !== '' && (typeof year !== 'string' || !/^\d{4}$/.test(year)))
    throw new BadRequest(400, 'year', 'a year of four digits');
  return {
    entity: entity === '' ? undefined : entity,
    year: typeof year === 'string' && year !== '' ? Number(year) : undefined,
  };
}

function header(t: Translate, heading: string, choice: Choice): string {
  return `<h1>${escapeHtml(heading)}</h1><p><a href="${MAIL_PREVIEW_PATH}${choice.entity ? `?${query({ entity: choice.entity, year: choice.year })}` : ''}">${escapeHtml(t('mailPreview.all'))}</a></p>`;
}

function indexPage(
  renderer: MailRenderer,
  t: Translate,
  lang: string,
  choice: Choice,
  dialogue: { year: number; entities: { code: string; name: string }[] } | null,
): string {
  if (choice.year !== undefined && !dialogue)
    throw new BadRequest(404, 'year', `no dialogue of ${choice.year}`);
  if (choice.entity && !dialogue?.entities.some((e) => e.code === choice.entity))
    throw new BadRequest(
      404,
      'entity',
      `no entity '${choice.entity}' in the ${dialogue?.year ?? 'latest'} dialogue`,
    );
  const chosen = dialogue?.entities.find((e) => e.code === choice.entity);
  const options = [
    `<option value="">${escapeHtml(t('mailPreview.sampleData'))}</option>`,
    ...(dialogue?.entities ?? []).map(
      (e) =>
        `<option value="${escapeHtml(e.code)}"${e.code === chosen?.code ? ' selected' : ''}>${escapeHtml(`${e.code} — ${e.name}`)}</option>`,
    ),
  ].join('');
  const picker =
    `<form method="get" action="${MAIL_PREVIEW_PATH}"><p><label for="entity">${escapeHtml(t('mailPreview.entityLabel'))}</label> ` +
    `<select id="entity" name="entity">${options}</select>` +
    (dialogue ? `<input type="hidden" name="year" value="${dialogue.year}">` : '') +
    ` <button type="submit">${escapeHtml(t('mailPreview.choose'))}</button></p></form>`;
  const links = chosen && dialogue ? { entity: chosen.code, year: dialogue.year } : {};
  const rows = renderer
    .templates()
    .map(
      (template) =>
        `<tr><th scope="row">${escapeHtml(template)}</th>${renderer
          .languages()
          .map(
            (lang) =>
              `<td><a href="${MAIL_PREVIEW_PATH}?${query({ template, language: lang, ...links })}">${lang}</a></td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  const title = chosen
    ? t('mailPreview.titleFor', { code: chosen.code, name: chosen.name, year: dialogue?.year ?? '' })
    : t('mailPreview.title');
  const intro = chosen ? t('mailPreview.entityIntro') : t('mailPreview.sampleIntro');
  const head = `<tr><th scope="col">${escapeHtml(t('mailPreview.template'))}</th>${renderer
    .languages()
    .map((l) => `<th scope="col">${l}</th>`)
    .join('')}</tr>`;
  return page(
    lang,
    title,
    `<h1>${escapeHtml(title)}</h1>${picker}<p>${escapeHtml(intro)}</p><table><caption>${escapeHtml(t('mailPreview.caption'))}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`,
  );
}

function mailParts(t: Translate, mail: RenderedMail): string {
  return (
    `<dl><dt>${escapeHtml(t('mailPreview.subject'))}</dt><dd data-part="subject">${escapeHtml(mail.subject)}</dd></dl>` +
    `<h2>${escapeHtml(t('mailPreview.html'))}</h2><iframe sandbox="" title="${escapeHtml(t('mailPreview.html'))}" style="width:100%;height:40em" srcdoc="${escapeHtml(mail.html)}"></iframe>` +
    `<h2>${escapeHtml(t('mailPreview.text'))}</h2><pre data-part="text">${escapeHtml(mail.text)}</pre>`
  );
}

function entityBody(
  t: Translate,
  consoleLanguage: string,
  preview: EntityMailPreview,
  choice: Choice,
  template: string,
  language: string,
): string {
  if (preview.kind === 'unknown-entity') {
    throw new BadRequest(
      404,
      'entity',
      choice.year === undefined
        ? `no entity '${choice.entity}' in any dialogue`
        : `no entity '${choice.entity}' in the ${choice.year} dialogue`,
    );
  }
  if (preview.kind === 'unknown-manager')
    throw new BadRequest(404, 'manager', `no manager with this address in ${preview.entity.code}'s tree`);
  const { entity } = preview;
  const about = `<p data-part="entity">${escapeHtml(t('mailPreview.forEntity', { code: entity.code, name: entity.name, year: entity.year }))}</p>`;
  const sample = `<a href="${MAIL_PREVIEW_PATH}?${query({ template, language })}">${escapeHtml(t('mailPreview.seeSample'))}</a>`;
  if (preview.kind === 'missing') {
    return `${about}<p role="status" data-part="missing"><strong>${escapeHtml(t(MISSING_KEYS[preview.missing], { code: entity.code }))}</strong></p><p>${sample}</p>`;
  }
  const { draft, asOf, manager } = preview;
  const when = new Intl.DateTimeFormat(consoleLanguage, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: entity.timeZone,
  }).format(asOf);
  const [shown] = draft.mails;
  const facts: [string, string][] = [
    [t('mailPreview.asOf'), `${when} (${entity.timeZone})`],
    ...(draft.template === template
      ? []
      : ([[t('mailPreview.sentAs'), draft.template]] as [string, string][])),
    ...(manager
      ? ([[t('mailPreview.manager'), `${manager.name} <${manager.email}>`]] as [string, string][])
      : []),
    [t('mailPreview.shownAs'), `${shown.recipient.name} <${shown.recipient.address}>`],
  ];
  const recipients = draft.mails
    .map(
      ({ recipient: r }) =>
        `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.address)}</td><td>${escapeHtml(r.role)}</td><td>${r.language}</td></tr>`,
    )
    .join('');
  const columns = ['recipientName', 'recipientAddress', 'recipientRole', 'recipientLanguage'] as const;
  return (
    about +
    `<p role="note" data-part="notice">${escapeHtml(t('mailPreview.realNotice'))}</p>` +
    `<dl>${facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>` +
    `<table data-part="recipients"><caption>${escapeHtml(t('mailPreview.recipients'))}</caption><thead><tr>${columns
      .map((c) => `<th scope="col">${escapeHtml(t(`mailPreview.${c}`))}</th>`)
      .join('')}</tr></thead><tbody>${recipients}</tbody></table>` +
    mailParts(t, shown.rendered) +
    `<p>${sample}</p>`
  );
}
