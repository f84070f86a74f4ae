/**
 * Build step (`nx run api:build`): bundles the console's React components once, with AdminJS's own bundler
 * (rollup + babel, all from node_modules: no network), into dist/libs/admin/src/bundle/bundle.js.
 */
import fs from 'node:fs';
import { BUNDLE_DIR, registerComponents } from './components';

async function main(): Promise<void> {
  // AdminJS reads both when its modules load: production minifies, and the output goes to BUNDLE_DIR.
  process.env['NODE_ENV'] = 'production';
  process.env['ADMIN_JS_TMP_DIR'] = BUNDLE_DIR;
  delete process.env['ADMIN_JS_SKIP_BUNDLE'];
  fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
  fs.mkdirSync(BUNDLE_DIR, { recursive: true });
  const { default: AdminJS, ComponentLoader } = await import('adminjs');
  const componentLoader = new ComponentLoader();
  registerComponents(componentLoader);
  await new AdminJS({ componentLoader }).initialize();
  const size = fs.statSync(`${BUNDLE_DIR}/bundle.js`).size;
  console.log(`console components bundled: ${BUNDLE_DIR}/bundle.js (${Math.round(size / 1024)} KiB)`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
