import { languageName } from '@cascade/i18n';
import {
  entityNameIn,
  pickTranslation,
  type Language,
  type PortalContext,
  type SessionDays,
  type Translated,
} from '@cascade/dialogue';

const ALLOWED_URL = /^https?:\/\//i;

/**
 * The days a session may be recorded on, for the date's hint (`session.heldOnHint`): `window` says which
 * sentence reads naturally (only today, from a day to today, one past day, from a day to another).
 */
function sessionDaysModel(days: SessionDays) {
  const oneDay = days.from === days.to;
  const window = oneDay ? (days.endsToday ? 'today' : 'onDay') : days.endsToday ? 'sinceToday' : 'other';
  return { from: days.from, to: days.to, window };
}

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
    // In the page's language when the UN has an official name in it, else English.
    entityName: entityNameIn(ctx.entity, lang),
    entityCode: ctx.entity.code,
    state: ctx.state,
    effectiveDeadline: ctx.effectiveDeadline,
    reportCutoff: ctx.reportCutoff,
    sessionDays: sessionDaysModel(ctx.sessionDays),
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
