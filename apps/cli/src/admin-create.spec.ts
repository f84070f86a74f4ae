import { parseAdminCreateArgs } from './admin-create';

describe('admin:create arguments', () => {
  it('reads --email and --role, the role defaulting to admin', () => {
    expect(parseAdminCreateArgs(['--email', 'a@un.org'])).toEqual({ email: 'a@un.org', role: 'admin' });
    expect(parseAdminCreateArgs(['--email=a@un.org', '--role=viewer'])).toEqual({
      email: 'a@un.org',
      role: 'viewer',
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
