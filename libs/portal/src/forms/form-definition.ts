import type {
  FieldIssue,
  PortalCascadeService,
  PortalContext,
  PortalService,
  TokenRole,
} from '@cascade/dialogue';
import type { Flash, RoleView } from '../page-input';
import type { PortalLinks } from '../portal-links';
import type { AgencyRow, FormBody } from './form-body';

/** A single-value input of a form, with its label's string key (`views/strings/<lang>.json`). */
export interface FormField {
  name: string;
  label: string;
  /** The domain refuses the form without it: its label says so and the input carries `aria-required`. */
  required?: boolean;
}

/** What a form shows before anything was typed (the data already saved). */
export interface FormPrefill {
  values?: Record<string, string>;
  rows?: AgencyRow[];
}

/** What a form's handler may call. */
export interface FormServices {
  portal: PortalService;
  cascade: PortalCascadeService;
  links: PortalLinks;
}

/**
 * Everything the pages know of one form. `name` is the path it posts to (`/p/:token/<name>`), the scope of its
 * CSRF token, the prefix of its inputs' ids and its `done.<name>` string; the role's page template holds the
 * markup (`{{#with forms.<name> as |form|}}`).
 */
export interface FormSpec<N extends string, I> {
  readonly name: N;
  /** Which links may use it (the domain checks again; this decides what a page shows and what a POST may do). */
  readonly roles: readonly TokenRole[];
  /** The single-value inputs, in page order. */
  readonly fields: readonly FormField[];
  /** Repeated agency / count rows (`agency[]`, `count[]`): participants from other agencies. */
  readonly agencyRows?: boolean;
  /**
   * The input the agency rows follow on the page (the end of the form by default): where their errors come in
   * the summary's order.
   */
  readonly agencyRowsAfter?: string;
  /** The domain's field names that are not an input's name or its prefix (`split.part` → `splitPart`). */
  readonly issueFields?: Readonly<Record<string, string>>;
  /**
   * For a domain field that two inputs make together (a date and a time make `startsAt`): which input an issue
   * belongs to, from what was typed; null leaves it to `issueFields` and the names.
   */
  readonly issueField?: (issue: FieldIssue, body: FormBody) => string | null;
  /**
   * Whose workflow refuses the form when it does not fit the state (`invalid-transition`): the entity's (the
   * dialogue's stage, by default) or the link holder's manager instance, whose state the refusal then names.
   */
  readonly workflow?: 'entity' | 'manager';
  readonly prefill?: (roleView: RoleView) => FormPrefill | undefined;
  /** The body as typed to the domain's input; never throws, so that the domain names every bad field. */
  readonly parse: (body: FormBody) => I;
  /** Runs the domain's operation; returns what the next page must show once, if anything. */
  readonly handle: (services: FormServices, ctx: PortalContext, input: I) => Promise<Flash | null>;
}

/** A form whose input type is sealed inside `submit`, so that forms of different inputs share one list. */
export interface PortalFormDefinition<N extends string = string> extends Omit<
  FormSpec<N, unknown>,
  'handle'
> {
  submit(services: FormServices, ctx: PortalContext, body: FormBody): Promise<Flash | null>;
}

export function defineForm<N extends string, I>(
  spec: FormSpec<N, I>,
): FormSpec<N, I> & PortalFormDefinition<N> {
  return { ...spec, submit: (services, ctx, body) => spec.handle(services, ctx, spec.parse(body)) };
}
