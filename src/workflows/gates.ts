import type { Artefacts, SignOff } from '../domain/artefacts.js';
import type { AuditEvent } from '../domain/audit.js';
import {
  BASIC_CRITERIA,
  CONSTITUENCY_LABELS,
  SPECIALIST_LABELS,
  STATUS_LABELS,
  type SpecialistArea,
  type Stage,
  type Status,
} from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';

/** What a gate looks at: the idea's artefacts, the round its shortlisting decision rests on, and the thresholds. */
export interface GateFacts {
  artefacts: Artefacts;
  /** The round named by the shortlisting decision, if any. */
  shortlistRound?: Pick<Round, 'id' | 'kind' | 'status' | 'result'>;
  /** A weighted score (1-5) below this is "low": shortlisting it needs an override with a reason. */
  lowScoreThreshold: number;
  /** The idea's audit trail, oldest first: it tells at which stage each sign-off was given. */
  history: readonly AuditEvent[];
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

/** The status the idea had when this sign-off was given, from the audit event recorded with it. */
function statusWhenGiven(signOff: SignOff, history: readonly AuditEvent[]): Status | undefined {
  let status: Status | undefined;
  let given: Status | undefined;
  for (const event of history) {
    const same =
      event.type === 'artefact.signoff' && event.actorId === signOff.signedBy && event.at === signOff.signedAt;
    // Earlier releases wrote no area in the event; one person's sign-offs at one instant share a stage anyway.
    if (same && (event.detail?.area ?? signOff.area) === signOff.area) given = status;
    if (event.to) status = event.to;
  }
  return given;
}

/**
 * The sign-offs that count: those given while the idea was at stage 7 (specialist engagement). Earlier
 * releases accepted sign-offs at any stage; those given before stage 7 are kept and shown, but never count.
 */
export function signOffsGivenAtStage7(artefacts: Artefacts, history: readonly AuditEvent[]): SignOff[] {
  return artefacts.signOffs.filter((s) => statusWhenGiven(s, history) === 'specialist_engagement');
}

/** The specialist areas marked as required that have not signed off at stage 7 yet. */
export function outstandingSignOffs(artefacts: Artefacts, history: readonly AuditEvent[]): SpecialistArea[] {
  const counted = signOffsGivenAtStage7(artefacts, history);
  return artefacts.requiredSpecialists.filter((area) => !counted.some((s) => s.area === area));
}

const signOffCheck: GateCheck = ({ artefacts, history }) => {
  if (!artefacts.specialistsMarkedAt)
    return ['a PM to mark which specialist areas must sign off (the "sign-offs needed" form)'];
  return outstandingSignOffs(artefacts, history).map((area) => {
    const who = SPECIALIST_LABELS[area].toLowerCase();
    const early = artefacts.signOffs.find((s) => s.area === area);
    const when = early && statusWhenGiven(early, history);
    if (!early) return `a sign-off from ${who}`;
    const given = when ? `was given at ${STATUS_LABELS[when]}` : 'was not given at this stage';
    return `a new sign-off from ${who}, given at this stage (the one on record ${given})`;
  });
};

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
