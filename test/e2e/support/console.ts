import type { Page } from 'playwright-core';
import { runBuilt, type Stack } from '@cascade/testing';

export const ADMIN = { email: 'alice@un.example.org', password: 'alice-correct-horse-42' };
export const VIEWER = { email: 'victor@un.example.org', password: 'victor-battery-staple-42' };
/** A viewer whose console speaks French (issue 17). */
export const FRENCH_VIEWER = { email: 'francoise@un.example.org', password: 'francoise-phrase-longue-42' };

/** Makes a console account with the built CLI, the password passed as the documented ADMIN_PASSWORD. */
export async function createConsoleAccount(
  stack: Stack,
  account: { email: string; password: string },
  role: 'admin' | 'viewer',
  language: 'en' | 'fr' = 'en',
): Promise<void> {
  await runBuilt('cli', { ...stack.env, ADMIN_PASSWORD: account.password }, [
    'admin:create',
    '--email',
    account.email,
    '--role',
    role,
    '--language',
    language,
  ]);
}

export interface ConsoleAnswer<T = unknown> {
  status: number;
  location: string | null;
  body: T;
  text: string;
  setCookies: string[];
}

/**
 * A browser-like client of /admin over plain HTTP: keeps cookies, sends this site's Origin and, for writes, the
 * XSRF-TOKEN cookie back in X-XSRF-TOKEN as the console's axios does.
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    { csrf = true, origin = this.base }: { csrf?: boolean; origin?: string | null } = {},
  ): Promise<ConsoleAnswer<T>> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (origin && method !== 'GET') headers['origin'] = origin;
    if (csrf && method !== 'GET' && this.cookies.has('XSRF-TOKEN')) {
      headers['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN') as string;
    }
    let payload: string | undefined;
    if (body instanceof URLSearchParams) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = body.toString();
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(this.base + path, { method, headers, body: payload, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const cookie of setCookies) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: (isJson && text ? JSON.parse(text) : text) as T,
      text,
      setCookies,
    };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown = {}, options?: { csrf?: boolean; origin?: string | null }) {
    return this.request<T>('POST', path, body, options);
  }

  /** Logs in through the form and loads the dashboard (which hands out the XSRF-TOKEN cookie). */
  async login(account: { email: string; password: string }): Promise<ConsoleAnswer> {
    const answer = await this.post(
      '/admin/login',
      new URLSearchParams({ email: account.email, password: account.password }),
    );
    if (answer.status === 302 && answer.location?.endsWith('/admin')) await this.get('/admin');
    return answer;
  }

  /** The console's record list of a resource, filtered (`{ code: 'DPPA' }` → `filters.code=DPPA`). */
  async list(resource: string, filters: Record<string, string> = {}, perPage = 100) {
    const query = new URLSearchParams({ perPage: String(perPage), sortBy: 'id', direction: 'desc' });
    for (const [key, value] of Object.entries(filters)) query.set(`filters.${key}`, value);
    const answer = await this.get<{ records: { id: string; params: Record<string, unknown> }[] }>(
      `/admin/api/resources/${resource}/actions/list?${query}`,
    );
    if (answer.status !== 200)
      throw new Error(`list ${resource}: ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer.body.records;
  }

  /** Runs a console action (POST) and returns the screen it answers with. */
  async act(path: string, data: Record<string, string> = {}) {
    const answer = await this.post<{ console?: ConsoleScreen }>(`/admin/api/resources/${path}`, data);
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer.body.console as ConsoleScreen;
  }
}

export interface ConsoleScreen {
  title: string;
  success?: string;
  errors?: string[];
  warnings?: string[];
  facts?: [string, unknown][];
  texts?: { title: string; text: string }[];
}

/**
 * Opens the console, which sends the page to its login, logs `account` in and waits until the dashboard has settled: its diagram and
 * charts load bundles that leaving early would abort (a failed request the page watch reports).
 */
export async function logInInBrowser(page: Page, base: string, account: { email: string; password: string }) {
  // The console sends a stranger to its login page.
  await page.goto(`${base}/admin`);
  await page.waitForURL(/\/admin\/login$/);
  await page.fill('input[name=email]', account.email);
  await page.fill('input[name=password]', account.password);
  await page.click('button:has-text("Login")');
  await page.waitForSelector('[data-testid=dashboard], section');
  await page.waitForLoadState('networkidle');
}
