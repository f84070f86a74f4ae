import { readOrgTreeCsv } from '@cascade/dialogue';
import { DEFAULT_TREE_SEED } from '@cascade/persistence';
import { parseTreeGenerateArgs, treeGenerate } from './tree-generate';

describe('tree:generate', () => {
  it('reads the code, --seed and --scale, defaulting to the demo seed and scale 1', () => {
    expect(parseTreeGenerateArgs(['unama'])).toEqual({ code: 'UNAMA', seed: DEFAULT_TREE_SEED, scale: 1 });
    expect(parseTreeGenerateArgs(['--seed=7', 'UNAMA', '--scale', '2.5'])).toEqual({
      code: 'UNAMA',
      seed: 7,
      scale: 2.5,
    });
  });

  it('refuses a missing code, a second code, a bad number and anything else', () => {
    expect(() => parseTreeGenerateArgs([])).toThrow('an entity code is required');
    expect(() => parseTreeGenerateArgs(['UNAMA', 'UNAMI'])).toThrow("unknown argument 'UNAMI'");
    expect(() => parseTreeGenerateArgs(['UNAMA', '--seed', '-1'])).toThrow('--seed needs a whole number');
    expect(() => parseTreeGenerateArgs(['UNAMA', '--seed'])).toThrow('--seed needs a whole number');
    expect(() => parseTreeGenerateArgs(['UNAMA', '--scale', '0'])).toThrow('--scale needs a positive number');
    expect(() => parseTreeGenerateArgs(['UNAMA', '--depth', '3'])).toThrow("unknown argument '--depth'");
  });

  it('prints the CSV of an entity of the list, which the org-tree import reads; an unknown code is named', () => {
    const csv = treeGenerate(['ethics', '--seed', '3']);
    expect(readOrgTreeCsv(csv, 'en')).toHaveLength(15); // the Ethics Office's illustrative staff
    expect(treeGenerate(['ETHICS', '--seed', '3'])).toBe(csv);
    expect(treeGenerate(['ETHICS', '--seed', '4'])).not.toBe(csv);
    expect(readOrgTreeCsv(treeGenerate(['ETHICS', '--scale', '10']), 'en')).toHaveLength(150);
    expect(() => treeGenerate(['NOPE'])).toThrow("no entity 'NOPE' in the entity list");
  });
});
