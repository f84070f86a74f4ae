import fs from 'node:fs';
import path from 'node:path';
import type { AdminJsModules } from './esm';

/** The React components (JSX, bundled at build time); `build` copies them beside the compiled code. */
export const COMPONENTS_DIR = path.join(__dirname, 'components');

/** Where the build writes the components' bundle (`bundle.js`), served as /admin/frontend/assets/components.bundle.js. */
export const BUNDLE_DIR = path.join(__dirname, 'bundle');

export interface ConsoleComponents {
  action: string;
  dashboard: string;
  /** The screen of a bulk action on the entities selected in a list (bulk-action.jsx). */
  bulk: string;
}

/**
 * The console's components; AdminJS's sidebar pages followed by the console's own tools (`sidebar-pages.jsx`);
 * every list's header followed by its CSV and Excel exports (`list-export.jsx`);
 * AdminJS's top bar overridden by one that draws it as it is and saves the
 * language chosen in its language menu to the account (`top-bar.jsx`).
 */
export function registerComponents(
  loader: InstanceType<AdminJsModules['adminjs']['ComponentLoader']>,
): ConsoleComponents {
  loader.override('TopBar', path.join(COMPONENTS_DIR, 'top-bar.jsx'));
  loader.override('SidebarPages', path.join(COMPONENTS_DIR, 'sidebar-pages.jsx'));
  loader.override('ActionHeader', path.join(COMPONENTS_DIR, 'list-export.jsx'));
  return {
    action: loader.add('ConsoleAction', path.join(COMPONENTS_DIR, 'console-action.jsx')),
    dashboard: loader.add('CascadeDashboard', path.join(COMPONENTS_DIR, 'dashboard.jsx')),
    bulk: loader.add('ConsoleBulkAction', path.join(COMPONENTS_DIR, 'bulk-action.jsx')),
  };
}

export class ConsoleBundleMissing extends Error {
  constructor(file: string) {
    super(`the console's component bundle ${file} is missing: build the api first (npx nx run api:build)`);
  }
}

/** The bundle the build made; the console is never bundled when the process starts. */
export function bundleFile(): string {
  const file = path.join(BUNDLE_DIR, 'bundle.js');
  if (!fs.existsSync(file)) throw new ConsoleBundleMissing(file);
  return file;
}

/** The console's stylesheet (console.css beside the components), served as /admin/frontend/assets/console.css. */
export const STYLESHEET_FILE = path.join(COMPONENTS_DIR, 'console.css');

/** Mermaid's browser bundle from its npm package (a dependency), served at /admin/assets/mermaid.min.js. */
export function mermaidBundleFile(): string {
  return require.resolve('mermaid/dist/mermaid.min.js');
}
