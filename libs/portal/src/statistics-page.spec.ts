import path from 'node:path';
import fs from 'node:fs';
import { LANGUAGES, type AnnexEPrefill, type Language } from '@cascade/dialogue';
import { CsrfTokens } from './csrf';
import { PageRenderer } from './page-renderer';
import { SAMPLE_RECORDS, SAMPLE_SUBMISSION, samplePrefill, sampleRoleView } from './page-samples';
import { PortalPages } from './portal-pages';

/** The page without its one static script (the copy buttons'), the only <script> a page may hold. */
const OWN_SCRIPT = `<script>${fs.readFileSync(path.join(__dirname, '../views/copy-link.js'), 'utf8')}</script>`;
const withoutOwnScript = (html: string) => {
  expect(html.split(OWN_SCRIPT)).toHaveLength(2);
  return html.replace(OWN_SCRIPT, '');
};

const pages = new PortalPages(PageRenderer.fromDirectory(), new CsrfTokens('k'.repeat(40)));
const TOKEN = 'T'.repeat(43);

/** The Focal Point's page with this prefill (and no submission on file unless the prefill has one). */
function focalPage(prefill: AnnexEPrefill, lang: Language = 'en', failed = false): string {
  const roleView = sampleRoleView('focal-point');
  if (roleView.role !== 'focal-point') throw new Error('sample');
  roleView.view.statisticsPrefill = prefill;
  if (!prefill.previous) roleView.view.statistics = null;
  return pages.rolePage(roleView, lang, TOKEN, {
    failed: failed
      ? { form: 'statistics', body: { sessionsHeld: '9' }, issues: [], message: 'Refused.' }
      : null,
  });
}

function inputTag(html: string, id: string): string {
  const match = new RegExp(`<input id="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no input #${id}`);
  return match[0];
}

const sourceOf = (html: string, id: string) =>
  new RegExp(`<p class="hint source" id="${id}-source">([^<]*)</p>`).exec(html)?.[1] ?? null;

describe('the statistics form, pre-filled (Annex E)', () => {
  describe('before any submission: from the recorded sessions and the reporting tree', () => {
    const html = focalPage(samplePrefill(SAMPLE_RECORDS, null));

    it('puts the sums in the inputs, the agencies merged into one row', () => {
      expect(inputTag(html, 'statistics-eligibleStaff')).toContain('value="120"');
      expect(inputTag(html, 'statistics-staffParticipated')).toContain('value="97"');
      expect(inputTag(html, 'statistics-sessionsHeld')).toContain('value="6"');
      expect(inputTag(html, 'statistics-managersLed')).toContain('value="3"');
      expect(inputTag(html, 'statistics-nonStaffParticipants')).toContain('value="4"');
      expect(inputTag(html, 'statistics-agency-0')).toContain('value="UNDP"');
      expect(inputTag(html, 'statistics-count-0')).toContain('value="3"');
      expect(inputTag(html, 'statistics-agency-1')).toContain('value=""');
    });

    it('says beside each figure where it comes from, tied to its input', () => {
      expect(sourceOf(html, 'statistics-eligibleStaff')).toBe('From the reporting tree (120 people).');
      expect(sourceOf(html, 'statistics-sessionsHeld')).toBe('From 6 recorded sessions.');
      expect(sourceOf(html, 'statistics-staffParticipated')).toBe(
        'From 6 recorded sessions. 1 session was recorded without a breakdown: its participants are counted as staff.',
      );
      expect(sourceOf(html, 'statistics-managersLed')).toBe(
        'From 6 recorded sessions. The reporting tree has 3 managers.',
      );
      expect(sourceOf(html, 'statistics-agencies')).toBe('From 6 recorded sessions.');
      expect(inputTag(html, 'statistics-eligibleStaff')).toContain(
        'aria-describedby="statistics-eligibleStaff-hint statistics-eligibleStaff-source"',
      );
      expect(inputTag(html, 'statistics-sessionsHeld')).toContain(
        'aria-describedby="statistics-sessionsHeld-source"',
      );
      expect(html).toContain('Correct any figure before submitting.');
    });

    it('says it in French and Spanish, numbers grouped the language’s way', () => {
      const big = samplePrefill({ ...SAMPLE_RECORDS, people: 1234, sessions: 1, withoutBreakdown: 0 }, null);
      const fr = focalPage(big, 'fr');
      expect(sourceOf(fr, 'statistics-eligibleStaff')).toBe('D’après l’organigramme (1\u202f234 personnes).');
      expect(sourceOf(fr, 'statistics-sessionsHeld')).toBe('D’après 1 séance enregistrée.');
      const es = focalPage(big, 'es');
      expect(sourceOf(es, 'statistics-sessionsHeld')).toBe('Según 1 sesión registrada.');
      expect(sourceOf(es, 'statistics-managersLed')).toBe(
        'Según 1 sesión registrada. El organigrama tiene 3 directivos.',
      );
      expect(sourceOf(focalPage(big, 'en'), 'statistics-eligibleStaff')).toBe(
        'From the reporting tree (1,234 people).',
      );
    });
  });

  it('after a submission: the submitted figures, and what the records give now where it differs', () => {
    const html = focalPage(samplePrefill(SAMPLE_RECORDS, SAMPLE_SUBMISSION));
    expect(inputTag(html, 'statistics-sessionsHeld')).toContain('value="5"');
    expect(sourceOf(html, 'statistics-sessionsHeld')).toBe(
      'As you submitted it in revision 1. The records now give 6.',
    );
    expect(sourceOf(html, 'statistics-eligibleStaff')).toBe('As you submitted it in revision 1.');
    expect(sourceOf(html, 'statistics-agencies')).toBe(
      'As you submitted it in revision 1. The records now give UNDP 3.',
    );
  });

  it('with nothing recorded: empty inputs, saying so', () => {
    const empty = {
      ...SAMPLE_RECORDS,
      sessions: 0,
      leaders: 0,
      staff: 0,
      nonStaff: 0,
      people: 0,
      managers: 0,
    };
    const html = focalPage(samplePrefill({ ...empty, withoutBreakdown: 0, agencies: {} }, null));
    for (const field of ['eligibleStaff', 'staffParticipated', 'sessionsHeld', 'managersLed']) {
      expect(inputTag(html, `statistics-${field}`)).toContain('value=""');
      expect(sourceOf(html, `statistics-${field}`)).toBe('Nothing recorded yet.');
    }
  });

  it('escapes an agency name as its leader typed it, in the input and in the source', () => {
    const hostile = '<script>alert(1)</script>';
    const html = focalPage(
      samplePrefill({ ...SAMPLE_RECORDS, agencies: { [hostile]: 2 } }, { ...SAMPLE_SUBMISSION }),
    );
    expect(withoutOwnScript(html)).not.toContain('<script>');
    expect(html).toContain('The records now give &lt;script&gt;alert(1)&lt;/script&gt; 2.');
    const first = focalPage(samplePrefill({ ...SAMPLE_RECORDS, agencies: { [hostile]: 2 } }, null));
    expect(withoutOwnScript(first)).not.toContain('<script>');
    expect(inputTag(first, 'statistics-agency-0')).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('after a refusal shows what was typed, without sources that no longer describe it', () => {
    const html = focalPage(samplePrefill(SAMPLE_RECORDS, null), 'en', true);
    expect(inputTag(html, 'statistics-sessionsHeld')).toContain('value="9"');
    expect(html).not.toContain('class="hint source"');
  });

  it.each(LANGUAGES)('has every source string in %s', (lang) => {
    const html = focalPage(
      samplePrefill({ ...SAMPLE_RECORDS, withoutBreakdown: 2 }, SAMPLE_SUBMISSION),
      lang,
    );
    expect(html.match(/class="hint source"/g)).toHaveLength(6);
    expect(focalPage(samplePrefill(SAMPLE_RECORDS, null), lang).match(/class="hint source"/g)).toHaveLength(
      6,
    );
  });
});
