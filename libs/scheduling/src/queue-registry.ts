/**
 * The one registry of queues and jobs. Producers and processors import names and payload types from here;
 * no queue or job name is written as a bare string anywhere else.
 */
export const QueueName = {
  Lifecycle: 'lifecycle',
  Mail: 'mail',
  Timers: 'timers',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  LaunchDialogue: 'launch-dialogue',
  SendMail: 'send-mail',
  FireTimer: 'fire-timer',
  DeliverMail: 'deliver-mail',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** A mail to compose: for one entity's audience, or (digest) for the dialogue's Ethics Office. */
export interface SendMailPayload {
  template: string;
  audience: string[];
  workflowId?: number;
  /** A manager workflow's mail: the manager instance it is about. */
  managerId?: number;
  dialogueId?: number;
  /** The timer that caused it, when a timer did. */
  timerKey?: string;
  /**
   * The instant of the event or timer that decided the mail (ISO): it is composed as of then, whatever the clock
   * says when a worker gets to it (a backed-up queue, a simulation that moved on).
   */
  at?: string;
  /** Facts frozen at the moment the mail was decided (e.g. the digest's lagging entities). */
  data?: Record<string, unknown>;
}

export interface JobPayloads {
  [JobName.LaunchDialogue]: { dialogueId: number };
  [JobName.SendMail]: SendMailPayload;
  [JobName.FireTimer]: { key: string };
  [JobName.DeliverMail]: { mailId: number };
}

/** Which queue carries each job (kept literal, so that the jobs of a queue are a type: `JobsOf<Q>`). */
export const queueOfJob = {
  [JobName.LaunchDialogue]: QueueName.Lifecycle,
  [JobName.SendMail]: QueueName.Mail,
  [JobName.FireTimer]: QueueName.Timers,
  [JobName.DeliverMail]: QueueName.Mail,
} as const satisfies { [J in JobName]: QueueName };

/** The job names a queue carries, derived from `queueOfJob`. */
export type JobsOf<Q extends QueueName> = {
  [J in JobName]: (typeof queueOfJob)[J] extends Q ? J : never;
}[JobName];

/** How often and how patiently BullMQ retries each job when it throws. */
export const retryOf: { [J in JobName]: { attempts: number; backoffMs: number } } = {
  [JobName.LaunchDialogue]: { attempts: 5, backoffMs: 1000 },
  [JobName.SendMail]: { attempts: 5, backoffMs: 1000 },
  [JobName.FireTimer]: { attempts: 5, backoffMs: 2000 },
  // An SMTP server down for a while: 8 attempts from 5 s doubling cover about 20 minutes.
  [JobName.DeliverMail]: { attempts: 8, backoffMs: 5000 },
};

export const allQueues: readonly QueueName[] = Object.values(QueueName);
