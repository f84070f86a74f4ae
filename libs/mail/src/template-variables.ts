import Handlebars from 'handlebars';

/** What a template source refers to, found from its syntax tree (every branch, not only the rendered one). */
export interface TemplateReferences {
  /** Data paths, relative to the mail's data: `entity.name`, `entities[].code` for fields of list items. */
  paths: Set<string>;
  /** Partials it includes (`layout` is the layout, passed at render time). */
  partials: Set<string>;
  /** Chrome string keys passed as literals to `t`: `{{t "footer.sentBy"}}` → `footer.sentBy`. */
  stringKeys: Set<string>;
}

/** Block helpers whose body sees another context: `each` an item of the list, `with` the value itself. */
const ITEM_SCOPE: Partial<Record<string, (path: string) => string>> = {
  each: (p) => `${p}[]`,
  with: (p) => p,
};

/**
 * Lists what a template refers to. `helpers` are the names that are helpers rather than data (a bare
 * `{{date}}` would otherwise look like a variable).
 */
export function templateReferences(source: string, helpers: ReadonlySet<string>): TemplateReferences {
  const refs: TemplateReferences = { paths: new Set(), partials: new Set(), stringKeys: new Set() };
  walkProgram(Handlebars.parse(source), [''], refs, helpers);
  return refs;
}

function resolve(path: hbs.AST.PathExpression, scopes: string[]): string | undefined {
  if (path.data) {
    // @root.x is the mail data; @lang, @index and the like are frame values, not data.
    return path.parts[0] === 'root' && path.parts.length > 1 ? path.parts.slice(1).join('.') : undefined;
  }
  const base = scopes[Math.max(0, scopes.length - 1 - path.depth)];
  const rest = path.parts.join('.');
  if (!rest) return base || undefined; // `this`
  return base ? `${base}.${rest}` : rest;
}

function walkExpression(
  expr: hbs.AST.Expression,
  scopes: string[],
  refs: TemplateReferences,
  helpers: ReadonlySet<string>,
): void {
  if (expr.type === 'PathExpression') {
    const p = resolve(expr as hbs.AST.PathExpression, scopes);
    if (p) refs.paths.add(p);
  } else if (expr.type === 'SubExpression') {
    walkCall(expr as hbs.AST.SubExpression, scopes, refs, helpers);
  }
}

function walkCall(
  node: hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement,
  scopes: string[],
  refs: TemplateReferences,
  helpers: ReadonlySet<string>,
): void {
  const callee = node.path as hbs.AST.PathExpression;
  const isCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || helpers.has(callee.original);
  if (!isCall) {
    walkExpression(callee, scopes, refs, helpers);
    return;
  }
  if (callee.original === 't' && node.params.every((p) => p.type === 'StringLiteral')) {
    refs.stringKeys.add(node.params.map((p) => (p as hbs.AST.StringLiteral).value).join('.'));
  }
  for (const p of node.params) walkExpression(p, scopes, refs, helpers);
  for (const pair of node.hash?.pairs ?? []) walkExpression(pair.value, scopes, refs, helpers);
}

function walkProgram(
  program: hbs.AST.Program | undefined,
  scopes: string[],
  refs: TemplateReferences,
  helpers: ReadonlySet<string>,
): void {
  for (const statement of program?.body ?? []) {
    switch (statement.type) {
      case 'MustacheStatement':
        walkCall(statement as hbs.AST.MustacheStatement, scopes, refs, helpers);
        break;
      case 'BlockStatement': {
        const block = statement as hbs.AST.BlockStatement;
        walkCall(block, scopes, refs, helpers);
        const scopeOf = ITEM_SCOPE[(block.path as hbs.AST.PathExpression).original];
        const first = block.params[0];
        const inner =
          scopeOf && first?.type === 'PathExpression'
            ? [...scopes, scopeOf(resolve(first as hbs.AST.PathExpression, scopes) ?? '')]
            : scopes;
        walkProgram(block.program, inner, refs, helpers);
        walkProgram(block.inverse, scopes, refs, helpers);
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const partial = statement as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement;
        const name =
          partial.name.type === 'PathExpression' ? (partial.name as hbs.AST.PathExpression).original : '';
        if (name && name !== '@partial-block') refs.partials.add(name);
        for (const p of partial.params) walkExpression(p, scopes, refs, helpers);
        for (const pair of partial.hash?.pairs ?? []) walkExpression(pair.value, scopes, refs, helpers);
        if (statement.type === 'PartialBlockStatement') {
          walkProgram((statement as hbs.AST.PartialBlockStatement).program, scopes, refs, helpers);
        }
        break;
      }
      default:
        break; // content and comments
    }
  }
}
