import { isMailLanguage, MailRenderer } from '@cascade/mail';
import type { RequestHandler } from 'express';
import { languageOf, translator, type Translate } from '../locale/console-text';

/** The zone the sample instants are shown in (a sample has no recipient of its own). */
const SAMPLE_ZONE = 'UTC';

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

/** The page around a preview: the console's own, no script, the mail's HTML in a sandboxed frame of its own. */
function page(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function indexOf(renderer: MailRenderer, base: string, t: Translate, lang: string): string {
  const rows = renderer
    .templates()
    .map(
      (template) =>
        `<tr><th scope="row">${escapeHtml(template)}</th>${renderer
          .languages()
          .map(
            (lang) =>
              `<td><a href="${base}?template=${encodeURIComponent(template)}&amp;language=${lang}">${lang}</a></td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  const title = t('mailPreview.title');
  return page(lang, title, `<h1>${escapeHtml(title)}</h1><table>${rows}</table>`);
}

/**
 * GET <console>/mail-preview: every mail template in every language rendered with its sample data (`sample.json`),
 * subject, HTML and text, for any logged-in account (viewers too). Nothing is sent or queued: the renderer is
 * called directly and no mail row is written. The mail's HTML is shown in an iframe with an empty `sandbox`
 * (no script, no form, no navigation) through `srcdoc`, so a template's content cannot act in the console.
 */
export function mailPreview(renderer: MailRenderer = MailRenderer.fromDirectory()): RequestHandler {
  return (req, res) => {
    const base = req.baseUrl + req.path;
    const consoleLanguage = languageOf((req as { session?: { adminUser?: object } }).session?.adminUser);
    const t = translator(consoleLanguage);
    const template = req.query['template'];
    const language = req.query['language'];
    if (template === undefined && language === undefined)
      return void res.type('html').send(indexOf(renderer, base, t, consoleLanguage));
    if (typeof template !== 'string' || !renderer.templates().includes(template)) {
      return void res.status(400).json({ error: 'Bad Request', message: 'template: no such mail template' });
    }
    if (typeof language !== 'string' || !isMailLanguage(language)) {
      return void res
        .status(400)
        .json({ error: 'Bad Request', message: `language: one of ${renderer.languages().join(', ')}` });
    }
    const mail = renderer.render(template, language, renderer.sample(template), { timeZone: SAMPLE_ZONE });
    const title = t('mailPreview.one', { template, language });
    res
      .type('html')
      .send(
        page(
          consoleLanguage,
          title,
          `<h1>${escapeHtml(title)}</h1><p><a href="${base}">${escapeHtml(t('mailPreview.all'))}</a></p>` +
            `<dl><dt>${escapeHtml(t('mailPreview.subject'))}</dt><dd data-part="subject">${escapeHtml(mail.subject)}</dd></dl>` +
            `<h2>${escapeHtml(t('mailPreview.html'))}</h2><iframe sandbox="" title="${escapeHtml(t('mailPreview.html'))}" style="width:100%;height:40em" srcdoc="${escapeHtml(mail.html)}"></iframe>` +
            `<h2>${escapeHtml(t('mailPreview.text'))}</h2><pre data-part="text">${escapeHtml(mail.text)}</pre>`,
        ),
      );
  };
}
