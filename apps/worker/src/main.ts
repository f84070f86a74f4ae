import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@cascade/config';
import { createWorker } from './worker-app';

// Every variable, SMTP included, is validated here: a bad one stops the worker naming it (exit 78).
const config = loadConfigOrExit();
const smtp = config.smtp ?? null;
if (!smtp) {
  Logger.warn(
    'no SMTP server configured (SMTP_URL or SMTP_HOST): mail is composed and logged, not sent',
    'Mail',
  );
}
createWorker(config, { smtp })
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
