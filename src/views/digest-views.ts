import { measureProgressLine } from '../reports/pilot-progress.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import { formatDate } from '../templates/case-format.js';
import type { Digest } from '../workflows/weekly-digest.js';
import { clip } from './format.js';
import { cmd } from './inline.js';
import { listOr, type Reply, type ReplyBlock } from './reply.js';

/** How many lines of each list the digest shows (a Slack message holds 50 blocks, a section 3,000 characters). */
const SHOWN = 20;

/** The weekly digest: what moved in the last week and what is overdue (a PM's own, or the whole pipeline's for the committee). */
export function digestView(digest: Digest, audience: 'pm' | 'committee'): Reply {
  const title = `Weekly digest: ${formatDate(digest.since)} to ${formatDate(digest.now)}`;
  const blocks: ReplyBlock[] = [{ kind: 'heading', text: title }];
  blocks.push({ kind: 'text', text: 'What moved in the last week' });
  blocks.push(
    listOr(
      digest.moves
        .slice(-SHOWN)
        .map(
          (m) =>
            `${m.idea.id} · ${clip(m.idea.title, 60)} · ${STATUS_LABELS[m.from]} → ${STATUS_LABELS[m.to]} on ${formatDate(m.at)}`,
        ),
      'No idea changed stage this week.',
    ),
  );
  if (digest.moves.length > SHOWN)
    blocks.push({ kind: 'context', text: `And ${digest.moves.length - SHOWN} earlier moves this week.` });
  blocks.push({ kind: 'text', text: audience === 'pm' ? 'Overdue ideas you look after' : 'Overdue ideas' });
  blocks.push(
    listOr(
      digest.overdue
        .slice(0, SHOWN)
        .map(
          ({ idea, target }) =>
            `${idea.id} · ${clip(idea.title, 60)} · ${STATUS_LABELS[idea.status]} · overdue since ${formatDate(`${target}T12:00:00Z`)}`,
        ),
      'Nothing is overdue. Well done.',
    ),
  );
  if (digest.overdue.length > SHOWN)
    blocks.push({ kind: 'context', text: `And ${digest.overdue.length - SHOWN} more overdue: see ${cmd('agenda')}.` });
  if (digest.pilots.length > 0) {
    blocks.push({ kind: 'text', text: 'Pilots in delivery, and their measures against target' });
    blocks.push({
      kind: 'list',
      items: digest.pilots.slice(0, SHOWN).map((p) => {
        const measures = p.measures.length === 0 ? 'no measures yet' : p.measures.map(measureProgressLine).join('; ');
        return `${p.id} · ${clip(p.title, 60)} · ${p.label} · ${measures}`;
      }),
    });
    if (digest.pilots.length > SHOWN)
      blocks.push({ kind: 'context', text: `And ${digest.pilots.length - SHOWN} more pilots: see ${cmd('report')}.` });
  }
  if (audience === 'pm')
    blocks.push({
      kind: 'context',
      text: `To set a new target date: ${cmd('due <ID> <YYYY-MM-DD>')}. What waits on you: ${cmd('agenda')}.`,
    });
  const text = `${title}: ${digest.moves.length} moved, ${digest.overdue.length} overdue`;
  // A PM's copy is a direct message; the committee's is posted in its channel for everyone there.
  return { visibility: audience === 'pm' ? 'private' : 'public', text, blocks };
}
