import { languageName } from '@cascade/i18n';
import { pickTranslation, type Language, type PortalContext, type Translated } from '@cascade/dialogue';

const ALLOWED_URL = /^https?:\/\//i;

/** The link's context for the templates: texts in the page's language, material links only if http(s). */
export function contextModel(ctx: PortalContext, lang: Language) {
  // The page's language first, then the language of the link (the one the person chose for their mails), then
  // English; a guide in another language than the page's says which.
  const preferences: Language[] = [lang, ctx.language];
  const link = (urls: Translated) => {
    const { value, language } = pickTranslation(urls, preferences);
    if (!value || !ALLOWED_URL.test(value)) return null;
    return { url: value, language: language === lang ? null : languageName(language, lang) };
  };
  return {
    role: ctx.role,
    year: ctx.year,
    topic: pickTranslation(ctx.topic, preferences).value,
    entityName: ctx.entity.name,
    entityCode: ctx.entity.code,
    state: ctx.state,
    effectiveDeadline: ctx.effectiveDeadline,
    reportCutoff: ctx.reportCutoff,
    reportIssued: ctx.reportIssued,
    subjectName: ctx.subjectName,
    subjectEmail: ctx.subjectEmail,
    session: ctx.session,
    materials: {
      leadersGuide: link(ctx.materials.leadersGuide),
      participantsGuide: link(ctx.materials.participantsGuide),
      presentation: link(ctx.materials.presentation),
    },
  };
}
