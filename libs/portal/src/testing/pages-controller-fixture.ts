import {
  AccessTokenService,
  AnnexEPrefillQueryService,
  CascadeQueryService,
  CascadeService,
  DialogueService,
  EntityImportService,
  EntityWorkflowService,
  InvitationService,
  OrgTreeService,
  PortalCascadeService,
  PortalService,
  SessionService,
  StatisticsService,
  type TokenRole,
  type Language,
} from '@cascade/dialogue';
import { clearQueuePrefix, sampleDialogueInput, uniqueQueuePrefix, type TestOrm } from '@cascade/testing';
import { CsrfTokens } from '../csrf';
import { FlashStore } from '../flash-store';
import { PageRenderer } from '../page-renderer';
import { PortalLinks } from '../portal-links';
import { PortalPages } from '../portal-pages';
import { PortalPagesController } from '../portal-pages.controller';
import { PortalRedis } from '../portal-redis';

const ADMIN = 'admin@test';
export const FIXTURE_YEAR = 2026;
export const FIXTURE_CODE = 'NYO';
/** The mail domain of the fixture's entity: `head${FIXTURE_DOMAIN}` is its Head, `focal${…}` its Focal Point. */
export const FIXTURE_DOMAIN = '@nyo.example.org';

export interface PagesControllerFixture {
  controller: PortalPagesController;
  pages: PortalPages;
  /** A token link of the fixture's entity, as an admin issues it. */
  linkFor(role: TokenRole, email: string, language?: Language): Promise<string>;
  close(): Promise<void>;
}

/**
 * The token-link pages' controller over real services, Redis and the test database, with one launched entity in
 * New York whose reporting tree is `treeCsv`: what the page suites call in-process (and count statements around).
 */
export async function pagesControllerFixture(db: TestOrm, treeCsv: string): Promise<PagesControllerFixture> {
  const { orm, clock, registry } = db;
  const workflows = new EntityWorkflowService(orm.em, clock, registry);
  const tree = new OrgTreeService(orm.em, clock, registry);
  const tokens = new AccessTokenService(orm.em, clock);
  const portal = new PortalService(
    orm.em,
    clock,
    tokens,
    tree,
    new SessionService(workflows),
    new StatisticsService(workflows),
    new AnnexEPrefillQueryService(orm.em),
  );
  const cascade = new PortalCascadeService(
    new CascadeService(orm.em, clock, registry),
    new CascadeQueryService(orm.em, clock, registry),
  );
  const csrf = new CsrfTokens('s'.repeat(40));
  const pages = new PortalPages(PageRenderer.fromDirectory(), csrf);
  const redis = new PortalRedis(process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const prefix = uniqueQueuePrefix();
  const links = new PortalLinks({
    publicUrl: 'https://cascade.test',
    ethicsOffice: [],
    messageIdDomain: 'cascade.test',
    ethicsOfficeTimeZone: 'UTC',
  });
  const controller = new PortalPagesController(
    portal,
    cascade,
    pages,
    csrf,
    new FlashStore(redis.client, `${prefix}:portal-flash`),
    links,
  );
  const dialogues = new DialogueService(orm.em, clock, registry);
  const dialogue = await dialogues.create(sampleDialogueInput(FIXTURE_YEAR), ADMIN);
  await new EntityImportService(orm.em, clock).importJson(
    [
      {
        code: FIXTURE_CODE,
        name: 'New York Office',
        kind: 'office',
        dutyStation: 'New York',
        timeZone: 'America/New_York',
        language: 'en',
        headName: 'Rosa Head',
        headEmail: `head${FIXTURE_DOMAIN}`,
        focalPoints: [{ name: 'Focal', email: `focal${FIXTURE_DOMAIN}` }],
      },
    ],
    ADMIN,
  );
  await dialogues.launch(FIXTURE_YEAR, ADMIN);
  await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
  await tree.importCsv(FIXTURE_YEAR, FIXTURE_CODE, treeCsv, ADMIN);
  return {
    controller,
    pages,
    linkFor: async (role, email, language) =>
      (
        await tokens.issueFor(
          FIXTURE_YEAR,
          FIXTURE_CODE,
          { role, email, ...(language ? { language } : {}) },
          ADMIN,
        )
      ).token,
    close: async () => {
      redis.onModuleDestroy();
      await clearQueuePrefix(prefix);
    },
  };
}
