import type { AddressObject } from 'mailparser';
import { MailDeliveryError } from './errors';
import { MailRenderer } from './mail-renderer';
import { messageIdFor } from './message-id';
import type { SmtpConfig } from '@cascade/config';
import { SmtpMailer, type OutgoingMail } from './smtp-mailer';
import { freePort, smtpReply, startSmtpSink, type SmtpSink } from '@cascade/testing';

const renderer = MailRenderer.fromDirectory(undefined, { strict: true });
const HOSTILE = '<script>alert(1)</script>\r\nBcc: x@evil.org';
const FROM = { name: 'Bureau de la déontologie', address: 'ethics@example.org' };

function configFor(port: number, extra: Partial<SmtpConfig> = {}): SmtpConfig {
  return { host: '127.0.0.1', port, secure: false, ignoreTLS: true, from: FROM, ...extra };
}

function mail(n: number, extra: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: { name: `Recipient ${n}`, address: `r${n}@example.org` },
    subject: `Message ${n}`,
    html: `<p>Message ${n}</p>`,
    text: `Message ${n}\n`,
    messageId: messageIdFor(`test.${n}`, 'example.org'),
    ...extra,
  };
}

function firstAddress(field: AddressObject | AddressObject[] | undefined) {
  return (Array.isArray(field) ? field[0] : field)?.value[0];
}

describe('SmtpMailer against a real SMTP server', () => {
  let sink: SmtpSink;
  let mailer: SmtpMailer;

  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    await mailer?.close();
    await sink.close();
  });

  it('delivers a rendered mail: subject, language, stable Message-ID, links, escaped name, local date', async () => {
    mailer = new SmtpMailer(configFor(sink.port));
    const data = renderer.sample('statistics-received');
    (data['entity'] as Record<string, unknown>)['name'] = HOSTILE;
    (data['statistics'] as Record<string, unknown>)['submittedAt'] = '2027-01-31T23:30:00Z';
    const rendered = renderer.render('statistics-received', 'fr', data, { timeZone: 'Asia/Kabul' });
    const messageId = messageIdFor('mail.42.7.statistics-received:fp-3', 'example.org');

    const sent = await mailer.send({
      to: { name: 'Amina Diallo', address: 'amina.diallo@example.org' },
      ...rendered,
      messageId,
      language: 'fr',
      headers: { 'X-Cascade-Template': 'statistics-received' },
    });

    expect(sent.accepted).toEqual(['amina.diallo@example.org']);
    expect(sent.messageId).toBe(messageId);
    expect(sent.response).toMatch(/^250 /);
    expect(sink.received).toHaveLength(1);
    const [{ parsed, rcptTo }] = sink.received;
    expect(rcptTo).toEqual(['amina.diallo@example.org']);
    expect(parsed.subject).toBe(rendered.subject);
    expect(parsed.subject).toContain(
      "statistiques de l'entité <script>alert(1)</script> Bcc: x@evil.org bien reçues",
    );
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.headers.get('content-language')).toBe('fr');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('x-cascade-template')).toBe('statistics-received');
    expect(firstAddress(parsed.from)).toEqual(FROM);
    expect(firstAddress(parsed.to)).toEqual({ name: 'Amina Diallo', address: 'amina.diallo@example.org' });

    const html = parsed.html as string;
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`href="${data['portalUrl']}"`);
    expect(parsed.text).toContain(String(data['portalUrl']));
    // 23:30 UTC on 31 January is already 04:00 on 1 February in Kabul.
    expect(parsed.text).toContain('1 février 2027 à 04:00');
    expect(parsed.text).toContain('Taux de participation\u00a0: 89,1\u00a0%');
  });

  it('carries the materials links in the recipient’s language, in both parts, and says which are in another', async () => {
    mailer = new SmtpMailer(configFor(sink.port));
    const data = renderer.sample('invitation');
    const urls = {
      leadersGuide: 'https://ethics.example.org/ld/2027/guide-animateur-fr.pdf',
      participantsGuide: 'https://ethics.example.org/ld/2027/guide-participant-fr.pdf',
      presentation: 'https://ethics.example.org/ld/2027/presentation-es.pptx',
    };
    // The guides are not in Spanish yet: the mail links the French ones and says so; the presentation is.
    const materials = {
      ...urls,
      leadersGuideLanguage: 'francés',
      participantsGuideLanguage: 'francés',
      presentationLanguage: null,
    };
    const rendered = renderer.render(
      'invitation',
      'es',
      { ...data, materials },
      { timeZone: 'America/Bogota' },
    );
    await mailer.send({
      to: { name: 'Lucía Pérez', address: 'lucia@example.org' },
      ...rendered,
      messageId: messageIdFor('invite.1', 'example.org'),
    });
    const [{ parsed }] = sink.received;
    expect(parsed.subject).toBe(
      'Diálogo sobre Liderazgo 2027: invitación para la entidad Department of Political and Peacebuilding Affairs',
    );
    for (const url of Object.values(urls)) {
      expect(parsed.html).toContain(`href="${url}"`);
      expect(parsed.text).toContain(url);
    }
    const note = '(en francés: aún no disponible en este idioma)';
    expect((parsed.text ?? '').split(note).length - 1).toBe(2);
    expect(parsed.html).toContain(note);
    expect(parsed.text).toContain('vence el 31 de diciembre de 2027');
    expect(firstAddress(parsed.to)?.name).toBe('Lucía Pérez');
  });

  it('keeps a display name from adding a recipient or a header', async () => {
    mailer = new SmtpMailer(configFor(sink.port));
    await mailer.send(mail(1, { to: { name: 'Amina\r\nBcc: x@evil.org', address: 'amina@example.org' } }));
    const [{ parsed, rcptTo }] = sink.received;
    expect(rcptTo).toEqual(['amina@example.org']);
    expect(parsed.bcc).toBeUndefined();
    expect(firstAddress(parsed.to)).toEqual({ name: 'Amina Bcc: x@evil.org', address: 'amina@example.org' });
  });

  it('pools connections: 20 mails travel over no more than maxConnections', async () => {
    mailer = new SmtpMailer(configFor(sink.port, { maxConnections: 2 }));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => mailer.send(mail(i))));
    expect(results.every((r) => r.accepted.length === 1)).toBe(true);
    expect(sink.received).toHaveLength(20);
    expect(new Set(sink.received.map((r) => r.parsed.messageId)).size).toBe(20);
    expect(sink.connections.total).toBeGreaterThanOrEqual(1);
    expect(sink.connections.total).toBeLessThanOrEqual(2);
  });

  it('holds to the rate limit: 10 mails at 5 per second take at least a second', async () => {
    mailer = new SmtpMailer(configFor(sink.port, { rateLimitPerSecond: 5 }));
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => mailer.send(mail(i))));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sink.received).toHaveLength(10);
  });

  it('lets close() finish the sends already started', async () => {
    mailer = new SmtpMailer(configFor(sink.port, { rateLimitPerSecond: 2 }));
    const sends = Array.from({ length: 4 }, (_, i) => mailer.send(mail(i)));
    await mailer.close();
    await expect(Promise.all(sends)).resolves.toHaveLength(4);
    expect(sink.received).toHaveLength(4);
  });

  it('verifies the connection', async () => {
    mailer = new SmtpMailer(configFor(sink.port));
    await expect(mailer.verify()).resolves.toBeUndefined();
  });
});

describe('SmtpMailer failures', () => {
  let sink: SmtpSink | undefined;
  let mailer: SmtpMailer | undefined;
  afterEach(async () => {
    await mailer?.close();
    await sink?.close();
    sink = mailer = undefined;
  });

  async function failureOf(send: Promise<unknown>): Promise<MailDeliveryError> {
    const error = await send.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailDeliveryError);
    return error as MailDeliveryError;
  }

  it('reports a 5xx reply as permanent, with the code and the server’s message', async () => {
    sink = await startSmtpSink({ onRcptTo: (_a, _s, cb) => cb(smtpReply(550, 'No such mailbox here')) });
    mailer = new SmtpMailer(configFor(sink.port));
    const error = await failureOf(mailer.send(mail(1)));
    expect(error.permanent).toBe(true);
    expect(error.responseCode).toBe(550);
    expect(error.response).toContain('No such mailbox here');
    expect(sink.received).toHaveLength(0);
  });

  it('reports a 4xx reply as temporary', async () => {
    sink = await startSmtpSink({
      onRcptTo: (_a, _s, cb) => cb(smtpReply(451, 'Greylisted, try again later')),
    });
    mailer = new SmtpMailer(configFor(sink.port));
    const error = await failureOf(mailer.send(mail(1)));
    expect(error.permanent).toBe(false);
    expect(error.responseCode).toBe(451);
    expect(error.response).toContain('Greylisted');
  });

  it('reports a refused connection as temporary', async () => {
    mailer = new SmtpMailer(configFor(await freePort()));
    const error = await failureOf(mailer.send(mail(1)));
    expect(error.permanent).toBe(false);
    expect(error.responseCode).toBeUndefined();
    expect(error.code).toBe('ESOCKET');
    expect(error.message).toMatch(/ECONNREFUSED/);
    await expect(mailer.verify()).rejects.toMatchObject({ permanent: false });
  });

  it('reports a message rejected at DATA with 554 as permanent', async () => {
    sink = await startSmtpSink({
      onData(stream, _session, cb) {
        stream.resume();
        stream.on('end', () => cb(smtpReply(554, 'Message refused by policy')));
      },
    });
    mailer = new SmtpMailer(configFor(sink.port));
    const error = await failureOf(mailer.send(mail(1)));
    expect(error.permanent).toBe(true);
    expect(error.responseCode).toBe(554);
  });
});
