import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { consoleApiGuard, type KnownResource } from './console-api-guard';

const action = (...kinds: string[]) => ({
  isResourceType: () => kinds.includes('resource'),
  isRecordType: () => kinds.includes('record'),
  isBulkType: () => kinds.includes('bulk'),
});

const orgEntity: KnownResource = {
  decorate: () => ({
    id: () => 'OrgEntity',
    actions: {
      list: action('resource'),
      search: action('resource'),
      show: action('record'),
      bulkDelete: action('bulk'),
    },
  }),
  findOne: async (id) => (id === '1' ? { id: 1 } : null),
};

describe('the console API guard', () => {
  let server: Server;
  let base: string;

  beforeAll(() => {
    const app = express();
    app.use((req, _res, next) => {
      if (req.get('x-logged-in')) Object.assign(req, { session: { adminUser: { id: 1 } } });
      next();
    });
    app.use(
      '/api',
      consoleApiGuard(() => [orgEntity]),
    );
    app.use((_req, res) => res.status(200).send('AdminJS'));
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const get = async (path: string, loggedIn = true) => {
    const response = await fetch(base + path, { headers: loggedIn ? { 'x-logged-in': '1' } : {} });
    const text = await response.text();
    return [
      response.status,
      response.status === 404 ? (JSON.parse(text) as { message: string }).message : text,
    ];
  };

  it.each([
    ['/api/resources/NoSuch/actions/list', "the console has no resource 'NoSuch'"],
    ['/api/resources/orgentity/actions/list', "the console has no resource 'orgentity'"],
    ['/api/resources/OrgEntity/actions/doesNotExist', "OrgEntity has no resource action 'doesNotExist'"],
    ['/api/resources/OrgEntity/actions/constructor', "OrgEntity has no resource action 'constructor'"],
    ['/api/resources/OrgEntity/actions/__proto__', "OrgEntity has no resource action '__proto__'"],
    ['/api/resources/OrgEntity/actions/show', "OrgEntity has no resource action 'show'"],
    ['/api/resources/OrgEntity/records/1/doesNotExist', "OrgEntity has no record action 'doesNotExist'"],
    ['/api/resources/OrgEntity/records/1/list', "OrgEntity has no record action 'list'"],
    ['/api/resources/OrgEntity/records/2/show', "OrgEntity has no record '2'"],
    ['/api/resources/OrgEntity/records/abc/show', "OrgEntity has no record 'abc'"],
    ['/api/resources/OrgEntity/records/99999999999/show', "OrgEntity has no record '99999999999'"],
    ['/api/resources/OrgEntity/bulk/nope?recordIds=1', "OrgEntity has no bulk action 'nope'"],
    ['/api/resources/NoSuch/search/x', "the console has no resource 'NoSuch'"],
    ['/api/resources/No%20Such/actions/list', "the console has no resource 'No Such'"],
  ])('answers %s with 404: %s', async (path, message) => {
    expect(await get(path)).toEqual([404, message]);
  });

  it.each([
    '/api/resources/OrgEntity/actions/list',
    '/api/resources/OrgEntity/actions/list/query',
    '/api/resources/OrgEntity/records/1/show',
    '/api/resources/OrgEntity/bulk/bulkDelete?recordIds=1',
    '/api/resources/OrgEntity/search/x',
    '/api/dashboard',
  ])('lets %s through to AdminJS', async (path) => {
    expect(await get(path)).toEqual([200, 'AdminJS']);
  });

  it('leaves an anonymous request to the login, whatever it names', async () => {
    expect(await get('/api/resources/NoSuch/actions/list', false)).toEqual([200, 'AdminJS']);
  });
});
