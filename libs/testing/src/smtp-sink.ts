import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  parsed: ParsedMail;
  /** The message as it came over DATA, for tests that read a MIME part mailparser does not expose as is. */
  raw: Buffer;
  /** RCPT TO addresses: what the envelope delivers to, whatever the headers say. */
  rcptTo: string[];
}

/** A real SMTP server on a free loopback port that keeps what it receives, for tests of the mail path. */
export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** Connections opened so far, and the most that were open at once. */
  connections: { total: number; peak: number };
  close(): Promise<void>;
}

/**
 * `port` 0 takes a free one; a given port lets a test bring a server up where a client already points.
 * `acceptDelayMs` holds each answer to DATA, so a test can kill a sender while mails are in flight.
 */
export async function startSmtpSink(
  options: Partial<SMTPServerOptions> = {},
  port = 0,
  { acceptDelayMs = 0 } = {},
): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const connections = { total: 0, peak: 0 };
  let open = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    logger: false,
    closeTimeout: 1000,
    onConnect(_session, callback) {
      connections.total++;
      connections.peak = Math.max(connections.peak, ++open);
      callback();
    },
    onClose() {
      open--;
    },
    onData(stream, session, callback) {
      const rcptTo = session.envelope.rcptTo.map((r) => r.address);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({ parsed, raw, rcptTo });
            if (acceptDelayMs > 0) setTimeout(() => callback(), acceptDelayMs);
            else callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
    ...options,
  });
  // A client killed mid-conversation (a fault test's SIGKILL) resets its socket: that is the test, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An SMTP reply for smtp-server callbacks: the server answers with this code and message. */
export function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}
