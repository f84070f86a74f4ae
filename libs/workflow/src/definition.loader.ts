import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { DefinitionInvalid, type DefinitionIssue } from './errors';
import { checkConsistency } from './definition-consistency';
import { definitionSchema, type WorkflowDefinition } from './definition.schema';

/** Parses and validates a workflow definition; throws DefinitionInvalid listing every issue found. */
export function parseDefinition(yamlText: string, source: string): WorkflowDefinition {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DefinitionInvalid(
      source,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return {
          path: pos ? `line ${pos.line}, column ${pos.col}` : '(yaml)',
          message: firstLine(e.message),
        };
      }),
    );
  }
  const parsed = definitionSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new DefinitionInvalid(source, parsed.error.issues.map(fromZodIssue));
  const issues = checkConsistency(parsed.data);
  if (issues.length > 0) throw new DefinitionInvalid(source, issues);
  return parsed.data;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

function fromZodIssue(issue: z.core.$ZodIssue): DefinitionIssue {
  return { path: formatPath(issue.path), message: issue.message };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}
