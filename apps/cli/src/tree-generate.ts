import {
  DEFAULT_TREE_SEED,
  generateReportingTree,
  readDemoEntities,
  treeEntityOf,
} from '@cascade/persistence';

export const TREE_GENERATE_USAGE =
  'tree:generate <code> [--seed N] [--scale X]   print a generated reporting tree of an entity (CSV)';

export interface TreeGenerateArgs {
  code: string;
  seed: number;
  scale: number;
}

/** `UNAMA --seed 7 --scale 10` (also `--seed=7`); the code is matched case-insensitively. */
export function parseTreeGenerateArgs(args: string[]): TreeGenerateArgs {
  let code: string | undefined;
  const values: Record<string, number> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(seed|scale)(?:=(.*))?$/.exec(args[i]);
    if (!match) {
      if (args[i].startsWith('--') || code !== undefined)
        throw new Error(`unknown argument '${args[i]}'; usage: ${TREE_GENERATE_USAGE}`);
      code = args[i].toUpperCase();
      continue;
    }
    const text = match[2] ?? args[++i];
    const value = Number(text);
    const valid = match[1] === 'seed' ? Number.isSafeInteger(value) && value >= 0 : value > 0;
    if (text === undefined || text === '' || !Number.isFinite(value) || !valid)
      throw new Error(`--${match[1]} needs ${match[1] === 'seed' ? 'a whole number' : 'a positive number'}`);
    values[match[1]] = value;
  }
  if (!code) throw new Error(`an entity code is required; usage: ${TREE_GENERATE_USAGE}`);
  return { code, seed: values['seed'] ?? DEFAULT_TREE_SEED, scale: values['scale'] ?? 1 };
}

/** The CSV of one entity of the real list, as the org-tree import takes it. */
export function treeGenerate(args: string[]): string {
  const { code, seed, scale } = parseTreeGenerateArgs(args);
  const rows = readDemoEntities();
  const row = rows.find((r) => String(r.code).toUpperCase() === code);
  if (!row) throw new Error(`no entity '${code}' in the entity list (${rows.map((r) => r.code).join(', ')})`);
  return generateReportingTree(treeEntityOf(row), { seed, scale }).csv;
}
