import { createRequire } from 'node:module';
import path from 'node:path';
import type { RequestHandler, Response } from 'express';

/**
 * AdminJS picks its browser bundles (React, its design system, its application with i18next's options) from
 * NODE_ENV when its module first loads: anything but `production` serves development React and i18next with
 * `debug` on, logging every key to the browser's console. The api runs with NODE_ENV=test in the suites and
 * whatever the host sets elsewhere, so the console serves the production bundles itself, whatever NODE_ENV says.
 */
export function productionBundles(): Record<string, string> {
  const adminjsEntry = require.resolve('adminjs');
  const scripts = path.join(path.dirname(adminjsEntry), 'lib/frontend/assets/scripts');
  const designSystem = createRequire(adminjsEntry).resolve('@adminjs/design-system');
  return {
    '/frontend/assets/global.bundle.js': path.join(scripts, 'global-bundle.production.js'),
    '/frontend/assets/app.bundle.js': path.join(scripts, 'app-bundle.production.js'),
    '/frontend/assets/design-system.bundle.js': path.join(
      path.dirname(designSystem),
      '../bundle.production.js',
    ),
  };
}

/**
 * The fonts the console draws with: the system's own (AdminJS's theme asks for Roboto from Google Fonts, which
 * the console never loads: no request leaves for another host).
 */
export const SYSTEM_FONTS =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

/**
 * AdminJS's theme, changed where its colours fail WCAG AA contrast (4.5:1 for text) on white and on its grey
 * backgrounds: grey60, used for secondary text and labels, measures 3.4:1 on white.
 */
export const CONSOLE_THEME = {
  font: SYSTEM_FONTS,
  colors: { grey60: '#6C6D7D' },
};

/** The console's tab icon: the api's own, the one every page of the site shows. */
export const CONSOLE_FAVICON = '/favicon.ico';

/** A stylesheet link to another host (`https://…` or `//…`), as AdminJS's page templates write one. */
const OUTSIDE_STYLESHEET = /<link\b[^>]*\bhref="(?:https?:)?\/\/[^"]*"[^>]*>\s*/gi;

/** The page without its links to stylesheets on other hosts. */
export function withoutOutsideStylesheets(html: string): string {
  return html.replace(OUTSIDE_STYLESHEET, '');
}

/**
 * AdminJS's page templates link Google Fonts' stylesheet unconditionally (no option turns it off); the console's
 * pages go out without it, so the browser asks no other host for anything (the CSP would refuse it anyway, with
 * an error on every page).
 */
export function noOutsideStylesheets(): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res) as Response['send'];
    res.send = ((body?: unknown) => {
      const type = String(res.getHeader('Content-Type') ?? 'text/html');
      const isPage = typeof body === 'string' && type.includes('html');
      return send(isPage ? withoutOutsideStylesheets(body) : body);
    }) as Response['send'];
    next();
  };
}
