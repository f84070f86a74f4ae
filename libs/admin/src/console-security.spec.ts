import type { ConsoleIdentity } from '@cascade/dialogue';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Server } from 'node:http';
import {
  csrfGuard,
  csrfTokenFor,
  fromThisSite,
  identityRefresh,
  requireLogin,
  roleGate,
} from './console-security';

const SECRET = 's'.repeat(40);

describe('the console’s request guards', () => {
  let server: Server;
  let base: string;
  /** The session each request gets, by the test's `x-as` header (a stand-in for express-session). */
  const sessions: Record<string, { adminUser?: { id: number; email: string; role: string; title: string } }> =
    {};

  beforeAll(async () => {
    const app = express();
    app.use((req, _res, next) => {
      const who = req.get('x-as');
      Object.assign(req, {
        session: who ? sessions[who] : undefined,
        sessionID: who ? `sid-${who}` : undefined,
      });
      next();
    });
    const accounts: Record<number, ConsoleIdentity> = {
      1: { id: 1, email: 'a@un.org', role: 'admin', language: 'en' },
      2: { id: 2, email: 'v@un.org', role: 'viewer', language: 'en' },
      3: { id: 3, email: 'demoted@un.org', role: 'viewer', language: 'en' },
    };
    app.use(identityRefresh(async (id) => accounts[id] ?? null, 0));
    app.use(csrfGuard(SECRET, false));
    app.use(roleGate(['AdminUser']));
    app.use('/queues', requireLogin('/admin/login'));
    app.use((_req, res) => res.status(200).send('done'));
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    sessions['admin'] = { adminUser: { id: 1, email: 'a@un.org', role: 'admin', title: 'a@un.org' } };
    sessions['viewer'] = { adminUser: { id: 2, email: 'v@un.org', role: 'viewer', title: 'v@un.org' } };
    sessions['demoted'] = { adminUser: { id: 3, email: 'demoted@un.org', role: 'admin', title: '' } };
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(base + path, { method, headers, redirect: 'manual' });
  const token = (who: string) => csrfTokenFor(SECRET, `sid-${who}`);

  it('hands a logged-in page its CSRF token in a readable SameSite=Strict cookie', async () => {
    const page = await send('GET', '/resources', { 'x-as': 'admin' });
    expect(page.headers.get('set-cookie')).toMatch(
      new RegExp(`^XSRF-TOKEN=${token('admin')}; Path=/admin; SameSite=Strict$`),
    );
    expect((await send('GET', '/resources')).headers.get('set-cookie')).toBeNull();
  });

  it('lets an admin write with the session’s token only, from this site only', async () => {
    expect((await send('POST', '/api/x', { 'x-as': 'admin' })).status).toBe(403);
    expect((await send('POST', '/api/x', { 'x-as': 'admin', 'x-xsrf-token': token('viewer') })).status).toBe(
      403,
    );
    expect((await send('POST', '/api/x', { 'x-as': 'admin', 'x-xsrf-token': token('admin') })).status).toBe(
      200,
    );
    const crossSite = await send('POST', '/api/x', {
      'x-as': 'admin',
      'x-xsrf-token': token('admin'),
      origin: 'https://evil.example.org',
    });
    expect(crossSite.status).toBe(403);
  });

  it('refuses every write of a viewer, token or not, and lets it read', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await send(method, '/api/x', { 'x-as': 'viewer', 'x-xsrf-token': token('viewer') });
      expect([method, answer.status]).toEqual([method, 403]);
    }
    expect((await send('GET', '/api/x', { 'x-as': 'viewer' })).status).toBe(200);
  });

  it('keeps admin-only resources from viewers, reads included, however the path is spelt', async () => {
    for (const path of [
      '/api/resources/AdminUser/actions/list',
      '/resources/AdminUser',
      '/api/resources/AdminUser/records/1/show',
      '/api/resources/%41dminUser/actions/list',
      '/api/resources/adminuser/actions/list',
    ]) {
      const answer = await send('GET', path, { 'x-as': 'viewer' });
      expect([path, answer.status]).toEqual([path, 403]);
      expect([path, (await send('GET', path, { 'x-as': 'admin' })).status]).toEqual([path, 200]);
    }
    expect((await send('GET', '/api/resources/AdminUserX/actions/list', { 'x-as': 'viewer' })).status).toBe(
      200,
    );
    expect((await send('GET', '/api/resources/AuditEvent/actions/list', { 'x-as': 'viewer' })).status).toBe(
      200,
    );
  });

  it('follows the account: a demoted admin writes no more', async () => {
    const answer = await send('POST', '/api/x', { 'x-as': 'demoted', 'x-xsrf-token': token('demoted') });
    expect(answer.status).toBe(403);
    expect(sessions['demoted'].adminUser?.role).toBe('viewer');
  });

  it('lets the login form through from this site, and sends the anonymous to it (or 401 for an API)', async () => {
    expect((await send('POST', '/login', { origin: base })).status).toBe(200);
    expect((await send('POST', '/login', { origin: 'https://evil.example.org' })).status).toBe(403);
    const page = await send('GET', '/queues');
    expect([page.status, page.headers.get('location')]).toEqual([302, '/admin/login']);
    expect((await send('GET', '/queues/api/queues')).status).toBe(401);
  });

  it('fromThisSite compares the host of Origin or Referer with Host', () => {
    const req = (headers: Record<string, string>) =>
      ({ get: (name: string) => headers[name.toLowerCase()] }) as unknown as express.Request;
    expect(fromThisSite(req({ host: 'a.org' }))).toBe(true);
    expect(fromThisSite(req({ host: 'a.org', origin: 'https://a.org' }))).toBe(true);
    expect(fromThisSite(req({ host: 'a.org', referer: 'https://b.org/admin' }))).toBe(false);
    expect(fromThisSite(req({ host: 'a.org', origin: 'null' }))).toBe(false);
  });
});
