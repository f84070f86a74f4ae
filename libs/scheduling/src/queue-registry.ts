/**
 * The one registry of queues and jobs. Producers and processors import names and payload types from here;
 * no queue or job name is written as a bare string anywhere else.
 */
export const QueueName = {
  Lifecycle: 'lifecycle',
  Mail: 'mail',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  LaunchDialogue: 'launch-dialogue',
  SendMail: 'send-mail',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface JobPayloads {
  [JobName.LaunchDialogue]: { dialogueId: number };
  [JobName.SendMail]: { workflowId: number; template: string; audience: string[] };
}

/** Which queue carries each job. */
export const queueOfJob: { [J in JobName]: QueueName } = {
  [JobName.LaunchDialogue]: QueueName.Lifecycle,
  [JobName.SendMail]: QueueName.Mail,
};

export const allQueues: readonly QueueName[] = Object.values(QueueName);
