import type { Job } from 'bullmq';
import { dispatchJob, type JobHandler, type QueueHandlers } from './job-handlers';
import { JobName, QueueName, type JobsOf } from './queue-registry';

const handler = <J extends JobName>(result: string): JobHandler<J> => ({
  handle: async () => result,
});

// Type-level checks: the `typecheck` target compiles this file, so a wrong map fails `tsc`, not just this test.
// Each `@ts-expect-error` fails the compile if the line below it ever becomes valid.

// The jobs of a queue come from the registry.
const mailJobs: JobsOf<typeof QueueName.Mail>[] = [JobName.SendMail, JobName.DeliverMail];
// @ts-expect-error fire-timer is not a job of the mail queue
const notMail: JobsOf<typeof QueueName.Mail> = JobName.FireTimer;

// @ts-expect-error a mail map without deliver-mail's handler does not compile
const missing: QueueHandlers<typeof QueueName.Mail> = { [JobName.SendMail]: handler('composed') };

const foreign: QueueHandlers<typeof QueueName.Timers> = {
  [JobName.FireTimer]: handler('fired'),
  // @ts-expect-error a handler for another queue's job does not compile either
  [JobName.SendMail]: handler('composed'),
};

const typedPayload: JobHandler<typeof JobName.FireTimer> = {
  handle: async (job) => job.data.key,
};
const wrongPayload: JobHandler<typeof JobName.FireTimer> = {
  // @ts-expect-error fire-timer's payload has a key, not a mail id
  handle: async (job) => job.data.mailId,
};

describe('dispatchJob', () => {
  const handlers: QueueHandlers<typeof QueueName.Mail> = {
    [JobName.SendMail]: handler('composed'),
    [JobName.DeliverMail]: handler('delivered'),
  };
  const job = (name: string) => ({ name, data: {} }) as Job;

  it('hands each job to the handler of its name', async () => {
    expect(await dispatchJob(QueueName.Mail, handlers, job(JobName.SendMail))).toBe('composed');
    expect(await dispatchJob(QueueName.Mail, handlers, job(JobName.DeliverMail))).toBe('delivered');
  });

  it('refuses a job its queue does not carry, and names inherited from Object', () => {
    expect(() => dispatchJob(QueueName.Mail, handlers, job(JobName.FireTimer))).toThrow(
      'unexpected job fire-timer on mail',
    );
    expect(() => dispatchJob(QueueName.Mail, handlers, job('toString'))).toThrow('unexpected job toString');
  });

  it('(the type-level maps above exist only to be compiled)', () => {
    expect([mailJobs, notMail, missing, foreign, typedPayload, wrongPayload]).toHaveLength(6);
  });
});
