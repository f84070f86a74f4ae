import type { Language, PortalContext } from '@cascade/dialogue';

const ALLOWED_URL = /^https?:\/\//i;

/** The link's context for the templates: texts in the page's language, material links only if http(s). */
export function contextModel(ctx: PortalContext, lang: Language) {
  const link = (urls: Record<Language, string>) => {
    const url = urls[lang] || urls[ctx.language] || urls.en;
    return url && ALLOWED_URL.test(url) ? url : null;
  };
  return {
    role: ctx.role,
    year: ctx.year,
    topic: ctx.topic[lang] || ctx.topic.en,
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
