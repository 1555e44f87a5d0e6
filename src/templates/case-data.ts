import { signOffsGivenAtStage7 } from '../artefacts/sign-off-stages.js';
import type { Idea } from '../domain/idea.js';
import {
  BASIC_CRITERIA,
  FUNDING_SOURCES,
  IDEA_SOURCES,
  OUTCOME_GROUP_LABELS,
  OUTCOMES,
  PILOT_PRINCIPLES,
  SPECIALIST_AREAS,
  SPECIALIST_LABELS,
  STATUS_LABELS,
} from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';
import { type CaseData, caseDataSchema } from './case-data-schema.js';
import { displayName, formatDate, formatMoney } from './case-format.js';
import { buildCaseRounds } from './case-rounds.js';
import { findGaps } from './find-gaps.js';

export { type CaseData, caseDataSchema } from './case-data-schema.js';

const DECISION_LABELS = { approved: 'Approved', deferred: 'Deferred', rejected: 'Rejected' } as const;

/** What a business case is built from: the idea, all rounds (only its closed ones are used), names and a clock. */
export interface CaseInput {
  idea: Idea;
  rounds: Round[];
  /** Person id → display name; unknown ids are shown as the id. */
  names: Record<string, string>;
  /** Who the paper is prepared by (display text). */
  author: string;
  now: Date;
  /** Configured priorities, used to label score-round means when a round lacks its own labels. */
  priorities: { id: string; label: string; weight: number }[];
}

/** Maps only what is recorded on the idea to CaseData; every missing piece is `null` or empty and listed in `gaps`. */
export function buildCaseData(input: CaseInput): CaseData {
  const { idea, names } = input;
  const a = idea.artefacts;
  const who = (id: string) => displayName(names, id);
  const by = (id: string, at: string) => ({ recordedBy: who(id), recordedOn: formatDate(at) });
  const rounds = buildCaseRounds(idea.id, input.rounds, input.priorities);
  // Only sign-offs given at stage 7 count (gates.ts); earlier ones are not shown as sign-offs.
  const counted = signOffsGivenAtStage7(a, idea.history);
  const signOff = (area: string) => counted.findLast((s) => s.area === area);
  const specialists = SPECIALIST_AREAS.filter((s) => a.requiredSpecialists.includes(s) || signOff(s)).map((area) => {
    const s = signOff(area);
    return {
      area: SPECIALIST_LABELS[area],
      required: a.requiredSpecialists.includes(area),
      signedBy: s ? who(s.signedBy) : null,
      signedOn: s ? formatDate(s.signedAt) : null,
      note: s?.note ?? null,
    };
  });
  const providers = a.interests.map((i) => ({
    name: i.providerName,
    contact: i.contact ?? null,
    summary: i.summary,
    hasConflict: i.hasConflict,
    conflict: i.hasConflict ? (i.conflictDetail ?? null) : null,
    ...by(i.declaredBy, i.declaredAt),
  }));
  const voters = rounds.reduce((n, r) => n + r.voters, 0);
  const consultation = { rounds: rounds.length, voters, comments: idea.comments.length, interests: providers.length };
  const data: CaseData = {
    meta: {
      ideaId: idea.id,
      title: idea.title,
      author: input.author,
      preparedOn: formatDate(input.now),
      status: STATUS_LABELS[idea.status],
      submitter: who(idea.submitterId),
      submittedOn: formatDate(idea.createdAt),
      source: IDEA_SOURCES.find((s) => s.id === idea.source)?.label ?? idea.source,
      caseDraftedOn: a.caseDraftedAt ? formatDate(a.caseDraftedAt) : null,
    },
    summary: idea.summary,
    problem: idea.problem,
    approach: idea.approach,
    beneficiaries: idea.beneficiaries,
    principles: [...PILOT_PRINCIPLES],
    criteria: a.criteria
      ? {
          met: BASIC_CRITERIA.filter((c) => a.criteria!.met.includes(c.id)).map((c) => c.label),
          notMet: BASIC_CRITERIA.filter((c) => !a.criteria!.met.includes(c.id)).map((c) => c.label),
          note: a.criteria.note ?? null,
          ...by(a.criteria.confirmedBy, a.criteria.confirmedAt),
        }
      : null,
    evidence: a.evidence.map((e) => ({
      source: e.source,
      whatHappened: e.whatHappened,
      lesson: e.lesson,
      ...by(e.addedBy, e.addedAt),
    })),
    noPrecedent: a.noPrecedent
      ? { note: a.noPrecedent.note, ...by(a.noPrecedent.recordedBy, a.noPrecedent.recordedAt) }
      : null,
    outline: a.outline
      ? {
          objectives: a.outline.objectives,
          cohort: a.outline.cohort,
          cohortSize: a.outline.cohortSize,
          durationMonths: a.outline.durationMonths,
          approach: a.outline.approach,
          risks: a.outline.risks,
          ...by(a.outline.updatedBy, a.outline.updatedAt),
        }
      : null,
    shortlist: a.shortlist
      ? {
          shortlisted: a.shortlist.shortlisted,
          override: a.shortlist.override,
          reason: a.shortlist.reason ?? null,
          roundId: a.shortlist.roundId,
          ...by(a.shortlist.decidedBy, a.shortlist.decidedAt),
        }
      : null,
    rounds,
    comments: idea.comments.map((c) => ({ author: who(c.authorId), on: formatDate(c.at), text: c.text })),
    consultation: rounds.length + consultation.comments + consultation.interests > 0 ? consultation : null,
    outcomes: Object.entries(OUTCOME_GROUP_LABELS)
      .map(([group, label]) => ({
        group: label,
        items: OUTCOMES.filter((o) => o.group === group && idea.outcomes.includes(o.id)).map((o) => o.label),
      }))
      .filter((g) => g.items.length > 0),
    funding: a.funding
      ? {
          source: FUNDING_SOURCES.find((f) => f.id === a.funding!.source)?.label ?? a.funding.source,
          detail: a.funding.sourceDetail ?? null,
          amount: formatMoney(a.funding.amount),
          amountValue: a.funding.amount,
          budgetHolder: a.funding.budgetHolder,
          ...by(a.funding.recordedBy, a.funding.recordedAt),
        }
      : null,
    providers,
    conflicts: [
      ...rounds.flatMap((r) => r.conflicts.map((detail) => ({ from: `Voting round ${r.id}`, detail }))),
      ...providers.filter((p) => p.conflict).map((p) => ({ from: p.name, detail: p.conflict! })),
    ],
    specialists,
    finalProposal: a.finalProposal
      ? {
          evaluation: a.finalProposal.evaluation,
          benefits: a.finalProposal.benefits,
          successCriteria: a.finalProposal.successCriteria,
          ...by(a.finalProposal.updatedBy, a.finalProposal.updatedAt),
        }
      : null,
    decision: a.decision
      ? {
          decision: DECISION_LABELS[a.decision.decision],
          note: a.decision.note ?? null,
          ...by(a.decision.recordedBy, a.decision.recordedAt),
        }
      : null,
    gaps: [],
  };
  data.gaps = findGaps(data);
  return caseDataSchema.parse(data);
}
