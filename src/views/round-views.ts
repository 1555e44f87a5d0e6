import type { Reply, ReplyBlock, ReplyButton } from './reply.js';
import type { Idea } from '../domain/idea.js';
import { isRegisteredId, type Person } from '../domain/person.js';
import { CONSTITUENCY_LABELS, type Role } from '../domain/reference-data.js';
import type { Ballot, Round, RoundResult } from '../domain/voting.js';
import {
  DEFAULT_MIN_GROUP_SIZE,
  disclosedResult,
  groupResult,
  isEligible,
  showsParticipationOnly,
  shownConstituencies,
} from '../workflows/tally.js';
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
    text: `${whoCounts(round)} ${open ? 'You can change your vote until it closes.' : `These are the totals at ${formatWhen(result.computedAt)}.`}`,
  });

  const text = open ? `${heading}. Closes ${formatWhen(round.closesAt)}.` : `${heading}.`;
  return { visibility: 'public', text, blocks };
}

/**
 * Each group the round shows (SPEC 3.1: those that may vote, and none that may not), with its figures in
 * words: “no votes” for a group nobody in voted (never a score of 0), a support round's share supporting.
 */
function constituencyTallies(round: Round, result: RoundResult) {
  const min = round.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  return shownConstituencies(round, result).map((c) => {
    const t = result.byConstituency[c];
    const label = CONSTITUENCY_LABELS[c];
    const needed = isEligible(round, c) && t.quorum > 0 ? ` (${t.quorum} needed${t.quorumReached ? ' ✓' : ''})` : '';
    if (t.withheld)
      return {
        label,
        tally: t,
        counts: `fewer than ${min} voted: not shown`,
        line: `fewer than ${min} voted: not shown`,
      };
    if (t.voters === 0) return { label, tally: t, counts: 'no votes', line: `no votes${needed}` };
    const people = `${t.voters} ${t.voters === 1 ? 'person' : 'people'} voted${needed}`;
    const counts =
      round.kind === 'score'
        ? `score ${t.weightedScore === null ? '–' : t.weightedScore.toFixed(1)} of 5`
        : `${t.support} support · ${t.neutral} neutral · ${t.oppose} oppose: ${percent(groupResult('support', t))} support`;
    return { label, tally: t, counts, line: `${people}: ${counts}` };
  });
}

/** 0.724 → “72%”. */
function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

/** The overall figure in words, with why each group counts the same; null when there is none. */
function overallText(round: Round, result: RoundResult): string | null {
  if (result.overallWithheld) return overallWithheldText(round);
  if (result.overallScore === null) return null;
  const figure =
    round.kind === 'score' ? `${result.overallScore.toFixed(1)} of 5` : `${percent(result.overallScore)} support`;
  return `Overall: ${figure}. Each group counts the same, so a bigger group cannot outweigh a smaller one.`;
}

/**
 * Tallies per constituency side by side, with the numbers needed and declared conflicts; while an
 * anonymous (or hidden-results) round is open, only how many have taken part (SPEC 3.1).
 */
export function tallyBlocks(round: Round, stored: RoundResult): ReplyBlock[] {
  const result = disclosedResult(round, stored);
  const recorded = recordedText(result);
  if (showsParticipationOnly(round)) {
    const n = result.participants.length;
    return [
      {
        kind: 'context',
        text: `${n === 0 ? 'Nobody has' : n === 1 ? '1 person has' : `${n} people have`} voted so far.${recorded ? ` ${recorded}` : ''} The totals are shown when the vote closes.`,
      },
    ];
  }
  const fields = constituencyTallies(round, result).map(({ label, line }) => ({ label, value: line }));
  const blocks: ReplyBlock[] = [
    { kind: 'fields', fields: fields.length > 0 ? fields : [{ label: 'Votes', value: 'No votes yet' }] },
  ];
  const overall = overallText(round, result);
  if (overall) blocks.push({ kind: 'context', text: overall });
  if (recorded) blocks.push({ kind: 'context', text: recorded });
  if (result.conflicts.length > 0)
    blocks.push({
      kind: 'context',
      text: `Conflicts of interest declared (${result.conflicts.length}): ${result.conflicts.join('; ')}`,
    });
  return blocks;
}

/**
 * How many of the votes a facilitator recorded for people who take part away from chat (SPEC 3.1), so
 * everyone can see how much of a result came that way; never whose they were or what they said.
 */
function recordedText(result: RoundResult): string | undefined {
  const n = result.participants.filter(isRegisteredId).length;
  if (n === 0) return undefined;
  return n === 1
    ? '1 of these votes was recorded by a facilitator, for someone who takes part away from chat.'
    : `${n} of these votes were recorded by a facilitator, for people who take part away from chat.`;
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
  // For facilitators (SPEC 3.1): the vote of someone who takes part away from chat. The form refuses anyone else.
  const recordFor: ReplyButton = {
    label: 'Record a vote for someone',
    actionId: 'form.open',
    value: JSON.stringify({ form: 'vote_record', roundId: round.id }),
  };
  if (round.kind === 'score')
    return [
      {
        label: 'Score this idea',
        actionId: 'form.open',
        value: JSON.stringify({ form: 'vote_score', roundId: round.id }),
        style: 'primary',
      },
      mine,
      recordFor,
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
    recordFor,
  ];
}

/** Who may vote, in plain words: “Only the votes of experts by experience and care providers count.” */
function whoCounts(round: Round): string {
  return `Only the votes of ${describeVoters(round.eligibleRoles)} count.`;
}

/** The people a vote is for, in words: “experts by experience and care providers”. */
export function describeVoters(roles: readonly Role[]): string {
  const names: Partial<Record<Role, string>> = {
    expert: 'experts by experience',
    provider: 'care providers',
    pm: 'project managers',
  };
  const listed = [...new Set(roles.map((r) => names[r] ?? 'invited colleagues'))];
  return listed.length > 1 ? `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}` : (listed[0] ?? 'invited people');
}

/** A priority as voters read it: its everyday form when it has one. */
function priorityName(priority: Round['priorities'][number]): string {
  return priority.short ?? priority.label;
}

/** A voter's own current vote, said back to them privately. */
export function myVoteText(round: Round, ballot: Ballot | null): string {
  if (!ballot)
    return round.status === 'open'
      ? 'You have not voted on this idea yet.'
      : 'This vote has closed. We do not show how anyone voted.';
  if (ballot.kind === 'support')
    return `Your vote: ${ballot.choice}${ballot.reason ? ` (“${ballot.reason}”)` : ''}. You can change it until the vote closes.`;
  const scores = round.priorities.map((p) => `${priorityName(p)}: ${ballot.scores[p.id] ?? '–'}`).join('. ');
  return `Here are your scores. ${scores}. You can change them until the vote closes.`;
}

/** The private reminder to someone who has not voted yet. */
export function reminderText(round: Round, idea: Idea): string {
  return `A reminder: we would still like your view on “${idea.title}”. The vote closes ${formatWhen(round.closesAt)}.`;
}

/**
 * The private reminder to a facilitator: people they registered who have no vote recorded yet in an open
 * round (their numbers and names, which only facilitators and admins see).
 */
export function recordReminder(round: Round, idea: Idea, people: Person[]): Reply {
  const text = `The vote on ${idea.id} “${idea.title}” closes ${formatWhen(round.closesAt)}. You registered ${people.length === 1 ? 'someone who has' : `${people.length} people who have`} no vote recorded yet. If they would like to take part, use “Record a vote for someone” on the voting message.`;
  return {
    visibility: 'private',
    text,
    blocks: [
      { kind: 'text', text },
      { kind: 'list', items: people.map((p) => `${p.id.slice('person:'.length)} ${p.displayName ?? ''}`.trim()) },
    ],
  };
}

/** A one-line result of a closed round, for the forum thread (totals only: never how anyone voted). */
export function roundResultText(round: Round, idea: Idea): string {
  if (!round.result) return `The vote on “${idea.title}” has closed.`;
  const result = disclosedResult(round, round.result);
  const parts = constituencyTallies(round, result)
    .filter(({ tally }) => tally.voters > 0)
    .map(({ label, line }) => `${label}: ${line}`);
  const overall = overallText(round, result);
  return `The vote on “${idea.title}” has closed. ${parts.length > 0 ? `${parts.join('. ')}.` : 'Nobody voted.'}${overall ? ` ${overall}` : ''} Thank you to everyone who took part.`;
}
