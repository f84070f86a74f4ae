import type { RecordQueryService } from '@cascade/dialogue';
import type { ResourceDefinition } from './resource-kit';

/** The name of the search box's filter on every list (one box, beside the list's own filters). */
export const SEARCH_FILTER = 'search';

/**
 * What the search box of each list matches: the code or the name, or the natural text key of a resource that has
 * neither (an address, an entity code kept on the row, a timer's key). Paths go through relations with dots; a
 * resource left out gets no box of this kind: Dialogue (a year and a JSON topic) and ManagerWorkflow (which has
 * its own box by name or address, `q`).
 */
export const SEARCHED_COLUMNS: Record<string, readonly string[]> = {
  EntityWorkflow: ['entity.code', 'entity.name'],
  OrgEntity: ['code', 'name'],
  FocalPoint: ['name', 'email', 'entity.code'],
  Person: ['name', 'email', 'entity.code'],
  ExtensionRequest: ['workflow.entity.code', 'workflow.entity.name', 'requestedBy'],
  SessionQuestion: ['session.workflow.entity.code', 'text'],
  ScenarioProposal: ['workflow.entity.code', 'title'],
  SeminarRequest: ['workflow.entity.code', 'topic'],
  SessionRecord: ['workflow.entity.code', 'leaderEmail'],
  StatisticsSubmission: ['workflow.entity.code', 'workflow.entity.name', 'submittedBy'],
  Report: ['issuedBy'],
  MailMessage: ['entityCode', 'recipientAddress', 'recipientName', 'subject', 'template'],
  Timer: ['key', 'timerId', 'kind'],
  AuditEvent: ['entityCode', 'actor', 'event'],
  AdminUser: ['email'],
};

/**
 * A list with its search box: a virtual filter over the resource's searched columns, first among the filters. The
 * condition comes from the domain's record reader (ILIKE on PostgreSQL, LIKE on SQLite, both ignoring the case);
 * a `%` or `_` typed in the box stays a wildcard, which can only widen what the reader may see anyway.
 */
export function withListSearch(
  records: RecordQueryService,
  definition: ResourceDefinition,
): ResourceDefinition {
  const columns = SEARCHED_COLUMNS[definition.model.name];
  if (!columns) return definition;
  const { reading, options } = definition;
  const filterProperties = options['filterProperties'] as string[] | undefined;
  return {
    ...definition,
    reading: {
      ...reading,
      virtualFilters: {
        ...reading.virtualFilters,
        [SEARCH_FILTER]: (text) => (text.trim() ? records.containsText(columns, text) : {}),
      },
    },
    options: {
      ...options,
      ...(filterProperties ? { filterProperties: [SEARCH_FILTER, ...filterProperties] } : {}),
      properties: {
        ...(options['properties'] as Record<string, unknown> | undefined),
        [SEARCH_FILTER]: {
          type: 'string',
          isVisible: { list: false, show: false, edit: false, filter: true },
          isSortable: false,
        },
      },
    },
  };
}
