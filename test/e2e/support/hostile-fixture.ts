import { sampleDialogueInput, startStack, waitFor, type Stack, type TestDriver } from '@cascade/testing';
import { ADMIN, ConsoleClient, createConsoleAccount } from './console';

/**
 * A launched dialogue with something behind every public endpoint, so that hostile input meets the real checks
 * rather than a 404: two invited entities, a reporting tree, a link of every role, a recorded session with its
 * participants' link and a question, a pending extension request and scenario proposal, and mail in the log.
 */
export interface HostileFixture {
  stack: Stack;
  year: number;
  /** The entity with the tree, the links and the requests (cascading after its first session). */
  code: string;
  /** A second entity, still invited. */
  otherCode: string;
  /** The managers of `code`'s tree. */
  managers: string[];
  /**
   * `leader` is Marta's (she has held her session); `manager` is Luc's, who is waiting for his turn and may still
   * schedule his session (what the cascade's hostile cases would do if their faults were not there).
   */
  tokens: { focalPoint: string; head: string; leader: string; manager: string; participants: string };
  ids: { extensionRequest: number; scenarioProposal: number; question: number; link: number; mail: number };
  /** An admin logged in to the console: the headers its requests carry, and ids of records it can see. */
  console: { headers: Record<string, string>; recordIds: Record<string, string[]> };
  /** Deletes the portal's rate-limit counters, so that thousands of requests from one address meet the checks. */
  resetRateLimits(): Promise<void>;
}

export const PORTAL_SECRET = 'e2e-hostile-portal-secret-0123456789abcdef';

/** Today in a time zone, as YYYY-MM-DD. */
export function localToday(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export const HOSTILE_ENTITIES = [
  {
    code: 'HST',
    name: 'Office of Hostile Testing',
    kind: 'office',
    dutyStation: 'Geneva',
    timeZone: 'Europe/Zurich',
    language: 'en',
    headName: 'Head of HST',
    headEmail: 'head@hst.example.org',
    focalPoints: [{ name: 'Focal Point of HST', email: 'focal@hst.example.org', language: 'en' }],
  },
  {
    code: 'HSB',
    name: 'Hostile Second Bureau',
    kind: 'department',
    dutyStation: 'New York',
    timeZone: 'America/New_York',
    language: 'fr',
    headName: 'Head of HSB',
    headEmail: 'head@hsb.example.org',
    focalPoints: [{ name: 'Focal Point of HSB', email: 'focal@hsb.example.org', language: 'fr' }],
  },
];

export const HOSTILE_TREE = [
  'name,email,manager_email,language,is_manager',
  'Head of HST,head@hst.example.org,,en,yes',
  'Marta Gómez,marta.gomez@hst.example.org,head@hst.example.org,es,yes',
  'Luc Martin,luc.martin@hst.example.org,head@hst.example.org,fr,yes',
  'Staff One,staff.one@hst.example.org,marta.gomez@hst.example.org,en,no',
].join('\n');

async function portal<T>(stack: Stack, token: string, action: string, body: unknown): Promise<T> {
  const response = await fetch(`${stack.base}/api/portal/${token}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`portal ${action}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Starts the stack (api + one worker, simulation on so that its endpoints exist), builds the fixture, waits until
 * the worker has nothing left to do and stops it: from then on only requests can change the database.
 */
export async function startHostileFixture(driver: TestDriver): Promise<HostileFixture> {
  const stack = await startStack({
    driver,
    workers: 1,
    env: { SIMULATION: 'true', PORTAL_SECRET, LOG_LEVEL: 'error' },
  });
  try {
    const year = new Date().getUTCFullYear();
    const [entity, other] = HOSTILE_ENTITIES;
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(year));
    await stack.ok('POST', '/api/entities/import', { entities: HOSTILE_ENTITIES });
    await stack.ok('POST', `/api/dialogues/${year}/launch`);
    await waitFor(
      async () => {
        const summary = await stack.ok<{ byState: Record<string, number> }>('GET', `/api/dialogues/${year}`);
        return summary.byState['invited'] === HOSTILE_ENTITIES.length;
      },
      { what: 'the worker to invite the entities', timeoutMs: 60000 },
    );
    await stack.ok('POST', `/api/dialogues/${year}/entities/${entity.code}/org-tree`, HOSTILE_TREE, {
      contentType: 'text/csv',
    });

    const link = (role: string, email: string) =>
      stack.ok<{ token: string }>('POST', `/api/dialogues/${year}/entities/${entity.code}/tokens`, {
        role,
        email,
      });
    const focalPoint = (await link('focal-point', entity.focalPoints[0].email)).token;
    const head = (await link('head-of-entity', entity.headEmail)).token;
    const leader = (await link('leader', 'marta.gomez@hst.example.org')).token;
    const links = await stack.ok<{ id: number }[]>(
      'GET',
      `/api/dialogues/${year}/entities/${entity.code}/tokens`,
    );
    const manager = (await link('leader', 'luc.martin@hst.example.org')).token;

    const session = await portal<{ participantsToken: string }>(stack, leader, 'sessions', {
      heldOn: localToday(entity.timeZone),
      durationMinutes: 90,
      language: 'Español',
      format: 'in-person',
      staffParticipants: 12,
      nonStaffParticipants: 0,
      questions: ['May I accept a gift from a supplier?'],
    });
    await portal(stack, focalPoint, 'extension-requests', {
      wishedDeadline: `${year + 1}-01-31`,
      reason: 'Two field missions in December',
    });
    await portal(stack, focalPoint, 'scenario-proposals', {
      title: 'Gifts from a host government',
      description: 'A scenario about gifts.',
    });

    const [requests, proposals, questions] = await Promise.all([
      stack.ok<{ id: number }[]>('GET', `/api/dialogues/${year}/extension-requests`),
      stack.ok<{ id: number }[]>('GET', `/api/dialogues/${year}/scenario-proposals`),
      stack.ok<{ id: number }[]>('GET', `/api/dialogues/${year}/questions`),
    ]);
    const mails = await waitFor(
      async () => {
        const list = await stack.ok<{ id: number }[]>('GET', `/api/dialogues/${year}/mails`);
        return list.length > 0 ? list : null;
      },
      { what: 'the worker to compose the invitations', timeoutMs: 60000 },
    );
    await settle(stack);
    await stack.processes[1].stop();
    const consoleSession = await consoleLogin(stack);

    return {
      stack,
      year,
      code: entity.code,
      otherCode: other.code,
      managers: ['head@hst.example.org', 'marta.gomez@hst.example.org', 'luc.martin@hst.example.org'],
      tokens: { focalPoint, head, leader, manager, participants: session.participantsToken },
      console: consoleSession,
      ids: {
        extensionRequest: requests[0].id,
        scenarioProposal: proposals[0].id,
        question: questions[0].id,
        link: links[0].id,
        mail: (mails as { id: number }[])[0].id,
      },
      resetRateLimits: async () => {
        const redis = stack.redis();
        const keys = await redis.keys(`${stack.prefix}:ratelimit:*`);
        if (keys.length) await redis.del(...keys);
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** An admin account, logged in: its session cookie and CSRF token as headers, and the ids of two resources' rows. */
async function consoleLogin(stack: Stack): Promise<HostileFixture['console']> {
  await createConsoleAccount(stack, ADMIN, 'admin');
  const client = new ConsoleClient(stack.base);
  const answer = await client.login(ADMIN);
  if (answer.status !== 302) throw new Error(`console login: ${answer.status} ${answer.text.slice(0, 300)}`);
  const ids = async (resource: string) => (await client.list(resource)).map((r) => String(r.id));
  return {
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-xsrf-token': client.cookies.get('XSRF-TOKEN') as string,
    },
    recordIds: { EntityWorkflow: await ids('EntityWorkflow'), OrgEntity: await ids('OrgEntity') },
  };
}

/** Waits until the worker's queues are empty: every job of the setup done, no mail waiting to be composed. */
async function settle(stack: Stack): Promise<void> {
  const redis = stack.redis();
  await waitFor(
    async () => {
      const queues = await redis.keys(`${stack.prefix}:*:meta`);
      for (const meta of queues) {
        const queue = meta.slice(0, -':meta'.length);
        const [waiting, active, prioritized] = await Promise.all([
          redis.llen(`${queue}:wait`),
          redis.llen(`${queue}:active`),
          redis.zcard(`${queue}:prioritized`),
        ]);
        if (waiting + active + prioritized > 0) return false;
      }
      return true;
    },
    { what: 'the worker to finish the setup jobs', timeoutMs: 60000 },
  );
}
