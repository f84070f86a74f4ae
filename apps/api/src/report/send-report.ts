import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ValidationFailed, type ReportContent } from '@cascade/dialogue';
import { reportCsv } from './report-csv';
import { reportHtml, type IssuedInfo } from './report-document';
import { reportPdf, type ReportSettings } from './report-pdf';

export const REPORT_FORMATS = ['json', 'csv', 'html', 'pdf'] as const;

/** The report in the asked format: JSON (default), CSV, printable HTML or PDF. */
export async function sendReport(
  response: Response,
  filename: string,
  content: ReportContent,
  issued: (IssuedInfo & object) | undefined,
  format: string | undefined,
  settings: ReportSettings,
): Promise<unknown> {
  const info = issued
    ? { version: issued.version, issuedAt: issued.issuedAt, issuedBy: issued.issuedBy }
    : undefined;
  switch (format ?? 'json') {
    case 'json':
      return info ? { ...info, ...content } : { draft: true, ...content };
    case 'csv':
      response.type('text/csv').attachment(`${filename}.csv`);
      return reportCsv(content);
    case 'html':
      response.type('text/html');
      return reportHtml(content, info);
    case 'pdf':
      return new StreamableFile(await reportPdf(reportHtml(content, info), settings), {
        type: 'application/pdf',
        disposition: `attachment; filename="${filename}.pdf"`,
      });
    default:
      throw new ValidationFailed([
        {
          field: 'format',
          code: 'one-of',
          message: `must be one of ${REPORT_FORMATS.join(', ')}`,
          params: { values: REPORT_FORMATS.join(', ') },
        },
      ]);
  }
}
