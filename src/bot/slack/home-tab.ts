import type { types } from '@slack/bolt';
import { STATUS_LABELS, STATUSES } from '../../domain/reference-data.js';
import type { Agenda } from '../../workflows/agenda.js';
import { formatWhen } from '../../views/format.js';
import { agendaBlocks } from '../../views/agenda-views.js';
import type { ReplyBlock, ReplyButton } from '../../views/reply.js';
import { renderBlocks, SLACK_LIMITS } from './render-blocks.js';
import { cmd } from '../../views/inline.js';

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
    // The same agenda as the `agenda` command, so the tab and the command never disagree.
    ...agendaBlocks(data),
  ];
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
