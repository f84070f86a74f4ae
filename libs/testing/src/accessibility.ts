import fs from 'node:fs';
import type { Page } from 'playwright-core';

/** One axe-core finding, reduced to what a failing test should print: the rule, its impact and where. */
export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
const IMPACTS: Impact[] = ['minor', 'moderate', 'serious', 'critical'];

// axe-core's own build, read once: injected as a script, so the page needs no network and its CSP sees no source.
let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules and axe's best practices) on the page as it stands and returns the
 * violations at or above `minImpact`. Injected through the DevTools protocol, so a page's strict CSP does not
 * block it.
 */
export async function accessibilityViolations(
  page: Page,
  { minImpact = 'minor' }: { minImpact?: Impact } = {},
): Promise<AccessibilityViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeScript());
  const violations = await page.evaluate<AccessibilityViolation[]>(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  })()`);
  const floor = IMPACTS.indexOf(minImpact);
  return violations.filter((v) => IMPACTS.indexOf((v.impact ?? 'minor') as Impact) >= floor);
}
