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
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** A mail to compose: for one entity's audience, or (digest) for the dialogue's Ethics Office. */
export interface SendMailPayload {
  template: string;
  audience: string[];
  workflowId?: number;
  dialogueId?: number;
  /** The timer that caused it, when a timer did. */
  timerKey?: string;
  /** Facts frozen at the moment the mail was decided (e.g. the digest's lagging entities). */
  data?: Record<string, unknown>;
}

export interface JobPayloads {
  [JobName.LaunchDialogue]: { dialogueId: number };
  [JobName.SendMail]: SendMailPayload;
  [JobName.FireTimer]: { key: string };
}

/** Which queue carries each job. */
export const queueOfJob: { [J in JobName]: QueueName } = {
  [JobName.LaunchDialogue]: QueueName.Lifecycle,
  [JobName.SendMail]: QueueName.Mail,
  [JobName.FireTimer]: QueueName.Timers,
};

export const allQueues: readonly QueueName[] = Object.values(QueueName);
