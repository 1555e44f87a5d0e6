import { describe, expect, it } from 'vitest';
import type { Measure } from '../../src/domain/artefacts.js';
import type { Idea } from '../../src/domain/idea.js';
import { DEFAULT_STAGE_DAYS } from '../../src/domain/stage-targets.js';
import { measureProgressLine, pilotProgress } from '../../src/reports/pilot-progress.js';
import { renderPilotChart } from '../../src/reports/render-pilot-chart.js';
import { digestView } from '../../src/views/digest-views.js';
import { buildDigest } from '../../src/workflows/weekly-digest.js';
import { makeIdea } from '../support/factories.js';

const NOW = new Date('2027-01-20T09:00:00.000Z');
const at = '2027-01-10T09:00:00.000Z';
const measure = (id: string, baseline: number, target: number, unit: string, figure?: number): Measure => ({
  id,
  name: `Measure ${id}`,
  baseline,
  target,
  unit,
  owner: 'slack:UOWN',
  reviewDates: ['2027-01-10'],
  results: figure === undefined ? [] : [{ value: figure, recordedBy: 'slack:UOWN', recordedAt: at }],
  addedBy: 'slack:UPM',
  addedAt: at,
});
const pilot = (n: number, overrides: Partial<Idea>, measures: Measure[]): Idea => {
  const idea = makeIdea({ id: `IP-${n}`, number: n, title: `Pilot ${n}`, statusSince: at, ...overrides });
  return { ...idea, artefacts: { ...idea.artefacts, measures } };
};

describe('pilots in delivery against their targets', () => {
  const ideas = [
    pilot(1, { status: 'live', pilotPhase: 'live' }, [
      measure('M1', 20, 15, 'hours', 14),
      measure('M2', 40, 70, '%', 52),
    ]),
    pilot(2, { status: 'on_hold', pilotPhase: 'mobilising' }, [measure('M1', 12, 2, 'a month')]),
    pilot(3, { status: 'stopped' }, [measure('M1', 1, 2, 'x', 1)]),
    pilot(4, { status: 'final_proposal' }, []),
  ];

  it('lists running and held pilots (not ended ones, not ideas before approval), each measure in words', () => {
    const progress = pilotProgress(ideas);
    expect(progress.map((p) => [p.id, p.label])).toEqual([
      ['IP-1', 'Pilot: running'],
      ['IP-2', 'On hold at Pilot: getting ready'],
    ]);
    expect(progress[0]!.measures.map(measureProgressLine)).toEqual([
      'M1 Measure M1: 14 hours, target 15 (from 20; on target)',
      'M2 Measure M2: 52%, target 70 (from 40; not yet on target)',
    ]);
    expect(measureProgressLine(progress[1]!.measures[0]!)).toBe('M1 Measure M1: no figure yet (from 12 to 2 a month)');
  });

  it('draws each measure against its target, saying in words which are on target; nothing without measures', () => {
    const chart = renderPilotChart(pilotProgress(ideas), { png: false })!;
    expect(chart.svg).toContain('IP-1 M1 Measure M1: on target');
    expect(chart.svg).toContain('IP-1 M2 Measure M2: not yet on target');
    expect(chart.svg).toContain('<desc id="pilots-desc">IP-1 M1 Measure M1: 14 hours, target 15');
    expect(renderPilotChart(pilotProgress([ideas[3]!]))).toBeNull();
  });

  it('the weekly digest lists the pilots in delivery with their measures against target', () => {
    const view = digestView(buildDigest(ideas, DEFAULT_STAGE_DAYS, NOW), 'committee');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Pilots in delivery, and their measures against target');
    expect(text).toContain('IP-1 · Pilot 1 · Pilot: running · M1 Measure M1: 14 hours, target 15 (from 20; on target)');
  });
});
