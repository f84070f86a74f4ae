import { ConfigInvalid, loadConfig } from './config';
import { parseMailAddress } from './mail-address';

const FROM = { MAIL_FROM: 'Ethics Office <ethics@example.org>' };
const smtpOf = (env: NodeJS.ProcessEnv) => loadConfig(env).smtp;

function issuesOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigInvalid) return error.issues.map((i) => `${i.variable}: ${i.message}`);
    throw error;
  }
  throw new Error('expected ConfigInvalid');
}

describe('config.smtp', () => {
  it('is undefined unless SMTP_URL or SMTP_HOST is set and not empty: mail is then composed and logged only', () => {
    expect(smtpOf({})).toBeUndefined();
    expect(smtpOf({ SMTP_URL: '', SMTP_HOST: '' })).toBeUndefined();
    expect(smtpOf({ SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_PORT: '25' })).toBeUndefined();
    expect(smtpOf({ ...FROM, SMTP_URL: 'smtp://relay.example.org:587' })).toBeDefined();
    expect(smtpOf({ ...FROM, SMTP_HOST: 'relay.example.org' })).toBeDefined();
  });

  it('reads an smtp:// URL with credentials, percent-decoded', () => {
    const smtp = smtpOf({ ...FROM, SMTP_URL: 'smtp://ethics%40un:p%2Fss@mail.example.org:2525' });
    expect(smtp).toMatchObject({
      host: 'mail.example.org',
      port: 2525,
      secure: false,
      auth: { user: 'ethics@un', pass: 'p/ss' },
      from: { name: 'Ethics Office', address: 'ethics@example.org' },
      maxConnections: 5,
      tlsRejectUnauthorized: true,
    });
    expect(smtp?.rateLimitPerSecond).toBeUndefined();
  });

  it('takes smtps:// as implicit TLS on 465, and smtp:// without a port as submission on 587', () => {
    expect(smtpOf({ ...FROM, SMTP_URL: 'smtps://relay.example.org' })).toMatchObject({
      secure: true,
      port: 465,
      auth: undefined,
    });
    expect(smtpOf({ ...FROM, SMTP_URL: 'smtp://relay.example.org' })?.port).toBe(587);
  });

  it('reads the separate variables', () => {
    expect(
      smtpOf({
        ...FROM,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: '1025',
        SMTP_SECURE: 'false',
        SMTP_IGNORE_TLS: 'true',
        SMTP_USER: 'u',
        SMTP_PASSWORD: 'p',
        SMTP_RATE_LIMIT: '10',
        SMTP_MAX_CONNECTIONS: '2',
        SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
      }),
    ).toEqual({
      host: '127.0.0.1',
      port: 1025,
      secure: false,
      requireTLS: false,
      ignoreTLS: true,
      auth: { user: 'u', pass: 'p' },
      from: { name: 'Ethics Office', address: 'ethics@example.org' },
      rateLimitPerSecond: 10,
      maxConnections: 2,
      tlsRejectUnauthorized: false,
    });
  });

  it('treats empty variables as unset', () => {
    expect(smtpOf({ ...FROM, SMTP_URL: 'smtp://h', SMTP_HOST: '', SMTP_RATE_LIMIT: '' })?.host).toBe('h');
  });

  it('names every bad variable', () => {
    expect(issuesOf({ SMTP_HOST: 'h' })).toEqual([expect.stringMatching(/^MAIL_FROM: is required/)]);
    expect(issuesOf({ ...FROM, SMTP_URL: 'http://x' })).toEqual([
      expect.stringMatching(/^SMTP_URL: must be/),
    ]);
    expect(issuesOf({ ...FROM, SMTP_URL: 'smtp://a', SMTP_HOST: 'b' })).toEqual([
      'SMTP_URL: give SMTP_URL or SMTP_HOST, not both',
    ]);
    expect(issuesOf({ MAIL_FROM: 'Ethics Office', SMTP_HOST: 'h' })).toEqual([
      expect.stringMatching(/^MAIL_FROM: must be an address/),
    ]);
    expect(issuesOf({ ...FROM, SMTP_HOST: 'h', SMTP_PORT: '70000', SMTP_RATE_LIMIT: '0' })).toEqual([
      expect.stringMatching(/^SMTP_PORT:/),
      'SMTP_RATE_LIMIT: must be at least 1 message per second',
    ]);
    expect(issuesOf({ ...FROM, SMTP_HOST: 'h', SMTP_USER: 'u' })).toEqual([
      'SMTP_PASSWORD: is required when a user is given',
    ]);
    expect(issuesOf({ ...FROM, SMTP_HOST: 'h', SMTP_PASSWORD: 'p' })).toEqual([
      'SMTP_USER: is required when a password is given',
    ]);
    expect(issuesOf({ ...FROM, SMTP_HOST: 'h', SMTP_REQUIRE_TLS: 'yes', SMTP_IGNORE_TLS: 'yes' })).toEqual([
      'SMTP_IGNORE_TLS: contradicts SMTP_REQUIRE_TLS',
    ]);
    expect(issuesOf({ ...FROM, SMTP_HOST: 'h', SMTP_SECURE: 'maybe' })).toEqual([
      expect.stringMatching(/^SMTP_SECURE:/),
    ]);
    expect(issuesOf({ ...FROM, SMTP_HOST: 'h', SMTP_MAX_CONNECTIONS: '51' })).toEqual([
      expect.stringMatching(/^SMTP_MAX_CONNECTIONS:/),
    ]);
    expect(issuesOf({ ...FROM, SMTP_HOST: 'h', SMTP_TLS_REJECT_UNAUTHORIZED: 'perhaps' })).toEqual([
      expect.stringMatching(/^SMTP_TLS_REJECT_UNAUTHORIZED:/),
    ]);
  });
});

describe('parseMailAddress', () => {
  it('reads "Name <address>", a quoted name and a bare address', () => {
    expect(parseMailAddress('Ethics Office <ethics@example.org>')).toEqual({
      name: 'Ethics Office',
      address: 'ethics@example.org',
    });
    expect(parseMailAddress('"Bureau de la déontologie" <deontologie@example.org>')).toEqual({
      name: 'Bureau de la déontologie',
      address: 'deontologie@example.org',
    });
    expect(parseMailAddress('ethics@example.org')).toEqual({ name: '', address: 'ethics@example.org' });
  });

  it('refuses what is not an address, and keeps control characters out of the name', () => {
    expect(parseMailAddress('Ethics <not an address>')).toBeUndefined();
    expect(parseMailAddress('a@b.org, c@d.org')).toBeUndefined();
    expect(parseMailAddress('Ethics\u2028Bcc: x <ethics@example.org>')?.name).toBe('Ethics Bcc: x');
  });
});
