import { createHash } from 'node:crypto';
import { adminJsScriptHashes, consolePolicy } from './console-csp';

const sha = (script: string) => `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;

/** A page the way AdminJS 7.8's layout template writes it, around a state whose JSON is given. */
const layout = (state: string) => {
  const head = `
        window.REDUX_STATE = ${state};
        window.THEME = {"colors":{"primary100":"#4268F6"}};
        window.THEME_COMPONENTS = {};
        window.AdminJS = { Components: {} };
      `;
  const body = `
        var app = document.getElementById('app');
        var root = createRoot(app)
        root.render(AdminJS.Application);
      `;
  return {
    html: `<!DOCTYPE html><html><head><script>${head}</script><script src="/admin/frontend/assets/app.bundle.js"></script></head><body><div id="app" /><script>${body}</script></body></html>`,
    head,
    body,
  };
};

/** The login page's attributes script, as login-template.js writes it. */
const loginState = (attributes: string) => `
        try {
          window.__APP_STATE__ = JSON.parse('${attributes}');
        } catch (e) {
          console.log(e)
          window.__APP_STATE__ = {};
        }
      `;

describe('the console’s Content-Security-Policy', () => {
  it('allows scripts from this origin only, never inline ones by default', () => {
    const policy = consolePolicy();
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('allows AdminJS’s own inline scripts by their hash', () => {
    const page = layout('{"session":{"email":"alice@un.org"},"paths":{"rootPath":"/admin"}}');
    expect(adminJsScriptHashes(page.html)).toEqual([sha(page.head), sha(page.body)]);
    const login = loginState('{"action":"/admin/login","errorMessage":"invalidCredentials"}');
    expect(adminJsScriptHashes(`<head><script>${login}</script></head>`)).toEqual([sha(login)]);
    expect(consolePolicy([sha(login)])).toContain(`script-src 'self' '${sha(login)}';`);
  });

  it('allows nothing smuggled in through a value that closes AdminJS’s script early', () => {
    const page = layout('{"session":{"email":"</script><script>alert(document.cookie)</script>"}}');
    const hashes = adminJsScriptHashes(page.html);
    // The render call still has its shape; the cut-off state and the smuggled script have none.
    expect(hashes).toEqual([sha(page.body)]);
    const smuggled = `<script>window.REDUX_STATE = {};alert(1);
window.THEME = {};
window.AdminJS = { Components: {} };</script>`;
    expect(adminJsScriptHashes(smuggled)).toEqual([]);
    const quoteBreak = loginState(`{"errorMessage":"x'); alert(1); ('"}`);
    expect(adminJsScriptHashes(`<script>${quoteBreak}</script>`)).toEqual([]);
    expect(adminJsScriptHashes('<script>alert(1)</script><script>\n</script>')).toEqual([]);
  });
});
