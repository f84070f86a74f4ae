import { parseAdminCreateArgs } from './admin-create';

describe('admin:create arguments', () => {
  it('reads --email, --role and --language, the role defaulting to admin and the language to English', () => {
    expect(parseAdminCreateArgs(['--email', 'a@un.org'])).toEqual({
      email: 'a@un.org',
      role: 'admin',
      language: 'en',
    });
    expect(parseAdminCreateArgs(['--email=a@un.org', '--role=viewer', '--language', 'fr'])).toEqual({
      email: 'a@un.org',
      role: 'viewer',
      language: 'fr',
    });
  });

  it('refuses a missing address, a missing value and anything else (a password never comes as an argument)', () => {
    expect(() => parseAdminCreateArgs([])).toThrow('--email is required');
    expect(() => parseAdminCreateArgs(['--email', '--role', 'admin'])).toThrow('--email needs a value');
    expect(() => parseAdminCreateArgs(['--email', 'a@un.org', '--password', 'x'])).toThrow(
      "unknown argument '--password'",
    );
  });
});
