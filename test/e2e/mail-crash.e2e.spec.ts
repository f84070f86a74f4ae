import { testDrivers, waitFor, type SmtpSink } from '@cascade/testing';
import { entitiesWithPeople } from './support/demo-entities';
import { startMailStack, type MailStack } from './support/mail';

const YEAR = 2026;
const ENTITIES = entitiesWithPeople();
const RECIPIENTS = ENTITIES.flatMap((e) => [e.headEmail, e.focalPoints[0].email]);
const CONCURRENCY = 5;

// One database is enough here: what is under test is the queue's hand-over after a crash.
describe.each(testDrivers().slice(0, 1))(
  'a worker killed with SIGKILL in the middle of sending (%s)',
  (driver) => {
    let stack: MailStack;
    let sink: SmtpSink;

    beforeAll(async () => {
      stack = await startMailStack(driver, {
        year: YEAR,
        entities: ENTITIES,
        // Each answer to DATA waits, so several mails are always in flight when the worker dies.
        acceptDelayMs: 150,
        env: {
          WORKER_CONCURRENCY: String(CONCURRENCY),
          WORKER_LOCK_MS: '2000',
          SMTP_MAX_CONNECTIONS: String(CONCURRENCY),
        },
      });
      ({ sink } = stack);
    });

    afterAll(() => stack?.stop());

    it('loses no mail: after a restart every recipient has its invitation, duplicates at most the concurrency', async () => {
      const first = stack.startWorker();
      expect((await stack.call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
      await waitFor(() => sink.received.length >= 20, {
        what: '20 mails before the crash',
        timeoutMs: 30000,
        intervalMs: 10,
      });
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const atCrash = sink.received.length;
      expect(atCrash).toBeLessThan(RECIPIENTS.length);

      stack.startWorker();
      const received = (address: string) => sink.received.filter((r) => r.rcptTo.includes(address)).length;
      await waitFor(() => RECIPIENTS.every((address) => received(address) >= 1), {
        what: 'every recipient to have its invitation after the restart',
        timeoutMs: 60000,
      });
      const duplicates = RECIPIENTS.reduce((sum, address) => sum + received(address) - 1, 0);
      console.log(
        `crash (${driver}): worker killed after ${atCrash}/${RECIPIENTS.length} mails; all delivered after a restart; ${duplicates} duplicate(s) (concurrency ${CONCURRENCY})`,
      );
      expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
      // The log ends with every mail sent exactly once from its point of view.
      const sent = await waitFor(
        async () => {
          const log = (
            await stack.call<unknown[]>('GET', `/api/dialogues/${YEAR}/mails?status=sent&limit=1000`)
          ).body;
          return log.length === RECIPIENTS.length ? log : null;
        },
        { what: 'every mail marked sent', timeoutMs: 20000 },
      );
      expect(sent).toHaveLength(RECIPIENTS.length);
    });
  },
);
