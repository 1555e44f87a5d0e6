import type { Reply, ReplyBlock, ReplyButton } from '../bot/core/reply.js';
import type { Idea } from '../domain/idea.js';
import { CONSTITUENCIES, CONSTITUENCY_LABELS } from '../domain/reference-data.js';
import type { Ballot, Round, RoundResult } from '../domain/voting.js';
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
  const visible = !open || !round.hideResultsUntilClose;
  blocks.push(
    ...(visible
      ? tallyBlocks(round, result)
      : [
          {
            kind: 'context' as const,
            text: `${result.participants.length} ${result.participants.length === 1 ? 'person has' : 'people have'} voted so far. Results are shown when the vote closes.`,
          },
        ]),
  );
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
  return CONSTITUENCIES.filter((c) => result.byConstituency[c].voters > 0 || result.byConstituency[c].quorum > 0).map(
    (c) => {
      const t = result.byConstituency[c];
      const counts =
        round.kind === 'score'
          ? `score ${t.weightedScore === null ? '–' : t.weightedScore.toFixed(1)} of 5`
          : `${t.support} support · ${t.neutral} neutral · ${t.oppose} oppose`;
      return { label: CONSTITUENCY_LABELS[c], tally: t, counts };
    },
  );
}

/** Tallies per constituency side by side, with quorum and declared conflicts. */
export function tallyBlocks(round: Round, result: RoundResult): ReplyBlock[] {
  const fields = constituencyTallies(round, result).map(({ label, tally: t, counts }) => {
    const quorum = t.quorum > 0 ? ` · quorum ${t.voters}/${t.quorum}${t.quorumReached ? ' ✓' : ''}` : '';
    return { label, value: `${t.voters} voted: ${counts}${quorum}` };
  });
  const blocks: ReplyBlock[] = [
    { kind: 'fields', fields: fields.length > 0 ? fields : [{ label: 'Votes', value: 'No votes yet' }] },
  ];
  if (round.kind === 'score' && result.overallScore !== null)
    blocks.push({ kind: 'context', text: `Overall weighted score: ${result.overallScore.toFixed(1)} of 5` });
  if (result.conflicts.length > 0)
    blocks.push({
      kind: 'context',
      text: `Conflicts of interest declared (${result.conflicts.length}): ${result.conflicts.join('; ')}`,
    });
  return blocks;
}

function privacyLine(round: Round): string {
  const base = round.anonymous
    ? 'Anonymous: we show totals and who has taken part, never how any one person voted (not even to admins).'
    : 'Named: your vote is recorded with your name.';
  return round.hideResultsUntilClose ? `${base} Totals are hidden until the vote closes.` : base;
}

function voteButtons(round: Round): ReplyButton[] {
  const mine = { label: 'My vote', actionId: 'vote.mine', value: round.id };
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
  const cast = (choice: string, label: string, style?: 'primary' | 'danger') => ({
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
  const result = round.result;
  if (!result) return `The vote ${round.id} has closed.`;
  const parts = constituencyTallies(round, result).map(
    ({ label, tally: t, counts }) =>
      `${label}: ${counts} (${t.voters} voted${t.quorum > 0 ? `, quorum ${t.quorumReached ? 'reached' : 'not reached'}` : ''})`,
  );
  const overall =
    round.kind === 'score' && result.overallScore !== null ? ` Overall: ${result.overallScore.toFixed(1)} of 5.` : '';
  return `The vote ${round.id} on ${round.ideaId} has closed. ${parts.length > 0 ? `${parts.join('. ')}.` : 'Nobody voted.'}${overall} Thank you to everyone who took part.`;
}
