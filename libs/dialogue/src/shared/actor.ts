/** Who caused a change, as written in the audit trail. */
export type Actor = string;

export const Actors = {
  adminApiKey: 'admin (API key)',
  worker: 'system: worker',
} as const;
