import type { Job } from 'bullmq';
import { Clock } from '@cascade/clock';
import { loadConfig } from '@cascade/config';
import { JobName, QueueName } from '@cascade/scheduling';
import { QueueProcessor } from './queue-processor';

class CountingClock extends Clock {
  syncs = 0;
  now(): Date {
    return new Date('2026-11-02T12:00:00Z');
  }
  override async sync(): Promise<void> {
    this.syncs += 1;
  }
}

describe('QueueProcessor', () => {
  const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:6379' });
  const job = (name: string, data: unknown = {}) => ({ name, data }) as Job;

  it('syncs the clock before every job, then hands it to the handler of its name', async () => {
    const clock = new CountingClock();
    const seen: string[] = [];
    const processor = new QueueProcessor(
      config,
      QueueName.Mail,
      {
        [JobName.SendMail]: { handle: async (j) => seen.push(`compose ${j.data.template}`) },
        [JobName.DeliverMail]: { handle: async (j) => seen.push(`deliver ${j.data.mailId}`) },
      },
      clock,
    );
    await processor.process(job(JobName.SendMail, { template: 'invitation', audience: [] }));
    await processor.process(job(JobName.DeliverMail, { mailId: 7 }));
    expect(seen).toEqual(['compose invitation', 'deliver 7']);
    expect(clock.syncs).toBe(2);
  });

  it('fails a job its queue does not carry, naming it', async () => {
    const processor = new QueueProcessor(
      config,
      QueueName.Timers,
      { [JobName.FireTimer]: { handle: async () => 'fired' } },
      new CountingClock(),
    );
    await expect(processor.process(job(JobName.DeliverMail))).rejects.toThrow(
      'unexpected job deliver-mail on timers',
    );
  });
});
