import type { Reply, ReplyBlock, ReplyButton } from './reply.js';
import type { Idea } from '../domain/idea.js';
import { CONSTITUENCIES, CONSTITUENCY_LABELS } from '../domain/reference-data.js';
import type { Ballot, Round, RoundResult } from '../domain/voting.js';
import { DEFAULT_MIN_GROUP_SIZE, disclosedResult, showsParticipationOnly } from '../workflows/tally.js';
import { formatWhen } from './format.js';

/** The forum message of a round: what is asked, how it works, the tallies (if visible), and the buttons while open. */
export function roundView(round: Round, idea: Idea, result: RoundResult): Reply {
  const open = round.status === 'open';
  const heading = open ? `Your view is wanted: ${idea.id} “${idea.title}”` : `Vote closed: ${idea.id} “${idea.title}”`;
  const blocks: ReplyBlock[] = [
    { kind: 'heading', text: heading },
    { kind: 'text', text: idea.summary },
    {
      kind: 'fields',
      fields: [
        {
          label: 'What we ask',
          value:
            round.kind === 'score'
              ? 'Score the idea from 1 (low) to 5 (high) on each priority'
              : 'Do you support this idea?',
        },
        {
          label: open ? 'Closes' : 'Closed',
          value: formatWhen(open ? round.closesAt : (round.closedAt ?? round.closesAt)),
        },
        { label: 'Privacy', value: privacyLine(round) },
      ],
    },
  ];
  blocks.push(...tallyBlocks(round, result));
  if (open) blocks.push({ kind: 'buttons', buttons: voteButtons(round) });
  blocks.push({
    kind: 'context',
    text: `Vote ${round.id} · only experts by experience, providers and invited colleagues are counted · ${open ? `you can change your vote until it closes` : `result as of ${formatWhen(result.computedAt)}`}`,
  });
  const text = open ? `${heading}. Closes ${formatWhen(round.closesAt)}.` : `${heading}.`;
  return { visibility: 'public', text, blocks };
}

/** Each constituency that voted or has a quorum, with its counts in words (score or support/neutral/oppose). */
function constituencyTallies(round: Round, result: RoundResult) {
  const min = round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  return CONSTITUENCIES.filter((c) => result.byConstituency[c].voters > 0 || result.byConstituency[c].quorum > 0).map(
    (c) => {
      const t = result.byConstituency[c];
      const counts = t.withheld
        ? `fewer than ${min} voted: not shown`
        : round.kind === 'score'
          ? `score ${t.weightedScore === null ? '–' : t.weightedScore.toFixed(1)} of 5`
          : `${t.support} support · ${t.neutral} neutral · ${t.oppose} oppose`;
      return { label: CONSTITUENCY_LABELS[c], tally: t, counts };
    },
  );
}

/**
 * Tallies per constituency side by side, with quorum and declared conflicts; while an anonymous (or
 * hidden-results) round is open, only how many have taken part (SPEC 3.1).
 */
export function tallyBlocks(round: Round, stored: RoundResult): ReplyBlock[] {
  const result = disclosedResult(round, stored);
  if (showsParticipationOnly(round)) {
    const n = result.participants.length;
    return [
      {
        kind: 'context',
        text: `${n === 0 ? 'Nobody has' : n === 1 ? '1 person has' : `${n} people have`} voted so far. The totals are shown when the vote closes.`,
      },
    ];
  }
  const fields = constituencyTallies(round, result).map(({ label, tally: t, counts }) => {
    if (t.withheld) return { label, value: counts };
    const quorum = t.quorum > 0 ? ` · quorum ${t.voters}/${t.quorum}${t.quorumReached ? ' ✓' : ''}` : '';
    return { label, value: `${t.voters} voted: ${counts}${quorum}` };
  });
  const blocks: ReplyBlock[] = [
    { kind: 'fields', fields: fields.length > 0 ? fields : [{ label: 'Votes', value: 'No votes yet' }] },
  ];
  if (result.overallWithheld) blocks.push({ kind: 'context', text: overallWithheldText(round) });
  else if (round.kind === 'score' && result.overallScore !== null)
    blocks.push({ kind: 'context', text: `Overall weighted score: ${result.overallScore.toFixed(1)} of 5` });
  if (result.conflicts.length > 0)
    blocks.push({
      kind: 'context',
      text: `Conflicts of interest declared (${result.conflicts.length}): ${result.conflicts.join('; ')}`,
    });
  return blocks;
}

function overallWithheldText(round: Round): string {
  return `The overall result is not shown, because fewer than ${round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE} people voted in a group.`;
}

function privacyLine(round: Round): string {
  const min = round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const base = round.anonymous
    ? `Anonymous: no one, not even an admin, can see how you voted. Until the vote closes we only show how many have taken part. After that we show totals, but not for a group of fewer than ${min} people.`
    : 'Named: your vote is recorded with your name.';
  return round.hideResultsUntilClose ? `${base} Totals are hidden until the vote closes.` : base;
}

function voteButtons(round: Round): ReplyButton[] {
  const mine: ReplyButton = { label: 'My vote', actionId: 'vote.mine', value: round.id };
  if (round.kind === 'score')
    return [
      {
        label: 'Score this idea',
        actionId: 'form.open',
        value: JSON.stringify({ form: 'vote_score', roundId: round.id }),
        style: 'primary',
      },
      mine,
    ];
  const cast = (choice: string, label: string, style?: 'primary' | 'danger'): ReplyButton => ({
    label,
    actionId: 'vote.cast',
    value: JSON.stringify({ roundId: round.id, choice }),
    style,
  });
  return [
    cast('support', 'Support', 'primary'),
    cast('neutral', 'Neutral'),
    cast('oppose', 'Oppose'),
    {
      label: 'Add a reason or conflict',
      actionId: 'form.open',
      value: JSON.stringify({ form: 'vote_support', roundId: round.id }),
    },
    mine,
  ];
}

/** A voter's own current vote, said back to them privately. */
export function myVoteText(round: Round, ballot: Ballot | null): string {
  if (!ballot)
    return round.status === 'open'
      ? `You have not voted in ${round.id} yet.`
      : `${round.id} has closed; individual votes are not shown.`;
  if (ballot.kind === 'support')
    return `Your current vote on ${round.ideaId}: ${ballot.choice}${ballot.reason ? ` (“${ballot.reason}”)` : ''}. You can change it until the vote closes.`;
  const scores = round.priorities.map((p) => `${p.label}: ${ballot.scores[p.id] ?? '–'}`).join('; ');
  return `Your current scores on ${round.ideaId}: ${scores}. You can change them until the vote closes.`;
}

/** A one-line result of a closed round, for the forum thread (totals only: never how anyone voted). */
export function roundResultText(round: Round): string {
  if (!round.result) return `The vote ${round.id} has closed.`;
  const result = disclosedResult(round, round.result);
  const parts = constituencyTallies(round, result).map(({ label, tally: t, counts }) =>
    t.withheld
      ? `${label}: ${counts}`
      : `${label}: ${counts} (${t.voters} voted${t.quorum > 0 ? `, quorum ${t.quorumReached ? 'reached' : 'not reached'}` : ''})`,
  );
  const overall = result.overallWithheld
    ? ` ${overallWithheldText(round)}`
    : round.kind === 'score' && result.overallScore !== null
      ? ` Overall: ${result.overallScore.toFixed(1)} of 5.`
      : '';
  return `The vote ${round.id} on ${round.ideaId} has closed. ${parts.length > 0 ? `${parts.join('. ')}.` : 'Nobody voted.'}${overall} Thank you to everyone who took part.`;
}
