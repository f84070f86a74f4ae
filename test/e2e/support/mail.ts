import {
  sampleDialogueInput,
  startSmtpSink,
  startStack,
  type SmtpSink,
  type Stack,
  type StackOptions,
  type TestDriver,
} from '@cascade/testing';

/** A stack whose mail goes to an SMTP sink of its own; `stop` closes the sink too. */
export interface MailStack extends Stack {
  sink: SmtpSink;
}

export interface MailStackOptions extends StackOptions {
  /** The dialogue created before the tests, with `entities` imported into it. */
  year: number;
  entities: unknown[];
  /** Holds each answer to DATA, so that mails are in flight for a while. */
  acceptDelayMs?: number;
}

/** Starts an SMTP sink and the stack sending to it, then creates the dialogue of `year` with `entities`. */
export async function startMailStack(
  driver: TestDriver,
  { year, entities, acceptDelayMs = 0, env, workers }: MailStackOptions,
): Promise<MailStack> {
  const sink = await startSmtpSink({}, 0, { acceptDelayMs });
  let stack: Stack;
  try {
    stack = await startStack({
      driver,
      workers,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
        MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
        ...env,
      },
    });
  } catch (error) {
    await sink.close();
    throw error;
  }
  const mailStack: MailStack = {
    ...stack,
    sink,
    stop: async () => {
      try {
        await stack.stop();
      } finally {
        await sink.close();
      }
    },
  };
  try {
    expect((await stack.call('POST', '/api/dialogues', sampleDialogueInput(year))).status).toBe(201);
    expect((await stack.call('POST', '/api/entities/import', { entities })).status).toBe(201);
  } catch (error) {
    await mailStack.stop();
    throw error;
  }
  return mailStack;
}
