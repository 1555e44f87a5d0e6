import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../src/templates/case-data.js';
import { renderCaseMarkdown, renderCaseSummary } from '../../src/templates/render-case.js';
import { loadTemplates } from '../../src/templates/template-set.js';
import { makeFullCase, makeFullIdea, makeSparseCase } from './case-fixtures.js';

const HOSTILE = '**x** <script>alert(1)</script> | pipe & [link](http://e.example) _u_ `c`\n# heading';

/** Replaces every string in the case with hostile text, leaving numbers and booleans alone. */
function hostile<T>(value: T): T {
  if (typeof value === 'string') return HOSTILE as T;
  if (Array.isArray(value)) return value.map(hostile) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'gaps' || k === 'kind' ? v : hostile(v)]),
    ) as T;
  }
  return value;
}

/** Counts the unescaped pipes on a line (a table row's column separators). */
const pipes = (line: string) => line.replace(/\\\|/g, '').split('|').length - 1;

describe('business-case.md.hbs', () => {
  it('renders the full idea in the shape of a JCC paper', () => {
    const loading = performance.now();
    const templates = loadTemplates();
    const loaded = performance.now();
    makeFullCase(); // first use warms zod and Handlebars up; the timed run is a request at steady state
    const started = performance.now();
    const md = renderCaseMarkdown(makeFullCase(), templates);
    const took = performance.now() - started;
    console.log(
      `Markdown business case (full idea): buildCaseData + render ${took.toFixed(1)} ms ` +
        `(templates loaded once at start-up in ${(loaded - loading).toFixed(1)} ms)`,
    );
    expect(took).toBeGreaterThan(0); // printed above; the 200 ms budget is checked by npm run bench
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    // SPEC 4's shape, in its order: the open gaps first, then the summary table and numbered sections.
    expect(headings).toEqual([
      '## Before this paper goes to the committee',
      '## Report summary',
      '## 1. Executive summary',
      '## 2. Recommendations',
      '## 3. Reasons for the recommendations',
      '## 4. Background and evidence from elsewhere',
      '## 5. Other options considered',
      '## 6. Co-production and engagement',
      '## 7. Outcomes targeted',
      '## 8. Resource implications',
      '## 9. Providers and procurement route',
      '## 10. Specialist engagement, sign-offs and officer clearances',
      '## 11. Statutory considerations',
      '## 12. Equality, health inequalities and public engagement',
      '## 13. Climate change',
      '## 14. Risk management',
      '## 15. Evaluation, benefits and success criteria',
      '## 16. Next steps',
      '## 17. Background papers',
      '## Appendix: where this paper’s information came from',
    ]);
    // Numbered paragraphs members can refer to.
    expect(md).toContain('**1.1** Short-term reablement');
    expect(md).toContain('**6.1** **Scoring against the strategic priorities**');
    // The vote headline is in the summary, from the fair result (each group counts the same).
    expect(md).toContain(
      '| Summary | Short-term reablement by homecare providers so people regain skills and need less care. Scored 3.9 of 5 by 4 experts by experience and 3 providers',
    );
    for (const row of [
      'Report title',
      'Author',
      'Summary',
      'Recommendations',
      'Rationale for recommendations',
      'Resource implications',
      'Statutory considerations',
      'Consultation',
      'Risk management',
      'Attachments',
    ]) {
      expect(md).toContain(`| ${row} |`);
    }
    expect(md).toContain('| Resource implications | £48,500 from Improved Better Care Fund; budget holder: Director');
    expect(md).toContain('| | Experts by experience | Providers |');
    expect(md).toContain('| Voters | 4 | 3 |');
    expect(md).toContain('| Enough voted | Yes | Yes |');
    expect(md).toContain('| Share supporting | 67% | 50% |');
    expect(md).toContain('58% support (each group counts the same)');
    expect(md).not.toContain('no votes counted');
    expect(md).toContain('- Voting round R-1: Provider employs a member of the carers group.');
    // Fit to publish: an expert by experience is not named.
    expect(md).toContain(
      '- From an expert by experience, 8 January 2026: Please keep the same carers for each person.',
    );
    expect(md).not.toContain('Ellen');
    expect(md).toContain('- It is acceptable to test ideas that do not work');
    expect(md).toContain('Procurement route: Part B of the innovation contract framework.');
    expect(md).toContain(
      'No conflict of interest declared. **Flag:** declared a conflict of interest on this idea when voting (R-1), before expressing interest.',
    );
    expect(md.match(/\*\*Flag:\*\*/g)).toHaveLength(1);
    expect(md).toContain('| Procurement | Yes | Paul Reed, 16 January 2026 | Part B call-off. |');
    expect(md).toContain('| Equality impact | ');
    expect(md).toMatch(/\| Risk \| Likelihood \| Impact \| Mitigation \| Owner \|/);
    expect(md).toContain('**Doing nothing.**');
    // Provenance is in the appendix, not the body.
    const body = md.slice(0, md.indexOf('## Appendix'));
    expect(body).not.toMatch(/Recorded by/i);
    expect(md.slice(md.indexOf('## Appendix'))).toContain('| Outline proposal | Priya Moss | 5 January 2026 |');
    expect(md).not.toContain('[GAP: no funding');
    expect(md).not.toContain('R-3');
  });

  it('shows a marked gap for everything the sparse idea lacks, and invents nothing', () => {
    const md = renderCaseMarkdown(makeSparseCase());
    expect(md).toContain('| Resource implications | **[GAP: no funding recorded yet — add it at stage 5]** |');
    for (const gap of [
      '[GAP: no evidence from elsewhere recorded yet — add it at stage 2]',
      '[GAP: no outline proposal recorded yet — add it at stage 3]',
      '[GAP: no closed voting round yet — open and close one at stage 4]',
      '[GAP: no provider expression of interest recorded yet — add it at stage 6]',
      '[GAP: no evaluation approach, benefits or success criteria recorded yet — add them at stage 8]',
      '[GAP: the recommendation needs the outline proposal (stage 3) and the funding (stage 5)]',
    ]) {
      expect(md).toContain(gap);
    }
    for (const invented of ['£', 'Recorded by', 'Round R-', 'Met:', 'shortlisted on', 'approves the pilot']) {
      expect(md).not.toContain(invented);
    }
    // Someone whose name is not known is a gap, never a platform id.
    expect(md).toContain('submitted by \\[GAP: name not known — the report author adds it\\]');
    expect(md).not.toContain('slack:');
  });

  it('escapes user text so it cannot break tables or inject markup', () => {
    const md = renderCaseMarkdown(makeFullCase({ title: '**x** <script> | pipe & co' }));
    expect(md).toContain('| Report title | \\*\\*x\\*\\* &lt;script&gt; \\| pipe &amp; co |');
    expect(md).not.toContain('<script>');
  });

  it('carries offline engagement in the summary table and in its own subsection', () => {
    const md = renderCaseMarkdown(makeFullCase());
    expect(md).toContain(
      '2 closed voting rounds (9 voters); 2 comments; 2 provider expressions of interest; ' +
        '2 offline engagement sessions (20 people taking part) |',
    );
    const section = md.slice(md.indexOf('### Offline engagement'), md.indexOf('### Comments'));
    expect(section).toContain(
      '**6.3** **Workshop, 12 January 2026**: 14 people took part (experts by experience, carers).\n\n' +
        'What they said: Keep the same carers.\n\nTell us who is coming.',
    );
    expect(section.indexOf('Workshop')).toBeLessThan(section.indexOf('Focus group'));
    const none = renderCaseMarkdown(makeSparseCase());
    expect(none).toContain('No offline engagement (workshops, focus groups, surveys, visits or phone calls) logged.');
    expect(none).toContain('| Consultation | **[GAP: no votes, comments, provider interest or offline engagement');
  });

  it('escapes what people said at a session, and keeps a very long line whole', () => {
    const long = `${'word '.repeat(700)}end`;
    const [first] = makeFullIdea().engagements!;
    const said = `A | B *bold* <script>alert(1)</script>\n# not a heading\n${long}`;
    const md = renderCaseMarkdown(makeFullCase({ engagements: [{ ...first!, whatTheySaid: said }] }));
    const section = md.slice(md.indexOf('### Offline engagement'), md.indexOf('### Comments'));
    expect(section).toContain(
      'What they said: A \\| B \\*bold\\* &lt;script&gt;alert(1)&lt;/script&gt;  \n\\# not a heading',
    );
    expect(section).toContain(long.trim());
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/^# not a heading/m);
  });

  it('escapes every string field, whatever it holds', () => {
    const md = renderCaseMarkdown(hostile(makeFullCase()) as CaseData);
    expect(md).not.toMatch(/<script>|<\/script>|(^|[^\\])\]\(http|(^|[^\\])\*\*x|(^|[^\\])_u_/m);
    expect(md).not.toMatch(/^# heading/m);
    const table = md.split('\n').filter((l) => l.startsWith('| Report title') || l.startsWith('| Author'));
    expect(table.map(pipes)).toEqual([3, 3]);
    for (const row of md.split('\n').filter((l) => l.startsWith('| Voters'))) expect(pipes(row)).toBe(5);
  });
});

describe('case-summary.md.hbs', () => {
  it('summarises the case for chat, listing the gaps', () => {
    const summary = renderCaseSummary(makeSparseCase());
    expect(summary).toContain('**Business case draft: Rural Based Support** (IP-2, 5\\. Funding)');
    expect(summary).toContain('- Funding: **[GAP: no funding recorded yet — add it at stage 5]**');
    expect(summary).toMatch(/\d+ gaps to fill before it goes to the committee/);
    expect(summary.length).toBeLessThan(3000);
  });

  it('reports funding and co-production of a full case', () => {
    const summary = renderCaseSummary(makeFullCase());
    expect(summary).toContain('- Funding: £48,500 from Improved Better Care Fund, budget holder Director');
    expect(summary).toContain(
      '2 closed voting rounds (9 voters), 2 comments, 2 provider expressions of interest, ' +
        '2 offline engagement sessions (20 people taking part)',
    );
    expect(summary).toContain(`${makeFullCase().gaps.length} gaps to fill`);
    expect(summary).toContain('- Vote: Scored 3.9 of 5 by 4 experts by experience and 3 providers');
  });
});
