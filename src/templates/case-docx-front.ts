import { type Paragraph, type Table, TextRun } from 'docx';
import type { CaseData } from './case-data-schema.js';
import { countOf } from './case-format.js';
import {
  bullet,
  clean,
  heading1,
  heading2,
  type Inline,
  labelTable,
  para,
  paras,
  recordedNote,
} from './docx-blocks.js';

/** Body content of a .docx: paragraphs and tables. */
export type Block = Paragraph | Table;

const bold = (text: string) => new TextRun({ text: clean(text), bold: true });

/** The recommendation in one sentence, or a gap when the outline or the funding is missing. */
export function recommendation(d: CaseData): Inline[] {
  if (!d.outline || !d.funding) return [{ gap: 'recommendation' }];
  return [
    `That the Committee approves the pilot “${d.meta.title}” for ${d.outline.cohortSize} people over ` +
      `${countOf(d.outline.durationMonths, 'month', 'months')}, funded from ${d.funding.source} (${d.funding.amount}), ` +
      'procured through Part B of the innovation contract framework.',
  ];
}

/** The report summary table that opens a JCC paper. */
export function summaryTable(d: CaseData): Block[] {
  const c = d.consultation;
  return [
    heading1('Report summary'),
    labelTable([
      ['Report title', d.meta.title],
      ['Author', d.meta.author],
      ['Summary', d.summary],
      ['Recommendations', ...recommendation(d)],
      ['Rationale for recommendations', d.problem],
      [
        'Resource implications',
        d.funding
          ? `${d.funding.amount} from ${d.funding.source}; budget holder: ${d.funding.budgetHolder}`
          : { gap: 'funding' },
      ],
      ['Statutory considerations', { gap: 'statutory' }],
      [
        'Consultation',
        c
          ? `${countOf(c.rounds, 'closed voting round', 'closed voting rounds')} (${countOf(c.voters, 'voter', 'voters')}); ` +
            `${countOf(c.comments, 'comment', 'comments')}; ` +
            countOf(c.interests, 'provider expression of interest', 'provider expressions of interest')
          : { gap: 'consultation' },
      ],
      ['Risk management', d.outline ? d.outline.risks : { gap: 'risks' }],
    ]),
  ];
}

/** 1. Executive summary, with the pilot principles. */
export function executiveSummary(d: CaseData): Block[] {
  const s = d.shortlist;
  const shortlisted = !s
    ? para({ gap: 'shortlist' })
    : para(
        s.shortlisted
          ? `It was shortlisted on ${s.recordedOn} by ${s.recordedBy}${s.override ? ', overriding the score' : ''}.`
          : `It was not shortlisted (${s.recordedOn}, ${s.recordedBy}).`,
        s.reason ? ` Reason: ${s.reason}` : '',
      );
  return [
    heading1('1. Executive summary'),
    ...paras(d.summary),
    para(bold('Who benefits. '), d.beneficiaries),
    para(`The idea came from: ${d.meta.source}. It was submitted by ${d.meta.submitter} on ${d.meta.submittedOn}.`),
    shortlisted,
    para("The pilot follows the framework's pilot principles:"),
    ...d.principles.map((p) => bullet(p)),
  ];
}

/** 2. Recommendations, and the JCC decision if one is recorded. */
export function recommendations(d: CaseData): Block[] {
  const blocks: Block[] = [heading1('2. Recommendations')];
  if (d.outline && d.funding) {
    blocks.push(
      para(`The Committee is asked to approve the pilot “${d.meta.title}”:`),
      bullet(
        `for a cohort of ${d.outline.cohortSize} people (${d.outline.cohort}), over ` +
          `${countOf(d.outline.durationMonths, 'month', 'months')};`,
      ),
      bullet(`funded from ${d.funding.source}, ${d.funding.amount}, budget holder ${d.funding.budgetHolder};`),
      bullet('procured through Part B of the innovation contract framework.'),
    );
  } else blocks.push(para({ gap: 'recommendation' }));
  const j = d.decision;
  if (j)
    blocks.push(
      para(
        bold('JCC decision recorded: '),
        `${j.decision} on ${j.recordedOn} by ${j.recordedBy}.`,
        j.note ? ` ${j.note}` : '',
      ),
    );
  return blocks;
}

/** 3. Background: the problem, the approach, the outline, the criteria check and evidence from elsewhere. */
export function background(d: CaseData): Block[] {
  const o = d.outline;
  const c = d.criteria;
  const n = d.noPrecedent;
  return [
    heading1('3. Background and evidence from elsewhere'),
    heading2('3.1 The problem'),
    ...paras(d.problem),
    heading2('3.2 Proposed approach'),
    ...paras(d.approach),
    heading2('3.3 Outline proposal'),
    ...(o
      ? [
          labelTable([
            ['Objectives', o.objectives],
            ['Cohort', `${o.cohort} (${o.cohortSize} people)`],
            ['Duration', countOf(o.durationMonths, 'month', 'months')],
            ['Approach', o.approach],
          ]),
          recordedNote(o.recordedBy, o.recordedOn),
        ]
      : [para({ gap: 'outline' })]),
    heading2('3.4 Basic criteria'),
    ...(c
      ? [
          para(`Confirmed by ${c.recordedBy} on ${c.recordedOn}.`),
          ...c.met.map((m) => bullet(`Met: ${m}`)),
          ...c.notMet.map((m) => bullet(`Not confirmed: ${m}`)),
          ...(c.note ? paras(c.note) : []),
        ]
      : [para({ gap: 'criteria' })]),
    heading2('3.5 Evidence from elsewhere'),
    ...d.evidence.flatMap((e) => [
      para(bold(e.source), ` (recorded by ${e.recordedBy}, ${e.recordedOn})`),
      bullet(`What happened: ${e.whatHappened}`),
      bullet(`Lesson learnt: ${e.lesson}`),
    ]),
    ...(d.evidence.length > 0
      ? []
      : n
        ? [para(`No precedent was found (${n.recordedBy}, ${n.recordedOn}): ${n.note}`)]
        : [para({ gap: 'evidence' })]),
  ];
}
