import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/**
 * The console's Content-Security-Policy: scripts only from this origin, plus, on AdminJS's own pages, the inline
 * scripts AdminJS writes into them, each allowed by its SHA-256 (no 'unsafe-inline' for scripts). AdminJS 7 has
 * no nonce option: its page templates write three inline scripts of fixed shape (the Redux state and theme as
 * JSON, the login's attributes as a string literal, the call that renders the application). A script is allowed
 * only when it has exactly one of those shapes with well-formed values; anything else (a script smuggled in
 * through a value that closed AdminJS's script early) is not, and the browser refuses to run it.
 * Styles keep 'unsafe-inline': AdminJS, its design system and the queue board style elements inline.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
];

export function consolePolicy(scriptHashes: readonly string[] = []): string {
  const scripts = ["script-src 'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' ');
  return [DIRECTIVES[0], scripts, ...DIRECTIVES.slice(1)].join('; ');
}

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** A single-quoted JavaScript string with nothing that could end it early. */
const QUOTED = /^'(?:[^'\\\n\r\u2028\u2029]|\\[^\n\r\u2028\u2029])*'$/;

/** Each shape: the script's lines (trimmed, blank ones left out), each a fixed text or a test of the line. */
type Line = string | ((line: string) => boolean);
const assigned = (name: string) => (line: string) =>
  line.startsWith(`${name} = `) && line.endsWith(';') && isJson(line.slice(name.length + 3, -1));

const SHAPES: Line[][] = [
  // The state of every page (layout-template.js, login-template.js).
  [
    assigned('window.REDUX_STATE'),
    assigned('window.THEME'),
    'window.THEME_COMPONENTS = {};',
    'window.AdminJS = { Components: {} };',
  ],
  [assigned('window.REDUX_STATE'), assigned('window.THEME'), 'window.AdminJS = { Components: {} };'],
  // The login page's attributes (its error message): JSON in a string literal.
  [
    'try {',
    (line) =>
      line.startsWith('window.__APP_STATE__ = JSON.parse(') &&
      line.endsWith(');') &&
      QUOTED.test(line.slice('window.__APP_STATE__ = JSON.parse('.length, -2)),
    '} catch (e) {',
    'console.log(e)',
    'window.__APP_STATE__ = {};',
    '}',
  ],
  // The calls that render the application and the login page.
  [
    "var app = document.getElementById('app');",
    'var root = createRoot(app)',
    'root.render(AdminJS.Application);',
  ],
  [
    "var app = document.getElementById('app');",
    'var root = createRoot(app);',
    'const CustomLoginApplication = AdminJS.UserComponents && AdminJS.UserComponents.LoginApplication;',
    'const LoginApplication = AdminJS.LoginApplication;',
    'root.render(LoginApplication);',
  ],
];

function hasShape(script: string): boolean {
  const lines = script
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return SHAPES.some(
    (shape) =>
      shape.length === lines.length &&
      shape.every((expected, i) =>
        typeof expected === 'string' ? expected === lines[i] : expected(lines[i]),
      ),
  );
}

/** The hashes (`sha256-…`) of the inline scripts of a page that are AdminJS's own. */
export function adminJsScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, script] of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
    if (hasShape(script))
      hashes.add(`sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`);
  }
  return [...hashes];
}

/**
 * Sets the policy on every answer: a page's own inline scripts are allowed by hash, worked out from the page as
 * it is sent; anything else gets the policy without any.
 */
export function consoleContentSecurity(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', consolePolicy());
    const send = res.send.bind(res) as Response['send'];
    res.send = ((body?: unknown) => {
      // Express makes a string without a type HTML (AdminJS sends its pages so); res.json sets its own type.
      const type = String(res.getHeader('Content-Type') ?? 'text/html');
      if (typeof body === 'string' && type.includes('html') && body.includes('<script>')) {
        res.setHeader('Content-Security-Policy', consolePolicy(adminJsScriptHashes(body)));
      }
      return send(body);
    }) as Response['send'];
    next();
  };
}
