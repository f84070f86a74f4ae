import { MailDeliveryError } from './errors';
import { SmtpMailer, toDeliveryError } from './smtp-mailer';

interface Fields {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
}

function nodemailerError(fields: Fields): Error {
  return Object.assign(new Error('failed'), fields);
}

describe('toDeliveryError', () => {
  it.each<[Fields, boolean]>([
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 No such user' }, true],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 Refused' }, true],
    [{ code: 'EAUTH', responseCode: 535, response: '535 Bad credentials' }, true],
    [{ code: 'EENVELOPE', responseCode: 451, response: '451 Greylisted' }, false],
    [{ code: 'EPROTOCOL', responseCode: 421, response: '421 Too busy' }, false],
    [{ code: 'EENVELOPE', responseCode: 503, response: '503 Bad sequence' }, false],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{ code: 'ECONNECTION' }, false],
    [{ code: 'EDNS' }, false],
    [{ code: 'EMESSAGE' }, true],
    [{}, false],
  ])('%j → permanent %s', (fields, permanent) => {
    const error = toDeliveryError(nodemailerError(fields));
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.permanent).toBe(permanent);
    expect(error.responseCode).toBe(fields.responseCode);
    expect(error.response).toBe(fields.response);
    expect(error.code).toBe(fields.code);
  });

  it('keeps the original error as the cause', () => {
    const original = nodemailerError({ code: 'ESOCKET' });
    expect(toDeliveryError(original).cause).toBe(original);
  });

  it('reads an error from another realm, which fails instanceof Error', () => {
    const foreign = { message: 'connect ECONNREFUSED', code: 'ESOCKET' };
    expect(toDeliveryError(foreign)).toMatchObject({
      message: 'connect ECONNREFUSED',
      code: 'ESOCKET',
      permanent: false,
    });
  });
});

describe('SmtpMailer.send input checks', () => {
  // Port 9 (discard) on loopback: nothing is sent, because the checks fail first.
  const mailer = new SmtpMailer({
    host: '127.0.0.1',
    port: 9,
    secure: false,
    from: { name: 'E', address: 'e@x.org' },
  });
  afterAll(() => mailer.close());
  const mail = {
    to: { name: 'A', address: 'a@x.org' },
    subject: 's',
    html: '<p>h</p>',
    text: 't',
    messageId: '<k@x.org>',
  };

  it('refuses a Message-ID that is not one, permanently', async () => {
    await expect(mailer.send({ ...mail, messageId: 'k@x.org' })).rejects.toMatchObject({
      permanent: true,
      code: 'EMESSAGE',
      message: expect.stringContaining('is not a Message-ID'),
    });
  });

  it('refuses a header name that could smuggle another header', async () => {
    await expect(mailer.send({ ...mail, headers: { 'X-A: b\r\nBcc': 'x' } })).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('is not a header name'),
    });
  });

  it('refuses a calendar part that is not a VCALENDAR with METHOD REQUEST or CANCEL', async () => {
    for (const content of ['hello', 'BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR', 'METHOD:REQUEST']) {
      await expect(mailer.send({ ...mail, calendar: { content } })).rejects.toMatchObject({
        permanent: true,
        code: 'EMESSAGE',
        message: expect.stringContaining('not a VCALENDAR'),
      });
    }
  });

  it('refuses a calendar file name that could reach a header or a path', async () => {
    const content = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR';
    for (const filename of ['../x.ics', 'a"\r\nBcc: x.ics', 'invite.exe', '.ics']) {
      await expect(mailer.send({ ...mail, calendar: { content, filename } })).rejects.toMatchObject({
        permanent: true,
        message: expect.stringContaining('is not a calendar file name'),
      });
    }
  });
});
