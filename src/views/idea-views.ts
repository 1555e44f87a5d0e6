import { type ArtefactRegistry, DEFAULT_ARTEFACTS } from '../artefacts/artefact-registry.js';
import { formButton, type Reply, type ReplyBlock, type ReplyButton } from './reply.js';
import type { AuditEvent } from '../domain/audit.js';
import { type Idea, lastPlace } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import { END_STATES, IDEA_SOURCES, OUTCOMES, STATUS_LABELS, type Status } from '../domain/reference-data.js';
import type { Round, RoundResult } from '../domain/voting.js';
import { clip, formatSince, formatWhen, who } from './format.js';
import { engagementBlocks } from './engagement-views.js';
import { cmd } from './inline.js';

export { ideaLine } from './format-idea-line.js';
import { formatUkDay } from './format-idea-line.js';
import { overdueSince, targetDayOf } from '../domain/stage-targets.js';

import { tallyBlocks } from './round-views.js';

const ENDED: readonly Status[] = END_STATES;

/** One idea in full: stage, what its gate still needs, votes, discussion and history. */
export function ideaView(
  idea: Idea,
  missing: string[],
  now: Date,
  round?: { round: Round; result: RoundResult },
  artefacts: ArtefactRegistry = DEFAULT_ARTEFACTS,
  stageDays?: Readonly<Record<string, number>>,
): Reply {
  const target = stageDays ? targetDayOf(idea, stageDays) : undefined;
  const late = stageDays ? overdueSince(idea, stageDays, now) : undefined;
  const blocks: ReplyBlock[] = [
    { kind: 'heading', text: `${idea.id}: ${idea.title}` },
    { kind: 'text', text: idea.summary },
    {
      kind: 'fields',
      fields: [
        { label: 'Stage', value: `${STATUS_LABELS[idea.status]} (for ${formatSince(idea.statusSince, now)})` },
        ...(target
          ? [
              {
                label: 'Target date',
                value: late ? `${formatUkDay(target)}: overdue` : formatUkDay(target),
              },
            ]
          : []),
        { label: 'Submitted by', value: `${who(idea.submitterId)} on ${formatWhen(idea.createdAt)}` },
        { label: 'Project manager', value: projectManager(idea) },
        { label: 'Came from', value: IDEA_SOURCES.find((s) => s.id === idea.source)?.label ?? idea.source },
        {
          label: 'Outcomes targeted',
          value: idea.outcomes.map((o) => OUTCOMES.find((x) => x.id === o)?.label ?? o).join('; '),
        },
      ],
    },
  ];
  if (late)
    blocks.push({
      kind: 'text',
      text: `Overdue: its target for ${STATUS_LABELS[idea.status]} was ${formatUkDay(late)}. A PM can set a new date with ${cmd(`due ${idea.id} <YYYY-MM-DD>`)}.`,
    });
  if (idea.status === 'on_hold')
    blocks.push({ kind: 'text', text: `On hold; it will resume at ${STATUS_LABELS[lastPlace(idea)]}.` });
  else if (!ENDED.includes(idea.status))
    blocks.push(
      missing.length === 0
        ? { kind: 'text', text: 'Ready: everything this stage needs is in place, so a PM can advance it.' }
        : {
            kind: 'text',
            text: `To move on from this stage it still needs:\n${missing.map((m) => `• ${m}`).join('\n')}`,
          },
    );
  if (round) {
    blocks.push({
      kind: 'text',
      text: `Vote ${round.round.id} (${round.round.kind}, ${round.round.status === 'open' ? `open until ${formatWhen(round.round.closesAt)}` : 'closed'})`,
    });
    if (round.round.status === 'closed' || !round.round.hideResultsUntilClose)
      blocks.push(...tallyBlocks(round.round, round.result));
  }
  // What an artefact's declaration shows of itself (the expressions of interest, with any conflict flag).
  for (const shown of artefacts.all.flatMap((a) => a.shown?.(idea) ?? []))
    blocks.push({ kind: 'text', text: shown.title }, { kind: 'list', items: shown.items });
  blocks.push(...engagementBlocks(idea.engagements ?? []));
  if (idea.comments.length > 0)
    blocks.push({
      kind: 'list',
      items: idea.comments.slice(-5).map((c) => `${who(c.authorId)}: ${clip(c.text, 300)}`),
    });
  const history = idea.history
    .slice(-6)
    .map(
      (e) =>
        `${formatWhen(e.at)} · ${describeEvent(e)}${e.to && e.from ? ` (${STATUS_LABELS[e.from]} → ${STATUS_LABELS[e.to]})` : ''} ${byWhom(e)}${e.reason ? `: ${clip(e.reason, 200)}` : ''}`,
    );
  blocks.push({
    kind: 'context',
    text: `History (latest ${history.length} of ${idea.history.length}):\n${history.join('\n')}`,
  });
  const buttons = ideaButtons(idea, artefacts);
  if (buttons.length > 0) blocks.push({ kind: 'buttons', buttons });
  return { visibility: 'private', text: `${idea.id}: ${idea.title} (${STATUS_LABELS[idea.status]})`, blocks };
}

/** The buttons under an idea: the forms of its stage's artefacts (from their declarations), and the moves. */
export function ideaButtons(idea: Idea, artefacts: ArtefactRegistry = DEFAULT_ARTEFACTS): ReplyButton[] {
  if (ENDED.includes(idea.status)) return [];
  const form = (label: string, formId: string): ReplyButton => formButton(label, { form: formId, ideaId: idea.id });
  const moves: ReplyButton[] =
    idea.status === 'on_hold'
      ? [{ label: 'Resume', actionId: 'idea.resume', value: idea.id }]
      : [{ label: 'Advance', actionId: 'idea.advance', value: idea.id, style: 'primary' }];
  // A running pilot's measures get their figures here too (their owners get the same form on review dates).
  const figures =
    idea.status === 'live' || idea.status === 'extended' || idea.status === 'evaluated'
      ? [form('Record a figure', 'checkin')]
      : [];
  return [
    ...artefacts.forStage(idea.status).map((a) => form(a.button, a.kind)),
    ...figures,
    ...moves,
    form('Comment', 'comment'),
  ];
}

/** The idea's PM (SPEC 3.1), or who looks after it before any PM has moved it. */
function projectManager(idea: Idea): string {
  const pm = ideaPm(idea);
  return pm ? who(pm) : 'None yet: every project manager is told about it';
}

function describeEvent(event: AuditEvent): string {
  const names: Record<string, string> = {
    'idea.submitted': 'submitted',
    'stage.advanced': 'advanced',
    'stage.returned': 'returned',
    'idea.held': 'put on hold',
    'idea.resumed': 'resumed',
    'idea.rejected': 'rejected',
    'idea.withdrawn': 'withdrawn',
    'idea.approved': 'approved',
    'idea.commented': 'commented',
    'idea.consulted': 'offline engagement logged',
    'pilot.checkin': 'figure recorded for a measure',
    'round.opened': 'vote opened',
    'round.closed': 'vote closed',
  };
  const round = event.type.startsWith('round.') ? event.detail?.['roundId'] : undefined;
  const name = names[event.type] ?? event.type.replace(/^artefact\./, 'recorded ').replace(/_/g, ' ');
  return typeof round === 'string' ? `${name} (${round})` : name;
}

/** Who did it: a person, or the deadline for a vote the bot closed on time. */
function byWhom(event: AuditEvent): string {
  if (event.type === 'round.closed' && event.detail?.['by'] === 'deadline') return 'at its deadline';
  return `by ${who(event.actorId)}`;
}
