import fc from 'fast-check';
import { STACK_API_KEY as API_KEY } from '@cascade/testing';

/**
 * One hostile request and what its answer must name. The answer passes when its status is 4xx (never 429: the
 * suite clears the rate limits) and it names at least one of the faults put in — and names nothing the case did
 * not touch, so that a wrong row number or a blamed innocent field fails too.
 */
export interface HostileCase {
  surface: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  /** Sent as is (already JSON, CSV or a form). */
  body?: string;
  contentType?: string;
  /** The admin key, or none (token links). */
  admin: boolean;
  /** Sent as well: the console's session cookie and CSRF token. */
  headers?: Record<string, string>;
  /** JSON answers (`issues`, `message`) or a token-link page (its error summary). */
  answer: 'json' | 'page';
  faults: Fault[];
}

export interface Fault {
  /** The field (dotted path) or CSV column the answer must name. */
  field: string;
  /** The line of a CSV file, the row of a JSON import (from 1); unset for anything else. */
  row?: number;
  /** Other names the answer may give the field (the domain's names for a DTO's, e.g. `illustrative_staff`). */
  also?: string[];
  /** Text the answer's message may contain instead (a 404 names the thing it did not find, not the field). */
  mention?: string;
  /**
   * Fields (with their row) the case wrote while putting the fault in: the answer may name them too. By default,
   * just the field.
   */
  touched?: string[];
}

/** Field names compared without case, punctuation or array brackets: `focal_points[0].name` = `focalPoints.0.name`. */
function segments(field: string): string[] {
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((s) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''));
}

/** One names the other or a field inside it (`topic` covers `topic.en`, and the reverse). */
export function sameField(a: string, b: string): boolean {
  const x = segments(a);
  const y = segments(b);
  const n = Math.min(x.length, y.length);
  if (n === 0) return x.length === y.length;
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

const namesOf = (fault: Fault) => [fault.field, ...(fault.also ?? [])];

export interface Issue {
  field: string;
  row?: number;
  message?: string;
}

/** The reasons an answer does not do what the case asks; empty when it does. */
export function judgeJson(hostile: HostileCase, status: number, body: unknown): string[] {
  const problems: string[] = [];
  if (status < 400 || status >= 500 || status === 429) problems.push(`status ${status}, expected a 4xx`);
  const answer = (typeof body === 'object' && body !== null ? body : {}) as {
    message?: unknown;
    issues?: Issue[];
  };
  const message =
    typeof answer.message === 'string' ? answer.message : JSON.stringify(answer.message ?? body);
  const issues = Array.isArray(answer.issues) ? answer.issues : [];
  const rowMatches = (fault: Fault, issue: Issue) => fault.row === undefined || fault.row === issue.row;
  // A broken CSV line can still parse, its cells shifted (an unclosed quote closed by the next faulty line): any
  // cell of that line may then be the one blamed.
  const wholeLine = (fault: Fault, issue: Issue) =>
    fault.field === 'csv' && fault.row !== undefined && fault.row === issue.row;
  const named = hostile.faults.some(
    (fault) =>
      issues.some(
        (issue) =>
          wholeLine(fault, issue) ||
          (rowMatches(fault, issue) && namesOf(fault).some((n) => sameField(n, issue.field))),
      ) ||
      (issues.length === 0 && fault.mention !== undefined && message.includes(fault.mention)),
  );
  if (!named) problems.push(`the answer names none of ${describeFaults(hostile.faults)}`);
  // Nothing the case did not touch may be blamed (a wrong CSV line, an innocent field).
  for (const issue of issues) {
    const touched = hostile.faults.some(
      (fault) =>
        wholeLine(fault, issue) ||
        ((fault.row === undefined || issue.row === undefined || fault.row === issue.row) &&
          [...namesOf(fault), ...(fault.touched ?? [])].some((n) => sameField(n, issue.field))),
    );
    if (!touched)
      problems.push(
        `blames ${issue.row ? `row ${issue.row}, ` : ''}${issue.field}, which the case did not touch`,
      );
  }
  if (!message || message === '{}') problems.push('the answer has no message');
  return problems;
}

export function describeFaults(faults: Fault[]): string {
  return faults.map((f) => (f.row ? `row ${f.row} ${f.field}` : f.field)).join(', ');
}

function shorten(value: string, max = 300): string {
  return value.length > max ? `${value.slice(0, max)}… (${value.length} characters)` : value;
}

/** How fast-check prints a case when it fails: the request, cut short, and its faults. */
export function printable(hostile: HostileCase): HostileCase {
  return Object.assign(hostile, {
    [fc.toStringMethod]: () =>
      `${hostile.method} ${shorten(hostile.path, 200)} ${hostile.contentType ?? ''}\n  body: ${shorten(
        JSON.stringify(hostile.body ?? null),
      )}\n  faults: ${describeFaults(hostile.faults)}`,
  });
}

export interface Sent {
  status: number;
  text: string;
  json: unknown;
  contentType: string;
}

/** Sends a case as is, with the admin key when the case is an admin one. */
export async function send(base: string, hostile: HostileCase): Promise<Sent> {
  const headers: Record<string, string> = { ...hostile.headers };
  if (hostile.admin) headers['x-api-key'] = API_KEY;
  if (hostile.contentType) headers['content-type'] = hostile.contentType;
  const response = await fetch(base + hostile.path, {
    method: hostile.method,
    headers,
    body: hostile.body,
    redirect: 'manual',
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let json: unknown = undefined;
  if (contentType.includes('json') && text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, text, json, contentType };
}

// ---------------------------------------------------------------------------------------------------------------
// Bodies built from a valid one by mutations, each of which puts in a fault and says so.

export type Body = Record<string, unknown>;

export interface Mutation {
  faults: Fault[];
  apply(body: Body): void;
}

function setPath(body: Body, path: string[], value: unknown): void {
  let target = body as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  if (value === undefined) delete target[path[path.length - 1]];
  else
    Object.defineProperty(target, path[path.length - 1], {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/** Where a mutation writes: the field's own path, or the same under `prefix` (a row of a list). */
export interface At {
  prefix?: string;
}

const pathOf = (field: string, { prefix }: At) => (prefix ? `${prefix}.${field}` : field).split('.');

/** Sets `field` (a dotted path) to a bad value; the fault is the field. */
export function badValue(
  field: string,
  values: fc.Arbitrary<unknown>,
  fault: Partial<Fault> = {},
  at: At = {},
): fc.Arbitrary<Mutation> {
  return values.map((value) => ({
    faults: [{ field, ...fault }],
    apply: (body) => setPath(body, pathOf(field, at), value),
  }));
}

/** Removes a required field. */
export function missing(field: string, fault: Partial<Fault> = {}, at: At = {}): fc.Arbitrary<Mutation> {
  return fc.constant({
    faults: [{ field, ...fault }],
    apply: (body: Body) => setPath(body, pathOf(field, at), undefined),
  });
}

/** Adds a field the request does not have (at the top, or inside `under`). */
export function extraField(
  known: readonly string[],
  keys: fc.Arbitrary<string>,
  under?: string,
): fc.Arbitrary<Mutation> {
  return fc
    .tuple(
      keys.filter((key) => !known.includes(key)),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([key, value]) => {
      const path = under ? [...under.split('.'), key] : [key];
      return {
        faults: [{ field: path.join('.'), mention: key }],
        apply: (body: Body) => setPath(body, path, value),
      };
    });
}

/** A JSON request of the API, from a body and its faults. */
export function jsonCase(
  surface: string,
  method: HostileCase['method'],
  path: string,
  bodies: fc.Arbitrary<{ body: unknown; faults: Fault[] }>,
  { admin = true }: { admin?: boolean } = {},
): fc.Arbitrary<HostileCase> {
  return bodies.map(({ body, faults }) =>
    printable({
      surface,
      method,
      path,
      body: JSON.stringify(body),
      contentType: 'application/json',
      admin,
      answer: 'json',
      faults,
    }),
  );
}

/** Several fields set together into a combination the rules forbid (each value valid on its own). */
export function rule(fault: Fault, values: fc.Arbitrary<Body>, at: At = {}): fc.Arbitrary<Mutation> {
  return values.map((patch) => ({
    faults: [{ ...fault, touched: [...(fault.touched ?? []), ...Object.keys(patch)] }],
    apply: (body) => {
      for (const [key, value] of Object.entries(patch)) setPath(body, pathOf(key, at), value);
    },
  }));
}

/** A valid body with one to three mutations applied: at least one fault always holds. */
export function mutated(valid: fc.Arbitrary<Body>, mutations: fc.Arbitrary<Mutation>[], maxFaults = 3) {
  return fc
    .tuple(valid, fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: maxFaults }))
    .map(([body, applied]) => {
      const copy = structuredClone(body);
      for (const m of applied) m.apply(copy);
      return { body: copy, faults: applied.flatMap((m) => m.faults) };
    });
}
