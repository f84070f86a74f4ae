import { factOf } from '../facts';
import type { GuardSet } from './guard';

/** The manager workflow's guards (workflows/manager-session.v*.yaml): where a manager goes back to. */
export const MANAGER_SESSION_GUARDS: GuardSet = {
  'turn-has-come': {
    usesPayload: false,
    reads: { turnAt: 'instant' },
    check: ({ instance }) =>
      factOf.instant(instance, 'turnAt') !== null ? null : "the manager's turn has not come yet",
  },
  'turn-not-come': {
    usesPayload: false,
    reads: { turnAt: 'instant' },
    check: ({ instance }) =>
      factOf.instant(instance, 'turnAt') === null ? null : "the manager's turn has already come",
  },
};
