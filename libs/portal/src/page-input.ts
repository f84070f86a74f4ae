import type {
  CascadeProgress,
  DomainWarning,
  FieldIssue,
  FocalPointView,
  Language,
  ManagerStanding,
  PortalContext,
  SessionSummary,
} from '@cascade/dialogue';
import type { FormBody } from './forms/form-body';
import type { PortalForm } from './forms/portal-forms';
import type { ManagersListing } from './managers-query';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** What the link's role may see, read afresh for each page (role-view.ts). */
export type RoleView =
  | { role: 'focal-point'; view: FocalPointView & { managers: ManagersListing } }
  | {
      role: 'head-of-entity';
      view: {
        context: PortalContext;
        progress: CascadeProgress;
        sessions: SessionSummary[];
        headConfirmedAt: Date | null;
        managers: ManagersListing;
        /** The Head's own place in the cascade (null before the tree is imported). */
        cascade: ManagerStanding | null;
      };
    }
  | {
      role: 'leader';
      view: {
        context: PortalContext;
        progress: CascadeProgress;
        sessions: SessionSummary[];
        /** Their place in the managers' cascade; null when they lead no team of the imported tree. */
        cascade: ManagerStanding | null;
      };
    }
  | { role: 'participants'; view: { context: PortalContext; alreadyCounted: number; capacity: number } };

/** What a page shows once after a POST (the links are made once and never stored in the clear). */
export type Flash =
  | { kind: 'leader-link'; email: string; link: string }
  | {
      kind: 'session';
      sessionId: number;
      warnings: DomainWarning[];
      participantsLink: string;
      /** A new link for a session recorded earlier (the previous one was revoked). */
      reissued?: boolean;
    };

/** A POST that was refused: what was typed comes back with the problems beside the fields. */
export interface FailedSubmission {
  form: PortalForm;
  body: FormBody;
  issues: FieldIssue[];
  /** A problem of the whole form (expired form, closed year), already in the page's language. */
  message: string | null;
}

/** Everything a role's page is made from: the view, the request's state and the language's words. */
export interface PageInput {
  roleView: RoleView;
  lang: Language;
  token: string;
  csrf: (form: PortalForm) => string;
  done: PortalForm | null;
  flash: Flash | null;
  failed: FailedSubmission | null;
  t: Translate;
  formatDate: (day: string) => string;
}

export const pageUrl = (token: string, suffix = '') => `/p/${encodeURIComponent(token)}${suffix}`;
