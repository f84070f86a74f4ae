/**
 * What the console's one React component (components/console-view.jsx) renders: the server describes each
 * screen as data, so every rule, warning and refusal stays on the server.
 */
export interface ConsoleField {
  name: string;
  label: string;
  /** A checkbox sends `yes` when ticked and an empty value when not; its `value` ticks it at first. */
  type?: 'text' | 'textarea' | 'date' | 'select' | 'hidden' | 'email' | 'password' | 'checkbox';
  options?: { value: string; label: string }[];
  required?: boolean;
  value?: string;
  help?: string;
  rows?: number;
}

export interface ConsoleTable {
  id?: string;
  title: string;
  columns: string[];
  rows: unknown[][];
  empty?: string;
}

export interface ConsoleView {
  title: string;
  intro?: string;
  errors?: string[];
  warnings?: string[];
  success?: string;
  facts?: [string, unknown][];
  tables?: ConsoleTable[];
  texts?: { id?: string; title: string; text: string }[];
  form?: { fields: ConsoleField[]; submit: string; danger?: boolean };
  links?: { label: string; href: string }[];
  /** A Mermaid definition, drawn as SVG in the browser by the Mermaid bundle the console serves itself. */
  diagram?: { id: string; title: string; mermaid: string };
}

/**
 * The form of `view` with the values that were sent, so a refused form comes back as it was typed; passwords
 * are never sent back.
 */
export function withValues(view: ConsoleView, values: Record<string, string>): ConsoleView {
  if (!view.form) return view;
  return {
    ...view,
    form: {
      ...view.form,
      fields: view.form.fields.map((f) =>
        f.name in values && f.type !== 'password' ? { ...f, value: values[f.name] } : f,
      ),
    },
  };
}

export const iso = (date: Date | null | undefined): string | null =>
  date ? date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : null;

export const percent = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)} %`;
