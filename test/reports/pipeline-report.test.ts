import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../src/domain/reference-data.js';
import { buildReport, renderFunnelChart, renderReportText } from '../../src/reports/pipeline-report.js';
import { makeClosedRound, makeOpenRound } from '../templates/case-fixtures.js';
import { makeIdea } from './report-fixtures.js';

const NOW = new Date('2026-06-10T12:00:00Z');

function smallPipeline() {
  return [
    makeIdea(1, 'longlist', 2, NOW, ['person_home_longer']),
    makeIdea(2, 'longlist', 10, NOW, ['person_home_longer', 'services_recruitment']),
    makeIdea(3, 'longlist', 4, NOW),
    makeIdea(4, 'shortlist', 30, NOW, ['community_less_acute']),
    makeIdea(5, 'on_hold', 7, NOW, ['person_flexibility']),
    makeIdea(6, 'approved', 1, NOW, ['person_home_longer']),
    makeIdea(7, 'rejected', 3, NOW, ['services_know_clients']),
    makeIdea(8, 'withdrawn', 3, NOW, ['services_know_clients']),
  ];
}

describe('buildReport: time in stage against its target', () => {
  it('takes the median of ended stays from the audit trail and counts overdue ideas', () => {
    const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
    const moved = (n: number, enteredReview: number, leftReview: number | null) => {
      const idea = makeIdea(n, leftReview === null ? 'review' : 'outline', leftReview ?? enteredReview, NOW);
      const history = [
        { type: 'stage.advanced', at: day(enteredReview), actorId: 'slack:UPM', from: 'longlist', to: 'review' },
        ...(leftReview === null
          ? []
          : [{ type: 'stage.advanced', at: day(leftReview), actorId: 'slack:UPM', from: 'review', to: 'outline' }]),
      ] as typeof idea.history;
      return { ...idea, createdAt: day(enteredReview + 3), history };
    };
    // Stays in review of 10, 20 and 40 days; one idea in review for 30 days is past its 21-day target.
    const ideas = [moved(1, 50, 40), moved(2, 45, 25), moved(3, 60, 20), moved(4, 30, null)];
    const report = buildReport(ideas, [], NOW, { review: 21, longlist: 14 });
    const review = report.statuses.find((s) => s.status === 'review')!;
    expect(review).toMatchObject({ stays: 3, medianStayDays: 20, targetDays: 21, overdue: 1, count: 1 });
    expect(report.statuses.find((s) => s.status === 'longlist')).toMatchObject({ stays: 4, medianStayDays: 3 });
    expect(renderReportText(report)).toContain(
      '2. Review of similar work: 1 idea (median 30 days in the stage); 1 overdue; ideas that moved on took a median 20 days against a target of 21',
    );
  });
});

describe('buildReport', () => {
  it('counts ideas in every status, in process order, with the median days in the stage', () => {
    const report = buildReport(smallPipeline(), [], NOW);
    expect(report.total).toBe(8);
    expect(report.statuses.map((s) => s.status)).toEqual([...STATUSES]);
    const longlist = report.statuses[0]!;
    expect(longlist).toEqual({
      status: 'longlist',
      label: '1. Longlist',
      count: 3,
      medianDays: 4,
      targetDays: 14,
      medianStayDays: null,
      stays: 0,
      overdue: 0,
    });
    expect(report.statuses.find((s) => s.status === 'review')).toMatchObject({ count: 0, medianDays: null });
    expect(report.statuses.find((s) => s.status === 'shortlist')?.medianDays).toBe(30);
  });

  it('counts outcomes covered by live ideas only, grouped', () => {
    const report = buildReport(smallPipeline(), [], NOW);
    expect(report.liveIdeas).toBe(6);
    const flat = new Map(report.outcomes.flatMap((g) => g.outcomes.map((o) => [o.id, o.count])));
    expect(flat.get('person_home_longer')).toBe(3);
    expect(flat.get('services_know_clients')).toBe(0);
    expect(flat.get('community_greatest_need')).toBe(1);
    expect(report.outcomes.map((g) => g.label)).toEqual(['For the person', 'For services', 'For the community']);
  });

  it('lists open rounds, soonest to close first, with the idea title', () => {
    const open = { ...makeOpenRound(), ideaId: 'IP-4', closesAt: '2026-06-12T12:00:00Z' };
    const sooner = { ...makeOpenRound(), id: 'R-9', ideaId: 'IP-1', closesAt: '2026-06-11T12:00:00Z' };
    const report = buildReport(smallPipeline(), [open, makeClosedRound(), sooner], NOW);
    expect(report.openRounds.map((r) => [r.id, r.ideaTitle])).toEqual([
      ['R-9', 'Idea 1'],
      ['R-3', 'Idea 4'],
    ]);
  });
});

describe('offline engagement in the report', () => {
  const session = (numberOfPeople: number) => ({
    kind: 'workshop' as const,
    date: '2026-06-01',
    numberOfPeople,
    groups: ['carers' as const],
    whatTheySaid: 'Said.',
    recordedBy: 'slack:UFAC',
    recordedAt: '2026-06-02T09:00:00.000Z',
  });

  it('counts sessions and people on every idea, withdrawn ones too, and leaves the other figures alone', () => {
    const ideas = smallPipeline();
    const without = buildReport(ideas, [], NOW);
    ideas[0] = { ...ideas[0]!, engagements: [session(14), session(6)] };
    ideas[7] = { ...ideas[7]!, engagements: [session(3)] }; // IP-8 was withdrawn
    const report = buildReport(ideas, [], NOW);
    expect(report.offlineEngagement).toEqual({ sessions: 3, ideas: 2, people: 23 });
    expect({ ...report, offlineEngagement: null }).toEqual({ ...without, offlineEngagement: null });
    const text = renderReportText(report);
    expect(text).toContain(
      'Offline engagement logged: 3 sessions on 2 ideas, 23 people taking part in all (someone at two sessions ' +
        'counts twice; withdrawn and rejected ideas included).',
    );
    expect(renderReportText(without)).toContain('No offline engagement logged yet.');
  });
});

describe('renderReportText', () => {
  it('reads as short plain sentences', () => {
    const text = renderReportText(buildReport(smallPipeline(), [{ ...makeOpenRound(), ideaId: 'IP-4' }], NOW));
    expect(text).toContain('Pipeline report, 10 June 2026');
    expect(text).toContain(
      '8 ideas in total: 4 in the eight stages, 1 on hold, 1 approved by the JCC, 1 rejected, 1 withdrawn.\nTheir pilots: 1 not started yet.',
    );
    expect(text).toContain('1. Longlist: 3 ideas (median 4 days in the stage)');
    expect(text).toContain('2. Review of similar work: none');
    expect(text).toContain('On hold: 1 idea (median 7 days on hold)');
    expect(text).toContain('For the person: Stay living at home for longer (3); More flexibility (1)');
    expect(text).toMatch(/Not yet covered: .*Care workers know their clients better/);
    expect(text).toContain('Voting rounds open: 1\n- IP-4 Idea 4: scoring, closes ');
  });
});

describe('renderFunnelChart', () => {
  it('draws a bar per stage plus approved, at a fixed width, with escaped text', () => {
    const report = buildReport(smallPipeline(), [], NOW);
    report.statuses[0]!.label = 'Longlist <b>&</b>';
    const chart = renderFunnelChart(report);
    expect(chart.width).toBe(720);
    expect(chart.height).toBe(64 + 9 * 34 + 48);
    expect(chart.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="720" height="418"/);
    expect(chart.svg.match(/<rect x="232"/g)).toHaveLength(9);
    expect(chart.svg).toContain('Longlist &lt;b&gt;&amp;&lt;/b&gt;');
    expect(chart.svg).not.toContain('<b>');
  });

  it('rasterises to a PNG, at twice the size when asked', () => {
    const report = buildReport(smallPipeline(), [], NOW);
    const normal = Buffer.from(renderFunnelChart(report).png!);
    expect([normal.readUInt32BE(16), normal.readUInt32BE(20)]).toEqual([720, 418]);
    const chart = renderFunnelChart(report, { scale: 2 });
    const png = Buffer.from(chart.png!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([chart.width * 2, chart.height * 2]);
    expect(renderFunnelChart(buildReport([], [], NOW), { png: false }).png).toBeUndefined();
  });

  it('builds and renders the report over 10,000 ideas (time printed; the budget is checked by npm run bench)', () => {
    const statuses = STATUSES;
    const ideas = Array.from({ length: 10_000 }, (_, i) =>
      makeIdea(i + 1, statuses[i % statuses.length]!, i % 97, NOW, i % 3 === 0 ? ['person_goals'] : []),
    );
    const rounds = Array.from({ length: 200 }, (_, i) => ({
      ...makeOpenRound(),
      id: `R-${i + 1}`,
      ideaId: `IP-${i + 1}`,
    }));
    const run = () => {
      const started = performance.now();
      const report = buildReport(ideas, rounds, NOW);
      const text = renderReportText(report);
      const chart = renderFunnelChart(report);
      return { text, chart, took: performance.now() - started };
    };
    const cold = run();
    const { text, chart, took } = run();
    console.log(
      `Report over 10,000 ideas (build + text + SVG + PNG): ${took.toFixed(1)} ms warm, ${cold.took.toFixed(1)} ms cold`,
    );
    expect(text.length).toBeLessThan(3000);
    expect(text).toContain('- and 192 more');
    expect(chart.png).toBeDefined();
  });
});
