import fs from 'node:fs';
import type { Page } from 'playwright-core';

/** One axe-core finding, reduced to what a failing test should print: the rule, its impact and where. */
export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** Each offending element: its selector, for contrast the colours and ratio axe measured, and its markup. */
  nodes: string[];
}

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
const IMPACTS: Impact[] = ['minor', 'moderate', 'serious', 'critical'];

// axe-core's own build, read once: evaluated through the DevTools protocol, so the page needs no network and its
// Content-Security-Policy (which rightly refuses an inline <script>) does not apply.
let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core's default rules (WCAG 2.x A and AA and axe's best practices, not the experimental ones) on the page
 * as it stands and returns the violations at or above `minImpact`.
 */
export async function accessibilityViolations(
  page: Page,
  { minImpact = 'minor' }: { minImpact?: Impact } = {},
): Promise<AccessibilityViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeScript());
  const violations = await page.evaluate<AccessibilityViolation[]>(`(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
      nodes: v.nodes.map((n) => {
        const data = n.any.map((check) => check.data).find((d) => d && 'contrastRatio' in d);
        const colours = data ? ' ' + data.fgColor + ' on ' + data.bgColor + ', ' + data.contrastRatio + ':1' : '';
        return n.target.join(' ') + colours + ' ' + n.html.slice(0, 100);
      }),
    }));
  })()`);
  const floor = IMPACTS.indexOf(minImpact);
  return violations.filter((v) => IMPACTS.indexOf((v.impact ?? 'minor') as Impact) >= floor);
}

/** A violation as one line of a failing test's output: rule, impact, what it asks and the first elements. */
export function describeViolation(v: AccessibilityViolation, shown = 3): string {
  const more = v.nodes.length > shown ? `; and ${v.nodes.length - shown} more` : '';
  return `axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, shown).join('; ')}${more})`;
}
