import type { ConsoleActionSpec } from '../console-action';
import type { Translate } from '../locale/console-text';
import { mailPreviewHref } from '../mail-preview/mail-preview';

/** The link from an entity's screens to the mail previews with that entity chosen. */
export const previewMailsLink = (t: Translate, code: string, year: number) => ({
  label: t('common.previewMails'),
  href: mailPreviewHref(code, year),
});

/**
 * An entity's "Mail previews" button: the way from its record to every template composed with its real data
 * (the previews are a page of their own, outside AdminJS). Viewers too: a preview writes nothing.
 */
export const previewMails: ConsoleActionSpec = {
  name: 'previewMails',
  actionType: 'record',
  icon: 'Mail',
  readOnly: true,
  async show({ queries, recordId, t }) {
    const instance = await queries.instances.byId(recordId);
    const { code, name } = instance.entity;
    return {
      title: `${code} — ${name}`,
      intro: t('mailPreview.recordIntro'),
      links: [previewMailsLink(t, code, instance.dialogue.year)],
    };
  },
};
