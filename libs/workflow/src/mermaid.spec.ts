import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinition } from './definition.loader';
import { toMermaid } from './mermaid';

const def = parseDefinition(
  readFileSync(join(__dirname, '../../../workflows/leadership-dialogue.v1.yaml'), 'utf8'),
  'v1',
);
const id = (s: string) => s.replace(/-/g, '_');

describe('toMermaid', () => {
  const text = toMermaid(def);

  it('is a stateDiagram-v2 starting at the initial state', () => {
    expect(text).toContain('stateDiagram-v2\n');
    expect(text).toContain('  [*] --> pending\n');
  });

  it('declares every state with its name and description, and marks final ones', () => {
    for (const [name, s] of Object.entries(def.states)) {
      expect(text).toContain(`  state "${name}" as ${id(name)}\n`);
      expect(text).toContain(`  ${id(name)} : ${s.description.replace(/;/g, '#59;')}\n`);
      expect(text.includes(`  ${id(name)} --> [*]\n`)).toBe(s.final);
    }
  });

  it('draws every transition labelled with its event and guard', () => {
    for (const t of def.transitions) {
      for (const from of t.from) {
        const label = t.event + (t.guard ? ` [${t.guard}]` : '');
        const targets = t.to === '$target' ? def.overrides[from] : [t.to];
        for (const to of targets) {
          expect(text).toContain(
            `  ${id(from)} --> ${id(to)} : ${label}${t.to === '$target' ? ' (admin)' : ''}\n`,
          );
        }
      }
    }
    expect(text).toContain('  overdue --> cascading : grant-extension [has-sessions]\n');
    expect(text).toContain('  overdue --> invited : grant-extension [no-sessions]\n');
  });

  it('writes a semicolon of a description as Mermaid’s #59;, so that it does not end the statement', () => {
    expect(def.states['invited'].description).toContain(';');
    expect(text).toContain(
      '  invited : Focal Points and the Head of Entity are invited#59; no session recorded yet.\n',
    );
    expect(text.split('\n').filter((l) => l.includes(';') && !l.includes('#59;'))).toEqual([]);
  });

  it('matches the committed diagram file', () => {
    const committed = readFileSync(join(__dirname, '../../../workflows/leadership-dialogue.v1.mmd'), 'utf8');
    expect(committed).toBe(text);
  });
});
