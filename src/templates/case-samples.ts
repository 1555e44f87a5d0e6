import type { CaseData } from './case-data-schema.js';

/** A case with nothing but the submission recorded: every optional part is a gap. */
export function sparseCaseSample(): CaseData {
  return {
    meta: {
      ideaId: 'IP-1',
      title: 'Sample idea',
      author: 'Sample author',
      preparedOn: '1 January 2026',
      status: '5. Funding',
      submitter: 'Sample submitter',
      submittedOn: '1 January 2026',
      source: 'Staff',
      caseDraftedOn: null,
    },
    summary: 'Summary.',
    problem: 'Problem.',
    approach: 'Approach.',
    beneficiaries: 'Beneficiaries.',
    principles: ['Start with small cohorts'],
    criteria: null,
    evidence: [],
    noPrecedent: null,
    outline: null,
    shortlist: null,
    rounds: [],
    comments: [],
    engagements: [],
    consultation: null,
    outcomes: [],
    funding: null,
    providers: [],
    conflicts: [],
    specialists: [],
    finalProposal: null,
    decision: null,
    recorded: {},
    gaps: ['recommendation', 'funding', 'statutory', 'equality'],
  };
}

/** A case with every part filled, so templates are exercised on every branch at load time. */
export function fullCaseSample(): CaseData {
  const rec = { recordedBy: 'Sample person', recordedOn: '2 January 2026' };
  const table = { columns: ['Experts by experience', 'Providers'], rows: [{ label: 'Voters', cells: ['3', '2'] }] };
  return {
    ...sparseCaseSample(),
    meta: { ...sparseCaseSample().meta, caseDraftedOn: '3 January 2026' },
    criteria: { met: ['Can start with a small cohort'], notMet: ['Keep it simple'], note: 'Note.', ...rec },
    evidence: [{ source: 'Source', whatHappened: 'What happened.', lesson: 'Lesson.', ...rec }],
    noPrecedent: { note: 'Searched.', ...rec },
    outline: {
      objectives: 'Objectives.',
      cohort: 'Cohort.',
      cohortSize: 10,
      durationMonths: 6,
      approach: 'Approach.',
      risks: 'Risks.',
      ...rec,
    },
    shortlist: { shortlisted: true, override: true, reason: 'Reason.', roundId: 'R-1', ...rec },
    rounds: [
      {
        id: 'R-1',
        kind: 'support',
        kindLabel: 'Support vote',
        anonymous: true,
        openedOn: '1 January 2026',
        closedOn: '2 January 2026',
        overall: '80% support',
        quorumReached: true,
        voters: 5,
        tally: table,
        conflicts: ['Conflict.'],
        reasons: ['Reason.'],
      },
    ],
    comments: [{ author: 'Sample person', on: '2 January 2026', text: 'Comment.' }],
    engagements: [
      {
        kind: 'Workshop',
        date: '1 January 2026',
        numberOfPeople: 12,
        groups: 'experts by experience, carers',
        whatTheySaid: 'What they said.',
        ...rec,
      },
    ],
    consultation: { rounds: 1, voters: 5, comments: 1, interests: 1, engagements: 1, engagementPeople: 12 },
    outcomes: [{ group: 'For the person', items: ['More flexibility'] }],
    funding: {
      source: 'Grant',
      detail: 'Detail.',
      amount: '£1,000',
      amountValue: 1000,
      budgetHolder: 'Holder',
      ...rec,
    },
    providers: [
      {
        name: 'Provider',
        contact: 'Contact',
        summary: 'Offer.',
        hasConflict: true,
        conflict: 'Conflict.',
        flag: 'Flag.',
        ...rec,
      },
    ],
    conflicts: [{ from: 'Provider', detail: 'Conflict.' }],
    specialists: [
      { area: 'Finance', required: true, signedBy: 'Sample person', signedOn: '2 January 2026', note: 'Note.' },
      { area: 'Procurement', required: true, signedBy: null, signedOn: null, note: null },
    ],
    finalProposal: { evaluation: 'Evaluation.', benefits: 'Benefits.', successCriteria: 'Criteria.', ...rec },
    decision: { decision: 'Approved', note: 'Note.', ...rec },
    recorded: {},
    gaps: [],
  };
}
