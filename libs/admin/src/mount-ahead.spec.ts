import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { mountAhead } from './mount-ahead';

/** A handler that reads the request's body itself, as AdminJS's form parser does. */
const rawReader: RequestHandler = (req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => res.json({ body, parsedBefore: req.body ?? null }));
};

describe('mountAhead', () => {
  it('puts the console ahead of body parsers registered before it, so it reads its own forms', async () => {
    const app = express();
    app.use(express.json());
    app.use(express.urlencoded({ extended: true }));
    app.post('/api/echo', (req, res) => res.json(req.body));
    mountAhead(app, '/admin', rawReader);
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const login = await fetch(`${base}/admin/login`, {
        method: 'POST',
        headers: form,
        body: 'email=a%40b&password=x',
      });
      expect(await login.json()).toEqual({ body: 'email=a%40b&password=x', parsedBefore: null });
      // The parsers still serve every other path.
      const api = await fetch(`${base}/api/echo`, { method: 'POST', headers: form, body: 'a=1' });
      expect(await api.json()).toEqual({ a: '1' });
    } finally {
      server.close();
    }
  });
});
