import type { Reply, ReplyBlock, ReplyButton } from './reply.js';
import type { Idea } from '../domain/idea.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import type { PastLesson } from '../artefacts/pilot.js';

/** The confirmation after a submission, with up to three similar ideas the submitter could comment on instead. */
export function submittedView(
  idea: Idea,
  similar: { idea: Idea; score: number }[],
  lessons: readonly PastLesson[] = [],
): Reply {
  const text = `Thank you! Your idea is ${idea.id} “${idea.title}”. It is on the longlist; a project manager will check it against the basic criteria, and you will get a message when it moves.`;
  const blocks: ReplyBlock[] = [{ kind: 'text', text }];
  if (similar.length > 0) {
    blocks.push({
      kind: 'text',
      text: 'These existing ideas look similar. If yours is really the same, you could withdraw it and comment on one of these instead:',
    });
    blocks.push({
      kind: 'list',
      items: similar.map((s) => `${s.idea.id} “${s.idea.title}” (${STATUS_LABELS[s.idea.status]})`),
    });
    blocks.push({
      kind: 'buttons',
      buttons: [
        ...similar.map((s): ReplyButton => ({
          label: `Comment on ${s.idea.id}`,
          actionId: 'form.open',
          value: JSON.stringify({ form: 'comment', ideaId: s.idea.id }),
        })),
        { label: `Withdraw ${idea.id}`, actionId: 'idea.withdraw', value: idea.id, style: 'danger' },
      ],
    });
  }
  // Lessons from finished pilots on a similar theme: a list of its own, never mixed with the similar ideas.
  if (lessons.length > 0) {
    blocks.push({ kind: 'heading', text: 'Lessons from past pilots' });
    blocks.push({
      kind: 'list',
      items: lessons.map(
        (l) => `${l.id} “${l.title}” (${l.status === 'stopped' ? 'stopped' : 'mainstreamed'}): ${l.lessons}`,
      ),
    });
  }
  return { visibility: 'private', text, blocks };
}
