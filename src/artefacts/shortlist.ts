import { shortlistDecisionSchema } from '../domain/artefacts.js';
import { PilotError } from '../domain/pilot-error.js';
import { CONSTITUENCY_LABELS } from '../domain/reference-data.js';
import { area, YES_NO, yes } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY, requireStage } from './define-artefact.js';
import { cmd } from '../views/inline.js';
import { lowGroups } from '../workflows/tally.js';

/** Stage 4: the PM's shortlisting decision, resting on the idea's latest closed scoring round. */
export const shortlistArtefact = defineArtefact({
  kind: 'shortlist',
  what: 'shortlisting decision',
  stage: 'shortlist',
  button: 'Shortlisting decision',
  who: PM_ONLY,
  input: shortlistDecisionSchema.omit({ decidedBy: true, decidedAt: true, roundId: true }),
  form: (idea) => ({
    title: `Shortlisting decision: ${idea}`,
    submitLabel: 'Record decision',
    fields: [
      {
        id: 'shortlisted',
        label: 'Shortlist this idea?',
        kind: 'select',
        required: true,
        options: [
          { value: 'yes', label: 'Yes, shortlist it' },
          { value: 'no', label: 'No' },
        ],
      },
      {
        id: 'override',
        label: 'Is this an override of a low score?',
        kind: 'select',
        required: true,
        options: YES_NO,
        initial: 'no',
      },
      area('reason', 'Reason (needed for an override)', 2000, { required: false }),
    ],
  }),
  fromForm: (values) => ({ ...values, shortlisted: yes(values.shortlisted), override: yes(values.override) }),
  apply: (a, v, { by, at, idea }) => {
    requireStage(idea, 'shortlist');
    // A shortlisting decision rests on the idea's latest round, not on the round of an earlier decision.
    const roundId = idea.latestRoundId;
    if (!roundId)
      throw new PilotError(
        'invalid_transition',
        `Open and close a scoring round on ${idea.id} before recording the shortlisting decision: ${cmd(`vote open ${idea.id} score`)}.`,
      );
    if (v.override && !v.reason)
      throw new PilotError('invalid_input', 'An override needs a reason.', {
        fieldErrors: { reason: 'An override needs a reason.' },
      });
    return { ...a, shortlist: { ...v, roundId, decidedBy: by, decidedAt: at } };
  },
  heard: (v) =>
    v.shortlisted
      ? { kind: 'shortlisted', override: v.override, reason: v.reason }
      : { kind: 'not_shortlisted', reason: v.reason },
  caseData: ({ artefacts: { shortlist } }, { by }) => ({
    shortlist: shortlist
      ? {
          shortlisted: shortlist.shortlisted,
          override: shortlist.override,
          reason: shortlist.reason ?? null,
          roundId: shortlist.roundId,
          ...by(shortlist.decidedBy, shortlist.decidedAt),
        }
      : null,
  }),
  gate: ({ artefacts, shortlistRound: round, lowScoreThreshold }) => {
    const decision = artefacts.shortlist;
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
      const overridden = decision.override && decision.reason;
      const score = round.result.overallScore;
      const low = lowGroups(round, round.result, lowScoreThreshold);
      // A withheld result says nothing about how anyone voted, not even whether it was low (SPEC 3.1).
      if (round.result.overallWithheld && !overridden)
        missing.push('an override with a reason (the result is not shown because a group had too few voters)');
      // The experts' own low result (or the providers') needs a reason, whatever the overall figure says.
      else if (low.length > 0 && !overridden)
        missing.push(
          `an override with a reason: ${low.map((c) => lowText(c, round.result?.byConstituency[c]?.weightedScore)).join(' and ')}`,
        );
      else if (score !== null && score < lowScoreThreshold && !overridden)
        missing.push(`a reason for shortlisting despite a low score (${score.toFixed(1)} of 5)`);
    }
    return missing;
  },
});

/** “experts by experience scored it 1.7 of 5”. */
function lowText(constituency: 'experts' | 'providers' | 'others', score: number | null | undefined): string {
  const who = CONSTITUENCY_LABELS[constituency].toLowerCase();
  return score === null || score === undefined
    ? `${who} were mostly against it`
    : `${who} scored it ${score.toFixed(1)} of 5`;
}
