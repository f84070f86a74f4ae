import { TARGET_FROM_PAYLOAD, type WorkflowDefinition } from './definition.schema';

/** Mermaid ids cannot contain '-', so states are declared with their real name as the label. */
function id(state: string): string {
  return state.replace(/-/g, '_');
}

/** Text on one line, without what Mermaid would read as syntax: a ';' ends a statement there (#59; is one). */
function quote(text: string): string {
  return text
    .replace(/"/g, "'")
    .replace(/[\r\n]+/g, ' ')
    .replace(/;/g, '#59;');
}

/** A stateDiagram-v2 for people to read; every transition is labelled `event [guard]`. */
export function toMermaid(def: WorkflowDefinition): string {
  const lines = ['---', `title: ${quote(def.title)} (v${def.version})`, '---', 'stateDiagram-v2'];
  for (const [name, s] of Object.entries(def.states)) {
    lines.push(`  state "${name}" as ${id(name)}`);
    lines.push(`  ${id(name)} : ${quote(s.description)}`);
  }
  lines.push(`  [*] --> ${id(def.initial)}`);
  const seen = new Set<string>();
  const edge = (from: string, to: string, label: string) => {
    const line = `  ${id(from)} --> ${id(to)} : ${label}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  };
  for (const t of def.transitions) {
    for (const from of t.from) {
      const label = t.event + (t.guard ? ` [${t.guard}]` : '');
      if (t.to === TARGET_FROM_PAYLOAD) {
        for (const target of def.overrides[from] ?? []) edge(from, target, `${label} (admin)`);
      } else edge(from, t.to, label);
    }
  }
  for (const [name, s] of Object.entries(def.states)) if (s.final) lines.push(`  ${id(name)} --> [*]`);
  return lines.join('\n') + '\n';
}
