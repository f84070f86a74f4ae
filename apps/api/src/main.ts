import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@cascade/config';
import { createApiApp } from './api-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.port);
  Logger.log(`Cascade API on http://localhost:${config.port}/api — OpenAPI at /docs`, 'Bootstrap');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
