import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigInvalid, loadConfigOrExit } from '@cascade/config';
import { isSmtpConfigured, smtpConfigFromEnv } from '@cascade/mail';
import { createWorker } from './worker-app';

function smtpOrExit() {
  if (!isSmtpConfigured()) {
    Logger.warn(
      'no SMTP server configured (SMTP_URL or SMTP_HOST): mail is composed and logged, not sent',
      'Mail',
    );
    return null;
  }
  try {
    return smtpConfigFromEnv();
  } catch (error) {
    if (error instanceof ConfigInvalid) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

const smtp = smtpOrExit();
createWorker(loadConfigOrExit(), { smtp })
  .then(() =>
    Logger.log(
      `Cascade worker consuming its queues${smtp ? `; mail via ${smtp.host}:${smtp.port}` : ''}`,
      'Bootstrap',
    ),
  )
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
