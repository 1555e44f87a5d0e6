import type { types } from '@slack/bolt';
import { STATUS_LABELS, STATUSES } from '../../domain/reference-data.js';
import type { Agenda } from '../../workflows/agenda.js';
import { formatWhen } from '../../views/format.js';
import { ideaLine } from '../../views/format-idea-line.js';
import type { ReplyBlock, ReplyButton } from '../../views/reply.js';
import { renderBlocks, SLACK_LIMITS } from './render-blocks.js';
import { cmd } from '../../views/inline.js';

/** How many of each list the Home tab shows before pointing at `/pilot list`. */
const SHOWN = 10;
/** The Home tab view (Block Kit, within the 100-block limit of a surface). */
export function homeView(data: Agenda): types.HomeView {
  const form = (label: string, value: Record<string, string>, style?: ReplyButton['style']): ReplyButton => ({
    label,
    actionId: 'form.open',
    value: JSON.stringify(value),
    style,
  });
  const blocks: ReplyBlock[] = [
    { kind: 'heading', text: 'Innovation pilot pipeline' },
    {
      kind: 'text',
      text: `Here is where things stand for you. Type ${cmd('/pilot help')} in any channel to see everything you can do.`,
    },
    { kind: 'buttons', buttons: [form('Suggest an idea', { form: 'submit' }, 'primary')] },
    { kind: 'divider' },
    { kind: 'heading', text: 'Waiting for your vote' },
  ];
  if (data.toVote.length === 0) blocks.push({ kind: 'context', text: 'Nothing waiting for your vote right now.' });
  for (const { round, idea } of data.toVote.slice(0, SHOWN)) {
    blocks.push({ kind: 'text', text: `${idea.id} “${idea.title}”: vote closes ${formatWhen(round.closesAt)}` });
    blocks.push({
      kind: 'buttons',
      buttons: [
        form('Vote', { form: round.kind === 'score' ? 'vote_score' : 'vote_support', roundId: round.id }, 'primary'),
        { label: 'See the idea', actionId: 'idea.show', value: idea.id },
      ],
    });
  }
  if (data.toSignOff.length > 0) {
    blocks.push({ kind: 'heading', text: 'Waiting for your sign-off' });
    for (const { idea, area } of data.toSignOff.slice(0, SHOWN)) {
      blocks.push({ kind: 'text', text: `${idea.id} “${idea.title}” needs your ${area.replace('_', ' ')} sign-off.` });
      blocks.push({
        kind: 'buttons',
        buttons: [
          form('Sign off', { form: 'signoff', ideaId: idea.id, area }, 'primary'),
          { label: 'See the idea', actionId: 'idea.show', value: idea.id },
        ],
      });
    }
  }
  if (data.roles.includes('pm')) {
    blocks.push({ kind: 'heading', text: 'Ready for you to advance' });
    blocks.push(
      data.readyToAdvance.length === 0
        ? { kind: 'context', text: 'No idea has everything its stage needs yet.' }
        : { kind: 'list', items: data.readyToAdvance.slice(0, SHOWN).map((i) => ideaLine(i, data.now)) },
    );
  }
  blocks.push({ kind: 'heading', text: 'Your ideas' });
  blocks.push(
    data.mine.length === 0
      ? { kind: 'context', text: 'You have not suggested an idea yet. Anyone can: use the button above.' }
      : { kind: 'list', items: data.mine.slice(0, SHOWN).map((i) => ideaLine(i, data.now)) },
  );
  if (data.mine.length > SHOWN)
    blocks.push({ kind: 'context', text: `And ${data.mine.length - SHOWN} more: ${cmd('/pilot list mine')}.` });
  blocks.push({ kind: 'divider' }, { kind: 'heading', text: 'Ideas at each stage' });
  const counts = STATUSES.map((s) => ({
    label: STATUS_LABELS[s],
    value: String(data.ideas.filter((i) => i.status === s).length),
  }));
  blocks.push({ kind: 'fields', fields: counts });
  blocks.push({
    kind: 'context',
    text: `Updated ${formatWhen(data.now.toISOString())}. Open this tab again to refresh it.`,
  });
  return { type: 'home', blocks: renderBlocks(blocks, SLACK_LIMITS.surfaceBlocks) };
}
