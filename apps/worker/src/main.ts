import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@cascade/config';
import { createWorker } from './worker-app';

createWorker(loadConfigOrExit())
  .then(() => Logger.log('Cascade worker consuming its queues', 'Bootstrap'))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
