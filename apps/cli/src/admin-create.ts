import type { MikroORM } from '@mikro-orm/core';
import { AdminUserService, SystemClock, type AdminUser } from '@cascade/dialogue';

export const ADMIN_CREATE_USAGE =
  'admin:create --email <address> [--role admin|viewer] [--language en|fr]   password from ADMIN_PASSWORD or standard input';

/**
 * `--email a@b --role viewer --language fr` (also `--email=a@b`); the role defaults to admin, the console's
 * language to English (the service refuses any other than en and fr).
 */
export function parseAdminCreateArgs(args: string[]): { email: string; role: string; language: string } {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(email|role|language)(?:=(.*))?$/.exec(args[i]);
    if (!match) throw new Error(`unknown argument '${args[i]}'; usage: ${ADMIN_CREATE_USAGE}`);
    const value = match[2] ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${match[1]} needs a value`);
    values[match[1]] = value;
  }
  if (!values['email']) throw new Error(`--email is required; usage: ${ADMIN_CREATE_USAGE}`);
  return { email: values['email'], role: values['role'] ?? 'admin', language: values['language'] ?? 'en' };
}

/** The first line of standard input (a pipe or a file); on a terminal, typed without echo. */
export async function readPassword(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (stdin.isTTY) {
    process.stdout.write('Password (not shown): ');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    return new Promise((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            process.stdout.write('\n');
            return resolve(typed);
          }
          if (ch === '\u0003') {
            stdin.setRawMode(false);
            return reject(new Error('cancelled'));
          }
          typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
        }
      };
      stdin.on('data', onData);
    });
  }
  let text = '';
  for await (const chunk of stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? '';
}

/** Creates a console account; the password never comes from a default. */
export async function createAdmin(
  orm: MikroORM,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<AdminUser> {
  const { email, role, language } = parseAdminCreateArgs(args);
  const password = env['ADMIN_PASSWORD'] || (await readPassword());
  const service = new AdminUserService(orm.em, new SystemClock());
  return service.create({ email, password, role, language }, 'system: cli admin:create');
}
