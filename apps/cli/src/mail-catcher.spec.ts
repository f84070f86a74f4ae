import net from 'node:net';
import { freePort } from '@cascade/testing';
import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from './mail-catcher';

interface CaughtMail {
  subject: string;
  from: { address: string }[];
  to: { address: string }[];
  text: string;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the start command’s mail catcher', () => {
  describe('running', () => {
    let catcher: MailCatcher | undefined;
    afterEach(async () => {
      await catcher?.stop();
      catcher = undefined;
    });

    it('catches a real mail sent over SMTP and shows it over HTTP; stopping closes its ports', async () => {
      const [smtpPort, webPort] = [await freePort(), await freePort()];
      catcher = await startMailCatcher({ smtpPort, webPort });
      expect(catcher.smtpUrl).toBe(`smtp://127.0.0.1:${smtpPort}`);
      expect(catcher.webUrl).toBe(`http://127.0.0.1:${webPort}`);

      const subject = 'Réunion – Diálogo 2026 ✓';
      const transport = nodemailer.createTransport(catcher.smtpUrl);
      try {
        await transport.sendMail({
          from: 'Cascade Ethics Office <ethics-office@cascade.local>',
          to: 'Focal Point <focal.point@example.org>',
          subject,
          text: 'Bonjour, le dialogue commence.',
        });
      } finally {
        transport.close();
      }

      const response = await fetch(`${catcher.webUrl}/api/email`);
      expect(response.status).toBe(200);
      const mails = (await response.json()) as CaughtMail[];
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({
        subject,
        from: [{ address: 'ethics-office@cascade.local' }],
        to: [{ address: 'focal.point@example.org' }],
      });
      expect(mails[0]?.text).toContain('Bonjour, le dialogue commence.');

      const page = await fetch(`${catcher.webUrl}/`, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('<title>MailDev</title>');

      const { child } = catcher;
      await catcher.stop();
      catcher = undefined;
      expect(child.exitCode ?? child.signalCode).not.toBeNull();
      expect(await portAnswers(smtpPort)).toBe(false);
      expect(await portAnswers(webPort)).toBe(false);
    }, 30_000);

    it('refuses a busy SMTP port and names MAIL_CATCHER_SMTP_PORT', async () => {
      const busy = net.createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      const smtpPort = (busy.address() as net.AddressInfo).port;
      try {
        await expect(startMailCatcher({ smtpPort, webPort: await freePort() })).rejects.toThrow(
          new RegExp(`Port ${smtpPort} on 127\\.0\\.0\\.1 is already in use.*set MAIL_CATCHER_SMTP_PORT`),
        );
      } finally {
        await new Promise((resolve) => busy.close(resolve));
      }
    });

    it('refuses a busy web port and names MAIL_CATCHER_WEB_PORT', async () => {
      const busy = net.createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      const webPort = (busy.address() as net.AddressInfo).port;
      try {
        await expect(startMailCatcher({ smtpPort: await freePort(), webPort })).rejects.toThrow(
          /set MAIL_CATCHER_WEB_PORT/,
        );
      } finally {
        await new Promise((resolve) => busy.close(resolve));
      }
    });
  });
});
