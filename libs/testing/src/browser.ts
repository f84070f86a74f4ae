import fs from 'node:fs';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). Never a browser downloaded by Playwright. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Launches the machine's Chromium, headless, through `playwright-core` (which ships no browser of its own).
 * Fails with the install command when Chromium is missing instead of Playwright's download hint.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ headless: true, ...options, executablePath: CHROMIUM_PATH });
}

/**
 * Records what a page does that a clean page must not: a console error or warning, an uncaught exception, a
 * dialog (dismissed), a failed request, a 4xx/5xx answer, a request to another origin than `origin`. `take` hands
 * over what was recorded since the last call.
 */
export function watchPage(page: Page, origin: string): { take(): string[] } {
  let seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      seen.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    seen.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const target = request.url();
    if (!/^(data|blob):/.test(target) && new URL(target).origin !== origin)
      seen.push(`outside request: ${target}`);
  });
  page.on('requestfailed', (request) =>
    seen.push(`failed request: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) seen.push(`answer ${response.status()}: ${response.url()}`);
  });
  return {
    take: () => {
      const taken = seen;
      seen = [];
      return taken;
    },
  };
}
