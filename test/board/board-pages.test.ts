import { describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER, scopeOf } from '../../src/board/board-access.js';
import { PAGE_SIZE, pipelinePage } from '../../src/board/board-pages.js';
import { BoardViews } from '../../src/board/board-views.js';
import { canSee, pilotsInDelivery } from '../../src/board/board-visibility.js';
import type { Idea } from '../../src/domain/idea.js';
import { buildReport } from '../../src/reports/pipeline-report.js';
import { makeIdea } from '../support/factories.js';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const idea = (n: number, overrides: Partial<Idea> = {}): Idea =>
  makeIdea({ id: `IP-${n}`, number: n, title: `Idea ${n}`, ...overrides });

describe('who sees what on the board', () => {
  it('public: published only; committee: also unpublished at stage 8; staff: everything', () => {
    const published = idea(1, { published: true, status: 'longlist' });
    const atEight = idea(2, { status: 'final_proposal' });
    const early = idea(3, { status: 'shortlist' });
    const committee = { scope: 'committee' as const, personId: 'person:P-1' };
    const staff = { scope: 'staff' as const, personId: 'slack:UPM' };
    expect([published, atEight, early].map((i) => canSee(PUBLIC_VIEWER, i))).toEqual([true, false, false]);
    expect([published, atEight, early].map((i) => canSee(committee, i))).toEqual([true, true, false]);
    expect([published, atEight, early].map((i) => canSee(staff, i))).toEqual([true, true, true]);
    expect(scopeOf(['committee'])).toBe('committee');
    expect(scopeOf(['pm'])).toBe('staff');
    expect(scopeOf(['expert'])).toBe('public');
  });

  it('pilots in delivery are approved ideas not yet ended, held ones too; their measures show against target', () => {
    const measure = {
      id: 'M1',
      name: 'Hours a week',
      baseline: 20,
      target: 15,
      unit: 'hours',
      owner: 'slack:UOWN',
      reviewDates: ['2027-01-10'],
      results: [{ value: 14, recordedBy: 'slack:UOWN', recordedAt: NOW.toISOString() }],
      addedBy: 'slack:UPM',
      addedAt: NOW.toISOString(),
    };
    const live = idea(4, { status: 'live', pilotPhase: 'live', published: true });
    live.artefacts = { ...live.artefacts, measures: [measure] };
    const ideas = [
      idea(1, { status: 'approved' }),
      idea(2, { status: 'final_proposal' }),
      idea(3, { status: 'rejected' }),
      live,
      idea(5, { status: 'on_hold', pilotPhase: 'mobilising' }),
      idea(6, { status: 'stopped' }),
      idea(7, { status: 'mainstreamed' }),
    ];
    expect(pilotsInDelivery(ideas).map((i) => i.id)).toEqual(['IP-1', 'IP-4', 'IP-5']);
    const page = pipelinePage(ideas, buildReport(ideas, [], NOW), PUBLIC_VIEWER, 1);
    expect(page.pilots).toEqual([
      expect.objectContaining({
        id: 'IP-4',
        phase: 'Pilot: running',
        progress: ['M1 Hours a week: 14 hours, target 15 (from 20; on target)'],
      }),
    ]);
    const html = new BoardViews().pipeline(page, PUBLIC_VIEWER);
    expect(html).toContain('M1 Hours a week: 14 hours, target 15 (from 20; on target)');
  });
});

describe('the pipeline page', () => {
  const ideas = Array.from({ length: 120 }, (_, i) =>
    idea(i + 1, { published: true, status: i < 70 ? 'longlist' : 'review' }),
  );
  const report = buildReport(ideas, [], NOW);

  it('pages 50 ideas at a time, grouped by stage, and clamps a page past the end', () => {
    const first = pipelinePage(ideas, report, PUBLIC_VIEWER, 1);
    expect(first.pages).toBe(3);
    expect(first.stages.flatMap((s) => s.ideas)).toHaveLength(PAGE_SIZE);
    const second = pipelinePage(ideas, report, PUBLIC_VIEWER, 2);
    expect(second.stages.map((s) => [s.label, s.ideas.length])).toEqual([
      ['Stage 1: Longlist', 20],
      ['Stage 2: Review of similar work', 30],
    ]);
    const past = pipelinePage(ideas, report, PUBLIC_VIEWER, 99);
    expect(past.page).toBe(3);
    expect(past.stages.flatMap((s) => s.ideas)).toHaveLength(20);
  });

  it('renders as HTML with previous and next links, escaping what people typed', () => {
    const typed = [idea(1, { published: true, title: '<script>alert(1)</script>' }), ...ideas.slice(1)];
    const html = new BoardViews().pipeline(pipelinePage(typed, report, PUBLIC_VIEWER, 2), PUBLIC_VIEWER);
    expect(html).toContain('<a href="/board?page=1" rel="prev">Previous page</a>');
    expect(html).toContain('<a href="/board?page=3" rel="next">Next page</a>');
    expect(html).toContain('<html lang="en-GB">');
    const firstPage = new BoardViews().pipeline(pipelinePage(typed, report, PUBLIC_VIEWER, 1), PUBLIC_VIEWER);
    expect(firstPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(firstPage).not.toContain('<script>');
  });
});
