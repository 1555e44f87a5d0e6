import { describe, expect, it } from 'vitest';
import { caseDataSchema } from '../../src/templates/case-data.js';
import { makeFullCase, makeFullIdea, makeSparseCase } from './case-fixtures.js';

describe('buildCaseData', () => {
  it('maps a full idea: labels, names, money and dates for people to read', () => {
    const data = makeFullCase();
    expect(caseDataSchema.parse(data)).toEqual(data);
    expect(data.meta).toMatchObject({
      ideaId: 'IP-1',
      title: 'Reabling Homecare',
      status: '8. Final proposal',
      submitter: 'Sam Okafor',
      submittedOn: '2 January 2026',
      preparedOn: '10 June 2026',
      source: 'Experts by experience',
    });
    expect(data.funding).toMatchObject({
      source: 'Improved Better Care Fund',
      amount: '£48,500',
      budgetHolder: 'Director of Adult Social Care',
      recordedBy: 'Fiona Grant',
    });
    expect(data.criteria?.notMet).toEqual(['Service users can be kept involved']);
    expect(data.outcomes.map((g) => g.group)).toEqual(['For the person', 'For services', 'For the community']);
    expect(data.specialists.map((s) => [s.area, s.signedBy])).toEqual([
      ['Procurement', 'Paul Reed'],
      ['Finance', 'Fiona Grant'],
    ]);
    // Everything recorded leaves only what the report author completes, and the unmet criterion.
    expect(data.gaps).toEqual([
      'openOrExempt',
      'authorContact',
      'unmetCriteria',
      'whatChanged',
      'clearanceFinance',
      'clearanceLegal',
      'statutory',
      'climate',
      'backgroundPapers',
    ]);
    // From the committee date: the meeting, its financial year, and when the pilot reports back.
    expect(data.meta).toMatchObject({
      meetingDate: expect.any(String),
      financialYear: expect.stringMatching(/^\d{4}\/\d{2}$/),
    });
    expect(data.meta.reportBackBy).toMatch(/^[A-Z][a-z]+ \d{4}$/);
    // An interest whose sender had declared a conflict when voting on the idea carries the flag.
    expect(data.providers.map((p) => [p.name, p.flag])).toEqual([
      ['Bath Homecare Ltd', null],
      ['Mendip Care', 'declared a conflict of interest on this idea when voting (R-1), before expressing interest.'],
    ]);
  });

  it('uses only closed rounds, oldest first, with tallies by constituency side by side', () => {
    const data = makeFullCase();
    expect(data.rounds.map((r) => r.id)).toEqual(['R-1', 'R-2']);
    const [score, support] = data.rounds;
    // Others may not vote in these rounds, so they are not shown at all (SPEC 3.1).
    expect(score?.tally.columns).toEqual(['Experts by experience', 'Providers']);
    expect(score?.tally.rows[0]).toEqual({ label: 'Voters', cells: ['4', '3'] });
    expect(score?.tally.rows[1]).toEqual({ label: 'Weighted score (1-5)', cells: ['3.8', '4.1'] });
    // Each group counts the same: the mean of 3.75 and 4.11, not of the seven ballots.
    expect(score?.overall).toBe('3.9 out of 5 (weighted; each group counts the same)');
    // Experts 2 of 3 support, providers 1 of 2: (67% + 50%) / 2, not 3 of 5 ballots (60%).
    expect(support?.overall).toBe('58% support (each group counts the same)');
    expect(support?.tally.rows.find((r) => r.label === 'Share supporting')?.cells).toEqual(['67%', '50%']);
    expect(support?.reasons).toEqual(['It worked for my mother.', 'Too costly for a pilot.']);
    expect(data.conflicts.map((c) => c.from)).toEqual(['Voting round R-1', 'Bath Homecare Ltd']);
    // Nine people took part (seven ballots in one round, five in the other, three people in both).
    expect(data.consultation).toEqual({
      rounds: 2,
      voters: 9,
      comments: 2,
      interests: 2,
      engagements: 2,
      engagementPeople: 20,
    });
  });

  it('carries offline engagement in the order it took place, in words', () => {
    expect(makeFullCase().engagements).toEqual([
      {
        kind: 'Workshop',
        date: '12 January 2026',
        numberOfPeople: 14,
        groups: 'experts by experience, carers',
        whatTheySaid: 'Keep the same carers.\n\nTell us who is coming.',
        recordedBy: 'Fay Lee',
        recordedOn: '16 January 2026',
      },
      {
        kind: 'Focus group',
        date: '14 January 2026',
        numberOfPeople: 6,
        groups: 'carers',
        whatTheySaid: 'Evening visits matter most to us.',
        recordedBy: 'Fay Lee',
        recordedOn: '15 January 2026',
      },
    ]);
  });

  it('counts offline engagement alone as consultation: no consultation gap', () => {
    const engagement = makeFullIdea().engagements!.slice(0, 1);
    const data = makeSparseCase({ engagements: engagement });
    expect(data.consultation).toEqual({
      rounds: 0,
      voters: 0,
      comments: 0,
      interests: 0,
      engagements: 1,
      engagementPeople: 6,
    });
    expect(data.gaps).not.toContain('consultation');
    expect(makeSparseCase().gaps).toContain('consultation');
    expect(makeSparseCase().engagements).toEqual([]);
  });

  it('never carries who voted, nor any individual vote', () => {
    const json = JSON.stringify(makeFullCase());
    for (const voter of ['slack:UE1', 'slack:UE5', 'slack:UP2', 'slack:UP4']) expect(json).not.toContain(voter);
    expect(json).not.toContain('salt');
    expect(json).not.toContain('participants');
  });

  it('never prints a platform id: someone without a known name is a gap; an expert by experience is described', () => {
    expect(makeSparseCase().meta.submitter).toBe('[GAP: name not known — the report author adds it]');
    expect(JSON.stringify(makeSparseCase())).not.toContain('slack:');
    expect(makeFullCase().comments[0]?.author).toBe('an expert by experience');
  });

  it('takes email addresses and platform ids out of what people typed', () => {
    const data = makeFullCase({ summary: 'Ask jo.bloggs@example.org or slack:U123ABC or teams:abc-1 for more.' });
    expect(data.summary).toBe('Ask [email address removed] or [id removed] or [id removed] for more.');
  });

  it('leaves every unrecorded part null or empty and lists it as a gap', () => {
    const data = makeSparseCase();
    for (const key of ['criteria', 'noPrecedent', 'outline', 'shortlist', 'consultation', 'funding'] as const) {
      expect(data[key]).toBeNull();
    }
    for (const key of ['evidence', 'rounds', 'comments', 'providers', 'conflicts', 'specialists'] as const) {
      expect(data[key]).toEqual([]);
    }
    expect(data.finalProposal).toBeNull();
    expect(data.decision).toBeNull();
    expect(data.gaps).toContain('funding');
    expect(data.gaps).toContain('recommendation');
  });

  it('carries the risk register, the other options, the screening and the committee date', () => {
    const data = makeFullCase();
    expect(data.risks).toEqual([
      {
        risk: 'Provider capacity in winter.',
        likelihood: 'High',
        impact: 'Medium',
        mitigation: 'Agree winter cover with both providers before the pilot starts.',
        owner: 'Commissioning manager',
        recordedBy: 'Priya Moss',
        recordedOn: '5 January 2026',
      },
      expect.objectContaining({
        risk: 'Therapists cannot be recruited in time.',
        likelihood: 'Medium',
        impact: 'High',
      }),
    ]);
    expect(data.options).toMatchObject({
      doNothing: 'Packages stay large and are rarely reviewed; care hours keep rising.',
      recordedBy: 'Priya Moss',
    });
    expect(data.screening?.equality).toEqual({
      applicable: true,
      answer: 'Applicable',
      reason: 'Most of the cohort are older or disabled people; the pilot is designed with them.',
    });
    expect(data.screening?.publicEngagement).toMatchObject({ applicable: false, answer: 'Not applicable' });
    expect(data.finalProposal?.committeeDate).toBe('14 July 2026');
    // Templates written before the register still read the risks as one text.
    expect(data.outline?.risksNote).toBeNull();
    expect(data.outline?.risks).toContain('Provider capacity in winter (likelihood high, impact medium).');
  });

  it('keeps what earlier releases stored: the outline’s risks text, and a final proposal without a committee date', () => {
    const idea = makeFullIdea();
    const { committeeDate: _, ...finalProposal } = idea.artefacts.finalProposal!;
    const { risks: __, options: ___, screening: ____, ...older } = idea.artefacts;
    const data = makeFullCase({
      artefacts: { ...older, outline: { ...idea.artefacts.outline!, risks: 'Staffing in winter.' }, finalProposal },
    });
    expect(data.risks).toEqual([]);
    expect(data.options).toBeNull();
    expect(data.screening).toBeNull();
    expect(data.outline).toMatchObject({ risks: 'Staffing in winter.', risksNote: 'Staffing in winter.' });
    expect(data.finalProposal).toMatchObject({ committeeDate: null, evaluation: finalProposal.evaluation });
  });

  it('marks a required specialist area without sign-off as a gap', () => {
    const idea = makeFullIdea();
    const data = makeFullCase({
      artefacts: { ...idea.artefacts, requiredSpecialists: ['procurement', 'social_work'] },
    });
    expect(data.specialists.find((s) => s.area === 'Social work')).toMatchObject({ required: true, signedBy: null });
    expect(data.gaps).toContain('signOff');
  });
});
