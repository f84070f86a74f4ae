import type { Language, Translated } from '../shared/languages';
import type { SessionDays } from '../session/annex-c';
import type { AnnexEPrefill } from '../statistics/annex-e-prefill';
import type { EntityNames } from '../entity/entity-names';

/** Who a token link speaks for. `participants` is a session's anonymous feedback link. */
export const TOKEN_ROLES = ['focal-point', 'head-of-entity', 'leader', 'participants'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** What a valid token link may see: one entity, one role. */
export interface PortalContext {
  role: TokenRole;
  tokenId: number;
  /** The person's own language (the page may be switched to another). */
  language: Language;
  /** Focal Point, Head or leader address; null for participants. */
  subjectEmail: string | null;
  subjectName: string | null;
  year: number;
  topic: Translated;
  materials: {
    leadersGuide: Translated;
    participantsGuide: Translated;
    presentation: Translated;
  };
  /** `name` is the English one; `names` the official ones in other languages (see `entityNameIn`). */
  entity: { code: string; name: string; names: EntityNames; timeZone: string; language: Language };
  state: string;
  /** YYYY-MM-DD, extension included. */
  effectiveDeadline: string;
  reportCutoff: string;
  /** The days a session may be recorded as held on, as the session form checks them (its hint says them). */
  sessionDays: SessionDays;
  reportIssued: boolean;
  expiresAt: Date;
  /** For a participants link: the session it is about (no names). */
  session: { id: number; heldOn: string; language: string } | null;
}

export interface CascadeNode {
  name: string;
  email: string;
  managerEmail: string | null;
  isManager: boolean;
  /** For managers: sessions they led in this year. */
  sessionsLed: number;
  /** A manager whose own manager has led a session (or the top of the tree) and who has not yet. */
  next: boolean;
}

export interface CascadeProgress {
  managers: number;
  managersWhoLed: number;
  /** managersWhoLed / managers, 0..1; null when no tree is imported. */
  ratio: number | null;
  next: { name: string; email: string }[];
  tree: CascadeNode[];
}

export interface SessionSummary {
  id: number;
  leaderEmail: string;
  leaderName: string | null;
  heldOn: string;
  durationMinutes: number | null;
  language: string;
  format: 'in-person' | 'virtual' | null;
  participants: number;
  staffParticipants: number | null;
  nonStaffParticipants: number | null;
  otherAgencyParticipants: Record<string, number>;
  split: { part: number; of: number } | null;
  jointUnits: string[];
  facilitator: string | null;
  scenarios: string[];
  questions: string[];
  sizeWarning: string | null;
}

/** Annex C, as a leader (or the Head) submits it. */
export interface SessionReportInput {
  heldOn: string;
  durationMinutes: number;
  language: string;
  format: 'in-person' | 'virtual';
  staffParticipants: number;
  nonStaffParticipants: number;
  otherAgencyParticipants?: Record<string, number>;
  /** Part i of n of a split session; parts after the first name the first part's id. */
  split?: { part: number; of: number; firstPartId?: number } | null;
  /** Units joined under a higher reporting officer. */
  jointUnits?: string[];
  facilitator?: string | null;
  scenarios?: string[];
  questions?: string[];
}

export interface ExtensionRequestInput {
  wishedDeadline: string;
  reason: string;
}

export interface ScenarioProposalInput {
  title: string;
  description: string;
}

export interface SeminarRequestInput {
  topic: string;
  preferredPeriod: string;
  expectedParticipants: number;
  details?: string | null;
}

/** Annex F: anonymous. Ratings 1 (poor) to 5 (excellent). */
export interface FeedbackInput {
  usefulness: number;
  openness: number;
  relevance: number;
  comment?: string | null;
}

export interface FocalPointView {
  context: PortalContext;
  progress: CascadeProgress;
  sessions: SessionSummary[];
  /** The current statistics (latest revision), if any. */
  statistics: (Record<string, unknown> & { revision: number; submittedAt: Date }) | null;
  /** What the statistics form starts from: the previous submission, else the sums of the records. */
  statisticsPrefill: AnnexEPrefill;
  extensionRequests: {
    id: number;
    wishedDeadline: string;
    reason: string;
    status: string;
    decisionReason: string | null;
  }[];
  scenarioProposals: { id: number; title: string; status: string; feedback: string | null }[];
  seminarRequests: { id: number; topic: string; preferredPeriod: string; status: string }[];
  headConfirmedAt: Date | null;
}
