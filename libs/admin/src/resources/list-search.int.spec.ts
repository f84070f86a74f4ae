import * as domain from '@cascade/dialogue';
import {
  AuditEvent,
  DialogueService,
  EntityImportService,
  InvitationService,
  RecordQueryService,
} from '@cascade/dialogue';
import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import type { AdminJsModules } from '../esm';
import { auditEventResource } from './audit-event.resource';
import { consoleResourceClass } from './console-resource';
import { entityWorkflowResource } from './entity-workflow.resource';
import { focalPointResource } from './focal-point.resource';
import type { FilterEntry } from './list-filters';
import { SEARCH_FILTER, SEARCHED_COLUMNS, withListSearch } from './list-search';
import { orgEntityResource } from './org-entity.resource';
import type { ResourceDefinition } from './resource-kit';

const YEAR = 2026;

/** AdminJS's base classes stood in for by the least the console's resource uses (as in manager-console.int.spec). */
const standIns = {
  adminjs: {
    BaseRecord: class {
      constructor(
        readonly params: Record<string, unknown>,
        readonly resource: unknown,
      ) {}
    },
  },
  mikroorm: {
    Resource: class {
      constructor(private readonly args: { model: { name: string } }) {}
      id() {
        return this.args.model.name;
      }
    },
  },
} as unknown as AdminJsModules;

const entity = (code: string, name: string) => ({
  code,
  name,
  kind: 'office',
  dutyStation: 'Nairobi',
  timeZone: 'Africa/Nairobi',
  language: 'en',
  headName: `Head Of ${code}`,
  headEmail: `head@${code.toLowerCase()}.example.org`,
  focalPoints: [{ name: `Focal ${code}`, email: `focal@${code.toLowerCase()}.example.org` }],
});

const searchFor = (text: string) => ({
  filters: { [SEARCH_FILTER]: { path: SEARCH_FILTER, value: text } satisfies FilterEntry },
});

describe.each(testDrivers())('the search box of the console’s lists (%s)', (driver) => {
  let db: TestOrm;
  let ConsoleResource: ReturnType<typeof consoleResourceClass>;
  let records: RecordQueryService;

  /** A list read as AdminJS's list action reads it: a page (all of it here), then the total. */
  const listed = async (definition: ResourceDefinition, text: string, key: string) => {
    const searched = withListSearch(records, definition);
    const resource = new ConsoleResource({ model: searched.model, orm: db.orm }, searched.reading);
    const context = {};
    const page = (await resource.find(searchFor(text), { limit: 100 }, context)) as unknown as {
      params: Record<string, unknown>;
    }[];
    const total = await resource.count(searchFor(text), context);
    return { keys: page.map((r) => r.params[key]).sort(), total };
  };

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), 'admin@test');
    await new EntityImportService(orm.em, clock).importJson(
      [
        entity('UNEP', 'United Nations Environment Programme'),
        entity('UNDP', 'United Nations Development Programme'),
        entity('OHCHR', 'Office of the High Commissioner for Human Rights'),
      ],
      'admin@test',
    );
    await dialogues.launch(YEAR, 'admin@test');
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, 'admin@test');
    records = new RecordQueryService(orm.em.fork());
    ConsoleResource = consoleResourceClass(standIns, records);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('finds entities by code or by name, whatever the case', async () => {
    expect(await listed(orgEntityResource, 'unep', 'code')).toEqual({ keys: ['UNEP'], total: 1 });
    expect(await listed(orgEntityResource, 'PROGRAMME', 'code')).toEqual({
      keys: ['UNDP', 'UNEP'],
      total: 2,
    });
    expect(await listed(orgEntityResource, '  human rights ', 'code')).toEqual({ keys: ['OHCHR'], total: 1 });
    expect(await listed(orgEntityResource, 'nothing like it', 'code')).toEqual({ keys: [], total: 0 });
  });

  it('an empty box lists everything', async () => {
    expect((await listed(orgEntityResource, '', 'code')).total).toBe(3);
    expect((await listed(orgEntityResource, '   ', 'code')).total).toBe(3);
  });

  it('finds the entities of a year through their entity, and focal points by name, address or entity code', async () => {
    const instances = { nextTimersOf: async () => new Map() } as never;
    const workflows = await listed(entityWorkflowResource([], instances), 'environment', 'code');
    expect(workflows).toEqual({ keys: ['UNEP'], total: 1 });
    const byAddress = await listed(focalPointResource, 'FOCAL@undp', 'email');
    expect(byAddress).toEqual({ keys: ['focal@undp.example.org'], total: 1 });
    const byCode = await listed(focalPointResource, 'ohchr', 'email');
    expect(byCode).toEqual({ keys: ['focal@ohchr.example.org'], total: 1 });
  });

  it('finds the audit trail of an entity by its code, and the search adds to the other filters', async () => {
    const em = db.orm.em.fork();
    const ofUnep = await em.count(AuditEvent, { entityCode: 'UNEP' });
    expect(ofUnep).toBeGreaterThan(0);
    expect((await listed(auditEventResource, 'unep', 'entityCode')).total).toBe(ofUnep);
    const searched = withListSearch(records, auditEventResource);
    const resource = new ConsoleResource({ model: searched.model, orm: db.orm }, searched.reading);
    const someEvent = (await em.findOneOrFail(AuditEvent, { entityCode: 'UNEP' })).event;
    const both = {
      filters: {
        ...searchFor('unep').filters,
        event: { path: 'event', value: someEvent } satisfies FilterEntry,
      },
    };
    expect(await resource.count(both, {})).toBe(
      await em.count(AuditEvent, { entityCode: 'UNEP', event: someEvent }),
    );
  });

  it('every list with a search box reads its columns, through their relations, on this database', async () => {
    for (const [name, columns] of Object.entries(SEARCHED_COLUMNS)) {
      const model = (domain as unknown as Record<string, { name: string }>)[name];
      const reading = {
        virtualFilters: { [SEARCH_FILTER]: (text: string) => records.containsText(columns, text) },
      };
      const resource = new ConsoleResource({ model, orm: db.orm }, reading);
      const context = {};
      const page = await resource.find(searchFor('Un'), { limit: 1000 }, context);
      await expect(resource.count(searchFor('Un'), context)).resolves.toBe(page.length);
    }
  });
});
