const localized = (text: string) => ({ en: `${text} (en)`, fr: `${text} (fr)`, es: `${text} (es)` });

/** A complete, valid dialogue-creation input: tests override only what they are about. */
export function sampleDialogueInput(year: number) {
  return {
    year,
    topic: localized('Personal use of social media'),
    materials: {
      leadersGuide: localized('https://example.org/leaders-guide'),
      participantsGuide: localized('https://example.org/participants-guide'),
      presentation: localized('https://example.org/presentation'),
    },
  };
}
