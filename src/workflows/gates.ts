import type { Artefacts } from '../domain/artefacts.js';
import {
  BASIC_CRITERIA,
  CONSTITUENCY_LABELS,
  SPECIALIST_LABELS,
  type SpecialistArea,
  type Stage,
} from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';

/** What a gate looks at: the idea's artefacts, the round its shortlisting decision rests on, and the thresholds. */
export interface GateFacts {
  artefacts: Artefacts;
  /** The round named by the shortlisting decision, if any. */
  shortlistRound?: Pick<Round, 'id' | 'kind' | 'status' | 'result'>;
  /** A weighted score (1-5) below this is "low": shortlisting it needs an override with a reason. */
  lowScoreThreshold: number;
}

type GateCheck = (facts: GateFacts) => string[];

const criteriaCheck: GateCheck = ({ artefacts }) => {
  const criteria = artefacts.criteria;
  if (!criteria) return ['a PM to confirm the basic criteria (the criteria check form)'];
  const unmet = BASIC_CRITERIA.filter((c) => !criteria.met.includes(c.id));
  return unmet.map((c) => `the basic criterion "${c.label}" confirmed as met`);
};

const evidenceCheck: GateCheck = ({ artefacts }) =>
  artefacts.evidence.length > 0 || artefacts.noPrecedent
    ? []
    : ['at least one evidence entry from similar work elsewhere, or a recorded "no precedent found"'];

const outlineCheck: GateCheck = ({ artefacts }) =>
  artefacts.outline
    ? []
    : ['a complete outline proposal: objectives, cohort and size, duration, approach and risks (the outline form)'];

const shortlistCheck: GateCheck = ({ artefacts, shortlistRound, lowScoreThreshold }) => {
  const decision = artefacts.shortlist;
  const round = shortlistRound;
  const missing: string[] = [];
  if (round?.kind !== 'score') missing.push('a scoring round on this idea (vote open <ID> score)');
  else if (round.status !== 'closed' || !round.result) missing.push(`the scoring round ${round.id} to be closed`);
  else {
    for (const [constituency, tally] of Object.entries(round.result.byConstituency)) {
      if (tally.quorum > 0 && !tally.quorumReached) {
        const label = CONSTITUENCY_LABELS[constituency as keyof typeof CONSTITUENCY_LABELS] ?? constituency;
        missing.push(`quorum from ${label.toLowerCase()}: ${tally.voters} of ${tally.quorum} needed voted`);
      }
    }
  }
  if (!decision) missing.push('the PM’s shortlisting decision (the shortlist form)');
  else if (!decision.shortlisted)
    missing.push('a decision to shortlist it (the recorded decision was not to shortlist)');
  else if (round?.result && decision.roundId === round.id) {
    const score = round.result.overallScore;
    const low = score !== null && score < lowScoreThreshold;
    const overridden = decision.override && decision.reason;
    // A withheld result says nothing about how anyone voted, not even whether it was low (SPEC 3.1).
    if (round.result.overallWithheld && !overridden)
      missing.push('an override with a reason (the result is not shown because a group had too few voters)');
    else if (low && !overridden)
      missing.push(`a reason for shortlisting despite a low score (${score.toFixed(1)} of 5)`);
  }
  return missing;
};

const fundingCheck: GateCheck = ({ artefacts }) =>
  artefacts.funding ? [] : ['the funding source, amount and budget holder (the funding form)'];

const interestCheck: GateCheck = ({ artefacts }) => {
  if (artefacts.interests.length === 0)
    return ['at least one provider expression of interest, with its conflict-of-interest declaration'];
  return artefacts.interests
    .filter((i) => i.hasConflict && !i.conflictDetail)
    .map((i) => `details of the conflict of interest declared by ${i.providerName}`);
};

/** The specialist areas marked as required that have not signed off yet. */
export function outstandingSignOffs(artefacts: Artefacts): SpecialistArea[] {
  return artefacts.requiredSpecialists.filter((area) => !artefacts.signOffs.some((s) => s.area === area));
}

const signOffCheck: GateCheck = ({ artefacts }) =>
  !artefacts.specialistsMarkedAt
    ? ['a PM to mark which specialist areas must sign off (the "sign-offs needed" form)']
    : outstandingSignOffs(artefacts).map((area) => `a sign-off from ${SPECIALIST_LABELS[area].toLowerCase()}`);

const finalCheck: GateCheck = ({ artefacts }) => {
  const missing: string[] = [];
  if (!artefacts.finalProposal) missing.push('the evaluation approach, benefits and measurable success criteria');
  if (!artefacts.caseDraftedAt) missing.push('the JCC business case drafted (case <ID>)');
  if (artefacts.decision?.decision !== 'approved') missing.push('the JCC decision recorded as approved');
  return missing;
};

const CHECKS: Record<Stage, GateCheck> = {
  longlist: criteriaCheck,
  review: evidenceCheck,
  outline: outlineCheck,
  shortlist: shortlistCheck,
  funding: fundingCheck,
  provider_scoping: interestCheck,
  specialist_engagement: signOffCheck,
  final_proposal: finalCheck,
};

/** What the gate to leave `stage` still needs, in words a PM understands; empty when the gate holds. */
export function missingForGate(stage: Stage, facts: GateFacts): string[] {
  return CHECKS[stage](facts);
}

/** What the final-proposal gate needs before a JCC approval can be recorded (everything but the decision). */
export function missingBeforeDecision(facts: GateFacts): string[] {
  return finalCheck(facts).filter((line) => !line.startsWith('the JCC decision'));
}
