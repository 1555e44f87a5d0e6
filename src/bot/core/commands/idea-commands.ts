import { PilotError } from '../../../domain/pilot-error.js';
import { loadIdea } from '../../../workflows/mutate-idea.js';
import { END_STATES, STAGES, STATUS_LABELS, STATUSES, type Status } from '../../../domain/reference-data.js';
import { buildForm } from '../../../views/forms.js';
import { ideaView } from '../../../views/idea-views.js';
import { listView } from '../../../views/list-views.js';
import { type CommandEntry, defineCommand } from '../command.js';
import { openForm } from '../form-actions.js';
import { readIdeaId, textAfter } from '../words.js';
import { cmd } from '../../../views/inline.js';

type ListFilter = { kind: 'active' | 'all' | 'mine' } | { kind: 'status'; status: Status };

function readListFilter(word: string | undefined): ListFilter {
  if (!word || word === 'active') return { kind: 'active' };
  const w = word.toLowerCase();
  if (w === 'all' || w === 'mine') return { kind: w };
  const byNumber = /^[1-8]$/.test(w) ? STAGES[Number(w) - 1] : undefined;
  const status =
    byNumber ??
    STATUSES.find((s) => s === w || s.replace('_', '') === w.replace(/[-_]/g, '') || (s === 'on_hold' && w === 'hold'));
  if (!status)
    throw new PilotError(
      'invalid_argument',
      `“${word.slice(0, 40)}” is not a stage. Try ${cmd('list')}, ${cmd('list mine')}, ${cmd('list all')} or a stage: ${STAGES.join(', ')}, on_hold, approved, rejected, withdrawn.`,
    );
  return { kind: 'status', status };
}

/** submit, list, show, comment, consult. */
export const ideaCommands: CommandEntry[] = [
  defineCommand({
    name: 'submit',
    usage: 'submit [title]',
    summary: 'suggest an idea (opens the submission form)',
    who: 'anyone',
    parse: (_words, rest) => ({ title: rest.trim().slice(0, 120) }),
    run: async (_ctx, args) => {
      const form = buildForm('submit', args.title ? { title: args.title } : {});
      return {
        visibility: 'private',
        text: 'Opening the idea form…',
        blocks: [
          {
            kind: 'buttons',
            buttons: [
              {
                label: 'Open the idea form',
                actionId: 'form.open',
                value: JSON.stringify({ form: 'submit', title: args.title }),
              },
            ],
          },
        ],
        form,
      };
    },
  }),
  defineCommand({
    name: 'list',
    usage: 'list [stage|mine|all] [page]',
    summary: 'the pipeline: counts per stage and the ideas in it',
    who: 'anyone',
    parse: (words) => {
      const page = words[1] ? Number(words[1].replace(/^page/i, '')) : 1;
      if (!Number.isInteger(page) || page < 1)
        throw new PilotError(
          'invalid_argument',
          `Pages are numbered 1, 2, 3… Usage: ${cmd('list [stage|mine|all] [page]')}`,
        );
      return { filter: readListFilter(words[0]), page };
    },
    run: async (ctx, args) => {
      const f = args.filter;
      // One read: the counts are always of the whole pipeline, the lines are the filtered ideas.
      const all = await ctx.services.deps.store.listIdeas();
      // The default list is the selection and pilots still running; ended ones are under `list all`.
      const ended: readonly Status[] = END_STATES;
      const shown = all.filter((i) =>
        f.kind === 'mine'
          ? i.submitterId === ctx.caller.personId
          : f.kind === 'status'
            ? i.status === f.status
            : f.kind === 'all' || !ended.includes(i.status),
      );
      const counts = countByStatus(all);
      const title =
        f.kind === 'mine'
          ? 'Your ideas'
          : f.kind === 'all'
            ? 'All ideas'
            : f.kind === 'status'
              ? `Ideas at ${STATUS_LABELS[f.status]}`
              : 'Ideas in the pipeline';
      return listView({
        title,
        counts,
        ideas: shown,
        page: args.page,
        now: ctx.now,
        filterWord: f.kind === 'status' ? f.status : f.kind,
        stageDays: ctx.rules.stageDays,
      });
    },
  }),
  defineCommand({
    name: 'show',
    usage: 'show <ID>',
    summary: 'one idea: stage, what it still needs, votes, history',
    who: 'anyone',
    parse: (words) => ({ id: readIdeaId(words[0], 'show <ID>') }),
    run: async (ctx, args) => {
      const idea = await loadIdea(ctx.services.deps.store, args.id);
      const missing = await ctx.services.pipeline.missing(idea);
      const round = idea.latestRoundId ? await ctx.services.deps.store.getRound(idea.latestRoundId) : null;
      return ideaView(
        idea,
        missing,
        ctx.now,
        round ? { round, result: await ctx.services.voting.result(round) } : undefined,
        ctx.services.deps.artefacts,
        ctx.rules.stageDays,
      );
    },
  }),
  defineCommand({
    name: 'comment',
    usage: 'comment <ID> <text>',
    summary: 'add a comment to an idea’s discussion',
    who: 'anyone',
    parse: (words, rest) => {
      const id = readIdeaId(words[0], 'comment <ID> <text>');
      const text = textAfter(rest, 1);
      if (!text)
        throw new PilotError(
          'missing_argument',
          `Please write your comment after the idea id. Usage: ${cmd('comment <ID> <text>')}`,
        );
      if (text.length > 3000)
        throw new PilotError('invalid_argument', 'That comment is too long: at most 3,000 characters, please.');
      return { id, text };
    },
    run: async (ctx, args) => {
      const idea = await ctx.services.pipeline.comment(ctx.caller.personId, args.id, args.text);
      return {
        visibility: 'private',
        text: `Thank you, your comment on ${idea.id} has been added. It is shown with the idea and carried into its business case.`,
        blocks: [],
      };
    },
  }),
  defineCommand({
    name: 'consult',
    usage: 'consult <ID>',
    summary: 'log a workshop, focus group, survey, visit or phone calls held away from chat (opens a form)',
    who: ['facilitator', 'pm'],
    parse: (words) => ({ id: readIdeaId(words[0], 'consult <ID>') }),
    run: async (ctx, args) => {
      const opened = await openForm(ctx, 'consult', { ideaId: args.id });
      // Where the form can't open at once (a Slack trigger that expired), its button opens it again.
      const again = {
        label: 'Open the form',
        actionId: 'form.open' as const,
        value: JSON.stringify({ form: 'consult', ideaId: args.id }),
      };
      return { ...opened, blocks: [...opened.blocks, { kind: 'buttons', buttons: [again] }] };
    },
  }),
];

function countByStatus(ideas: { status: Status }[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const idea of ideas) counts[idea.status]++;
  return counts;
}
