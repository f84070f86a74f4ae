import type { CascadeNode, CascadeProgress } from '../portal/portal.types';
import { readCsv } from '../shared/csv';
import { FieldChecks } from '../shared/field-checks';
import { ValidationFailed, type FieldIssue } from '../shared/errors';
import { isLanguage, LANGUAGES, type Language } from '../shared/languages';

export interface TreePersonInput {
  name: string;
  email: string;
  managerEmail: string | null;
  language: Language;
  isManager: boolean;
}

const YES = ['yes', 'y', 'true', '1', 'oui', 'sí', 'si'];
const NO = ['no', 'n', 'false', '0', 'non'];

/**
 * Reads and checks an entity's reporting tree (`name,email,manager_email,language,is_manager`): every problem
 * named with its line, and nothing returned unless all of it is right — one person per address, every manager
 * in the file, no cycle. An empty `is_manager` means "has reports"; an empty language, the entity's.
 */
export function readOrgTreeCsv(text: string, entityLanguage: Language): TreePersonInput[] {
  const rows = readCsv(text, ['name', 'email', 'manager_email'], ['language', 'is_manager']);
  const issues: FieldIssue[] = [];
  const people: (TreePersonInput & { row: number; managerFlag: boolean | null })[] = [];
  const rowOf = new Map<string, number>();
  for (const { row, cell } of rows) {
    const check = new FieldChecks(row);
    const name = cell('name');
    const email = cell('email')?.toLowerCase();
    const manager = cell('manager_email')?.toLowerCase() || null;
    const language = cell('language')?.toLowerCase() || entityLanguage;
    const flag = cell('is_manager')?.toLowerCase() ?? '';
    check.text('name', name, { max: 200 });
    const emailOk = check.email('email', email);
    if (manager !== null) check.email('manager_email', manager);
    if (!isLanguage(language))
      check.fail('language', 'one-of', `must be one of ${LANGUAGES.join(', ')}`, {
        values: LANGUAGES.join(', '),
      });
    if (flag && !YES.includes(flag) && !NO.includes(flag))
      check.fail('is_manager', 'yes-or-no', 'must be yes or no');
    if (emailOk && rowOf.has(email as string)) {
      check.fail('email', 'duplicate-email', `is already on line ${rowOf.get(email as string)}`, {
        line: rowOf.get(email as string) ?? 0,
      });
    }
    if (emailOk && manager === email)
      check.fail('manager_email', 'own-manager', 'a person cannot be their own manager');
    if (emailOk && !rowOf.has(email as string)) rowOf.set(email as string, row);
    issues.push(...check.issues);
    people.push({
      row,
      name: name ?? '',
      email: email ?? '',
      managerEmail: manager,
      language: (isLanguage(language) ? language : entityLanguage) as Language,
      isManager: false,
      managerFlag: flag ? YES.includes(flag) : null,
    });
  }
  // Only a valid address in the file links a report to a manager: a bad one is reported on its own line already.
  const hasReports = new Set(
    people.map((p) => p.managerEmail).filter((m): m is string => m !== null && rowOf.has(m)),
  );
  for (const person of people) {
    if (person.managerEmail && !rowOf.has(person.managerEmail)) {
      issues.push({
        row: person.row,
        field: 'manager_email',
        code: 'manager-not-in-file',
        message: `${person.managerEmail} is not in the file`,
        params: { email: person.managerEmail },
      });
    }
    if (person.managerFlag === false && hasReports.has(person.email)) {
      issues.push({
        row: person.row,
        field: 'is_manager',
        code: 'reports-make-manager',
        message: 'has reports in the file, so is a manager',
      });
    }
    person.isManager = person.managerFlag ?? hasReports.has(person.email);
  }
  issues.push(...cycles(people));
  if (people.length === 0) issues.push({ field: 'csv', code: 'no-person', message: 'no person in the file' });
  if (issues.length > 0) throw new ValidationFailed(issues);
  return people.map(({ name, email, managerEmail, language, isManager }) => ({
    name,
    email,
    managerEmail,
    language,
    isManager,
  }));
}

function cycles(people: { row: number; email: string; managerEmail: string | null }[]): FieldIssue[] {
  const managerOf = new Map(people.map((p) => [p.email, p.managerEmail]));
  const issues: FieldIssue[] = [];
  for (const person of people) {
    const seen = new Set<string>([person.email]);
    for (let m = person.managerEmail; m; m = managerOf.get(m) ?? null) {
      if (seen.has(m)) {
        issues.push({
          row: person.row,
          field: 'manager_email',
          code: 'reporting-cycle',
          message: 'the reporting lines form a cycle',
        });
        break;
      }
      seen.add(m);
    }
  }
  return issues;
}

/**
 * Cascade progress: managers who led a session / managers in the tree, and who is next — managers who have not
 * led one yet while their own manager has (or who have no manager in the tree). Shown, never enforced.
 */
export function cascadeProgress(
  people: { name: string; email: string; managerEmail: string | null; isManager: boolean }[],
  sessionsByLeader: Map<string, number>,
): CascadeProgress {
  const inTree = new Set(people.map((p) => p.email));
  const led = (email: string | null) => !!email && (sessionsByLeader.get(email) ?? 0) > 0;
  const tree: CascadeNode[] = people.map((p) => {
    const sessionsLed = sessionsByLeader.get(p.email) ?? 0;
    const topOfTree = !p.managerEmail || !inTree.has(p.managerEmail);
    return {
      name: p.name,
      email: p.email,
      managerEmail: p.managerEmail,
      isManager: p.isManager,
      sessionsLed,
      next: p.isManager && sessionsLed === 0 && (topOfTree || led(p.managerEmail)),
    };
  });
  const managers = tree.filter((n) => n.isManager);
  const managersWhoLed = managers.filter((n) => n.sessionsLed > 0).length;
  return {
    managers: managers.length,
    managersWhoLed,
    ratio: managers.length === 0 ? null : managersWhoLed / managers.length,
    next: tree.filter((n) => n.next).map((n) => ({ name: n.name, email: n.email })),
    tree,
  };
}
