import { chromium } from 'playwright-core';

/** Debian's Chromium by default; CHROMIUM_PATH elsewhere (the Docker image installs it at the same place). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Prints the report's HTML to PDF in headless Chromium, once its charts are drawn. */
export async function reportPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction('window.chartsReady === true', null, { timeout: 15_000 });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
