import { chromium } from 'playwright-core';

/** The report slice of the configuration (`config.report`: CHROMIUM_PATH), provided by ApiModule. */
export abstract class ReportSettings {
  abstract readonly chromiumPath: string;
}

/** Prints the report's HTML to PDF in headless Chromium, once its charts are drawn. */
export async function reportPdf(html: string, settings: ReportSettings): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: settings.chromiumPath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForFunction('window.chartsReady === true', null, { timeout: 15_000 });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
