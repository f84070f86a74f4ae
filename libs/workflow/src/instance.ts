import type { Audience } from './definition.schema';
import type { HolidayCalendar } from './local-time';

/**
 * A fact's value: `date` facts are calendar dates 'YYYY-MM-DD' (meaning that day in the instance's zone),
 * `instant` facts are Dates, `count` facts numbers, `flag` facts booleans, `text` facts strings; any may be null
 * when not known yet (an anchor on a null fact plans nothing).
 */
export type FactValue = string | number | boolean | Date | null;

/** What the engine knows of one instance: its state, and the facts its definition declares. */
export interface InstanceSnapshot {
  state: string;
  escalationLevel: number;
  /** IANA zone the instance's dates and send times are read in. */
  timeZone: string;
  /** The public holidays where the instance is (no send slot falls on one); none when left out. */
  holidays?: HolidayCalendar;
  facts: Readonly<Record<string, FactValue>>;
}

export interface WorkflowEvent {
  type: string;
  reason?: string;
  targetState?: string;
  newDeadline?: string;
}

export type { Audience };
