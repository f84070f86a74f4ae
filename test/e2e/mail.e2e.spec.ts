import { testDrivers, waitFor, type SmtpSink, type Stack } from '@cascade/testing';
import { entitiesWithPeople } from './support/demo-entities';
import { startMailStack, type MailStack } from './support/mail';

const YEAR = 2026;

const ENTITIES = entitiesWithPeople();

interface MailView {
  id: number;
  to: { role: string };
  template: string;
  status: string;
  messageId: string;
  text?: string;
}

/** Words that only the invitation of that language has in its subject. */
const SUBJECT_WORD: Record<string, RegExp> = {
  en: /: invitation for /,
  fr: /\s:\sinvitation adressée à l'entité /,
  es: /: invitación para la entidad /,
};

describe.each(testDrivers())(
  'launching the demo dialogue sends every invitation over SMTP (%s)',
  (driver) => {
    let stack: MailStack;
    let call: Stack['call'];
    let sink: SmtpSink;

    beforeAll(async () => {
      stack = await startMailStack(driver, { year: YEAR, entities: ENTITIES, workers: 1 });
      ({ call, sink } = stack);
    });

    afterAll(() => stack?.stop());

    it('delivers one invitation per Focal Point and Head, each in the entity’s language', async () => {
      const started = Date.now();
      expect((await call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
      const expected = ENTITIES.length * 2;
      await waitFor(() => sink.received.length >= expected, {
        what: `${expected} invitations at the SMTP server`,
        timeoutMs: 60000,
        intervalMs: 20,
      }).catch((error) => {
        throw new Error(
          `${error.message}\n${stack.processes.map((p) => p.output().slice(-2000)).join('\n')}`,
        );
      });
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `mail (${driver}): ${expected} invitations from launch to the SMTP server in ${seconds.toFixed(2)} s = ${(expected / seconds).toFixed(0)} per second`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more may arrive
      expect(sink.received).toHaveLength(expected);
      for (const entity of ENTITIES) {
        for (const address of [entity.headEmail, entity.focalPoints[0].email]) {
          const mails = sink.received.filter((r) => r.rcptTo.includes(address));
          expect([address, mails.length]).toEqual([address, 1]);
          const [mail] = mails;
          expect([address, mail.parsed.headers.get('content-language')]).toEqual([address, entity.language]);
          expect(mail.parsed.subject).toMatch(SUBJECT_WORD[entity.language]);
          expect(mail.parsed.messageId).toMatch(/^<cascade\.mail\.\d+@un\.example\.org>$/);
        }
      }
    });

    it('logs every mail as sent, by entity, and resends one on request', async () => {
      const sent = await call<MailView[]>('GET', `/api/dialogues/${YEAR}/mails?status=sent&limit=1000`);
      expect(sent.body).toHaveLength(ENTITIES.length * 2);
      const dppa = await call<MailView[]>('GET', `/api/dialogues/${YEAR}/mails?entity=DPPA`);
      expect(dppa.body.map((m) => m.to.role).sort()).toEqual(['focal-point', 'head-of-entity']);
      expect(dppa.body[0]).toMatchObject({
        template: 'invitation',
        status: 'sent',
        attempts: 1,
        lastError: null,
      });
      const full = await call<MailView>('GET', `/api/mails/${dppa.body[0].id}`);
      expect(full.body.text).toContain('Department of Political and Peacebuilding Affairs');
      const resent = await call<MailView>('POST', `/api/mails/${dppa.body[0].id}/resend`);
      expect(resent.status).toBe(202);
      await waitFor(() => sink.received.length === ENTITIES.length * 2 + 1, { what: 'the resent mail' });
      expect(sink.received.at(-1)?.parsed.messageId).toBe(resent.body.messageId);
      expect((await call('GET', '/api/mails/999999')).status).toBe(404);
    });
  },
);
