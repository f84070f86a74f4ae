import { spreadsheetSafe, writeCsv, type ConsoleLanguage } from '@cascade/dialogue';
import ExcelJS from 'exceljs';
import type { RequestHandler, Response } from 'express';
import { CATALOGUES, languageOf } from '../locale/console-text';
import type { FilterEntry } from '../resources/list-filters';

/** Rows are read a page at a time, so that 10,000 entities never sit in memory as records at once for xlsx. */
const EXPORT_PAGE = 500;
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A cell of an export: dates stay dates in xlsx (ISO text in CSV). */
type ExportCell = string | number | Date;

/** The least of AdminJS's resource, property and record that an export reads (the real ones at run time). */
interface ListProperty {
  propertyPath: string;
  type(): string;
  reference(): string | null;
}
interface ListRecord {
  params: Record<string, unknown>;
  id(): string;
  title(): string;
}
export interface ExportableResource {
  id(): string;
  property(path: string): { type(): string; isEnum?(): boolean } | null;
  find(filter: unknown, params: unknown, context?: object): Promise<ListRecord[]>;
  findMany(ids: (string | number)[]): Promise<ListRecord[]>;
  decorate(): {
    getListProperties(): ListProperty[];
    options: { sort?: { sortBy?: string; direction?: string } };
  };
}

interface ExportRequest {
  resourceId: string;
  format: ExportFormat;
  filters: Record<string, FilterEntry>;
  language: ConsoleLanguage;
}

/** A list's column label in the account's language: the resource's own label first, then the shared one. */
function labelOf(language: ConsoleLanguage, resourceId: string, path: string): string {
  const texts = CATALOGUES[language].adminjs as unknown as {
    properties: Record<string, string>;
    resources: Record<string, { properties?: Record<string, string> }>;
  };
  return texts.resources[resourceId]?.properties?.[path] ?? texts.properties[path] ?? path;
}

/** A value as the list shows it: a related record by its title, a date as a date, anything else as text. */
function cellOf(value: unknown, titles: Map<string, string> | undefined): ExportCell {
  if (value === null || value === undefined) return '';
  if (titles) return titles.get(String(value)) ?? String(value);
  if (value instanceof Date) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const isDateType = (type: string) => type === 'date' || type === 'datetime';

/**
 * Every row of a list with its filter, page after page, as the cells of its list columns: related records by
 * their title (one `findMany` per page and relation), dates as dates.
 */
async function* exportRows(
  resource: ExportableResource,
  filters: Record<string, FilterEntry>,
  columns: ListProperty[],
  referenceResources: Map<string, ExportableResource>,
) {
  const sort = resource.decorate().options.sort ?? {};
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = await resource.find({ filters }, { limit: EXPORT_PAGE, offset, sort }, {});
    const titles = new Map<string, Map<string, string>>();
    for (const column of columns) {
      const reference = column.reference();
      const related = reference ? referenceResources.get(reference) : undefined;
      if (!related) continue;
      const ids = [...new Set(page.map((r) => r.params[column.propertyPath]).filter((v) => v != null))];
      const records = ids.length ? await related.findMany(ids as (string | number)[]) : [];
      titles.set(column.propertyPath, new Map(records.map((r) => [String(r.id()), r.title()])));
    }
    yield page.map((record) =>
      columns.map((column) => {
        const value = record.params[column.propertyPath];
        const cell = cellOf(value, titles.get(column.propertyPath));
        // AdminJS gives dates as text in params; the xlsx wants them as dates.
        return isDateType(column.type()) && typeof value === 'string' && value ? new Date(value) : cell;
      }),
    );
    if (page.length < EXPORT_PAGE) return;
  }
}

const isoOf = (cell: ExportCell) => (cell instanceof Date ? cell.toISOString() : cell);

/** Both formats are streamed to the answer page by page: only one page of rows is held at a time. */
async function sendCsv(res: Response, labels: string[], rows: AsyncGenerator<ExportCell[][]>, name: string) {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  let header = true;
  for await (const page of rows) {
    res.write(
      writeCsv(
        labels,
        page.map((row) => row.map(isoOf)),
        { header },
      ),
    );
    header = false;
  }
  // An empty list still gets its header.
  res.end(header ? writeCsv(labels, []) : undefined);
}

async function sendXlsx(res: Response, labels: string[], rows: AsyncGenerator<ExportCell[][]>, name: string) {
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true });
  const sheet = workbook.addWorksheet(name.slice(0, 31));
  sheet.addRow(labels.map((label) => spreadsheetSafe(label))).commit();
  for await (const page of rows) {
    for (const cells of page) {
      const row = sheet.addRow(cells.map((cell) => (cell instanceof Date ? cell : spreadsheetSafe(cell))));
      cells.forEach((cell, i) => {
        if (cell instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

/** `filters.code=UNEP&filters.state=late` (the list's own query) as the list's filters. */
function filtersOf(
  query: Record<string, unknown>,
  resource: ExportableResource,
): Record<string, FilterEntry> {
  const filters: Record<string, FilterEntry> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('filters.') || typeof value !== 'string' || value === '') continue;
    const path = key.slice('filters.'.length);
    filters[path] = { path, value, property: resource.property(path) };
  }
  return filters;
}

function parseRequest(
  query: Record<string, unknown>,
  resourceId: string,
  resource: ExportableResource,
  admin: { language?: unknown },
): ExportRequest | string {
  const format = query['format'];
  if (!EXPORT_FORMATS.includes(format as ExportFormat))
    return `format: must be one of ${EXPORT_FORMATS.join(', ')}`;
  return {
    resourceId,
    format: format as ExportFormat,
    filters: filtersOf(query, resource),
    language: languageOf(admin),
  };
}

/**
 * GET <console>/export/:resource?format=csv|xlsx&filters.x=… : a list and its current filter, every page, in the
 * list's columns labelled in the account's language. Whoever may read the list may export it (the admin-only
 * resources stay admin-only); every text cell a spreadsheet would evaluate is neutralised (`spreadsheetSafe`,
 * the CSV exports' rule).
 */
export function listExport(
  resources: () => ExportableResource[],
  adminOnlyResources: string[],
): RequestHandler {
  return (req, res, next) => {
    const admin = (req as unknown as { session?: { adminUser?: { role?: string; language?: unknown } } })
      .session?.adminUser;
    if (!admin) return void res.status(401).json({ error: 'Unauthorized', message: 'log in first' });
    const resourceId = String(req.params['resource']);
    const all = resources();
    const resource = all.find((r) => r.id() === resourceId);
    if (!resource)
      return void res.status(404).json({ error: 'Not Found', message: `resource: no list ${resourceId}` });
    if (adminOnlyResources.includes(resourceId) && admin.role !== 'admin') {
      return void res.status(403).json({ error: 'Forbidden', message: 'only admins may see this list' });
    }
    const request = parseRequest(req.query as Record<string, unknown>, resourceId, resource, admin);
    if (typeof request === 'string')
      return void res.status(400).json({ error: 'Bad Request', message: request });
    const columns = resource.decorate().getListProperties();
    const labels = columns.map((c) => labelOf(request.language, resourceId, c.propertyPath));
    const rows = exportRows(resource, request.filters, columns, new Map(all.map((r) => [r.id(), r])));
    const send = request.format === 'csv' ? sendCsv : sendXlsx;
    send(res, labels, rows, resourceId).catch(next);
  };
}
