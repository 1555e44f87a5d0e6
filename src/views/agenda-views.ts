import type { Agenda } from '../workflows/agenda.js';
import { formatWhen } from './format.js';
import { formatUkDay, ideaLine } from './format-idea-line.js';
import { cmd } from './inline.js';
import { formButton, listOr, type Reply, type ReplyBlock } from './reply.js';

/** How many of each list the agenda shows before pointing at `list`. */
const SHOWN = 10;

/**
 * What waits on a person (SPEC 5 `agenda`): votes, sign-offs, and for PMs ideas ready to advance, rounds to
 * close and overdue ideas; then their own ideas. The `agenda` command and Slack's Home tab both show these blocks.
 */
export function agendaBlocks(data: Agenda): ReplyBlock[] {
  const line = (i: Agenda['ideas'][number]) => ideaLine(i, data.now, { stageDays: data.stageDays });
  const blocks: ReplyBlock[] = [{ kind: 'heading', text: 'Waiting for your vote' }];
  if (data.toVote.length === 0) blocks.push({ kind: 'context', text: 'Nothing waiting for your vote right now.' });
  for (const { round, idea } of data.toVote.slice(0, SHOWN)) {
    blocks.push({ kind: 'text', text: `${idea.id} “${idea.title}”: vote closes ${formatWhen(round.closesAt)}` });
    blocks.push({
      kind: 'buttons',
      buttons: [
        formButton(
          'Vote',
          { form: round.kind === 'score' ? 'vote_score' : 'vote_support', roundId: round.id },
          'primary',
        ),
        { label: 'See the idea', actionId: 'idea.show', value: idea.id },
      ],
    });
  }
  if (data.figuresDue.length > 0) {
    blocks.push({ kind: 'heading', text: 'Figures due for pilots' });
    for (const { idea, measureId, name, since } of data.figuresDue.slice(0, SHOWN)) {
      blocks.push({
        kind: 'text',
        text: `${idea.id} “${idea.title}”: ${measureId} ${name} (review date ${formatUkDay(since)}).`,
      });
      blocks.push({
        kind: 'buttons',
        buttons: [
          formButton('Record the figure', { form: 'checkin', ideaId: idea.id, measure: measureId }, 'primary'),
          { label: 'See the idea', actionId: 'idea.show', value: idea.id },
        ],
      });
    }
  }
  if (data.toSignOff.length > 0) {
    blocks.push({ kind: 'heading', text: 'Waiting for your sign-off' });
    for (const { idea, area } of data.toSignOff.slice(0, SHOWN)) {
      blocks.push({ kind: 'text', text: `${idea.id} “${idea.title}” needs your ${area.replace('_', ' ')} sign-off.` });
      blocks.push({
        kind: 'buttons',
        buttons: [
          formButton('Sign off', { form: 'signoff', ideaId: idea.id, area }, 'primary'),
          { label: 'See the idea', actionId: 'idea.show', value: idea.id },
        ],
      });
    }
  }
  if (data.roles.includes('pm')) {
    blocks.push({ kind: 'heading', text: 'Ready for you to advance' });
    blocks.push(listOr(data.readyToAdvance.slice(0, SHOWN).map(line), 'No idea has everything its stage needs yet.'));
    blocks.push({ kind: 'heading', text: 'Votes you can close' });
    blocks.push(
      listOr(
        data.roundsToClose
          .slice(0, SHOWN)
          .map(
            ({ round, idea }) =>
              `${idea.id} “${idea.title}”: vote ${round.id} ${Date.parse(round.closesAt) <= data.now.getTime() ? 'is past its closing time' : `closes ${formatWhen(round.closesAt)}`} (${cmd(`vote close ${idea.id}`)})`,
          ),
        'No vote is open on your ideas.',
      ),
    );
    blocks.push({ kind: 'heading', text: 'Overdue ideas' });
    blocks.push(
      listOr(
        data.overdue
          .slice(0, SHOWN)
          .map(({ idea, target }) => `${idea.id} · ${idea.title} · overdue (target was ${formatUkDay(target)})`),
        'Nothing you look after is past its target date.',
      ),
    );
    if (data.overdue.length > SHOWN)
      blocks.push({
        kind: 'context',
        text: `And ${data.overdue.length - SHOWN} more overdue. A new target date: ${cmd('due <ID> <YYYY-MM-DD>')}.`,
      });
  }
  blocks.push({ kind: 'heading', text: 'Your ideas' });
  blocks.push(
    data.mine.length === 0
      ? { kind: 'context', text: `You have not suggested an idea yet. Anyone can: ${cmd('submit')}.` }
      : { kind: 'list', items: data.mine.slice(0, SHOWN).map(line) },
  );
  if (data.mine.length > SHOWN)
    blocks.push({ kind: 'context', text: `And ${data.mine.length - SHOWN} more: ${cmd('list mine')}.` });
  return blocks;
}

/** The `agenda` reply: what waits on the caller. */
export function agendaView(data: Agenda): Reply {
  const waiting =
    data.toVote.length +
    data.toSignOff.length +
    data.readyToAdvance.length +
    data.roundsToClose.length +
    data.overdue.length;
  return {
    visibility: 'private',
    text:
      waiting === 0
        ? 'Nothing is waiting on you right now.'
        : `What waits on you: ${waiting} thing${waiting === 1 ? '' : 's'}`,
    blocks: [{ kind: 'heading', text: 'What waits on you' }, ...agendaBlocks(data)],
  };
}
