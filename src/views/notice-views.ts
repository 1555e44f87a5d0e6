import type { Reply } from './reply.js';
import type { Comment, Idea } from '../domain/idea.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import { clip, who } from './format.js';

/** The direct message a submitter gets when their idea moves, is held, returned, rejected or decided. */
export function ideaChangedMessage(before: Idea, after: Idea, reason?: string): Reply {
  const headline = headlineFor(before, after);
  const text = `${headline}${reason ? ` Reason given: ${reason}` : ''}`;
  return {
    visibility: 'private',
    text,
    blocks: [
      { kind: 'text', text: headline },
      ...(reason ? [{ kind: 'fields' as const, fields: [{ label: 'Reason given', value: reason }] }] : []),
      { kind: 'buttons', buttons: [{ label: 'See the idea', actionId: 'idea.show', value: after.id }] },
    ],
  };
}

function headlineFor(before: Idea, after: Idea): string {
  const name = `your idea ${after.id} “${after.title}”`;
  switch (after.status) {
    case 'on_hold':
      return `Good to know: ${name} has been put on hold at ${STATUS_LABELS[before.status]}. It will carry on from there when it resumes.`;
    case 'rejected':
      return `We're sorry: ${name} has not been taken forward. Thank you for suggesting it.`;
    case 'withdrawn':
      return `${cap(name)} has been withdrawn.`;
    case 'approved':
      if (before.status === 'final_proposal')
        return `Great news: the Joint Commissioning Committee has approved ${name}. The pilot can go ahead.`;
      break;
    case 'mainstreamed':
      return `Great news: the pilot of ${name} worked, and it is being made part of the service. Thank you for suggesting it.`;
    case 'stopped':
      return `The pilot of ${name} has been stopped: it did not work as hoped. What it taught us is recorded, so later ideas can learn from it. Thank you for suggesting it.`;
    default:
      break;
  }
  if (before.status === 'on_hold') return `${cap(name)} has resumed at ${STATUS_LABELS[after.status]}.`;
  if (before.status === 'extended' && after.status === 'live')
    return `The pilot of ${name} is running again, for a further period.`;
  if (stageIndex(after) < stageIndex(before))
    return `${cap(name)} has been returned to ${STATUS_LABELS[after.status]}.`;
  return `${cap(name)} has moved on to ${STATUS_LABELS[after.status]}.`;
}

/** The direct message a PM gets when an idea waits on them (a gate newly met, a round closed). */
export function waitingOnYouMessage(idea: Idea, headline: string): Reply {
  return {
    visibility: 'private',
    text: `Waiting on you: ${headline}`,
    blocks: [
      { kind: 'text', text: `Waiting on you: ${headline}` },
      { kind: 'context', text: `${idea.id} “${idea.title}”, now at ${STATUS_LABELS[idea.status]}` },
      {
        kind: 'buttons',
        buttons: [
          { label: 'See the idea', actionId: 'idea.show', value: idea.id },
          { label: 'Advance', actionId: 'idea.advance', value: idea.id, style: 'primary' },
        ],
      },
    ],
  };
}

/** The direct message a submitter gets when the JCC puts off its decision on their idea (the idea does not move). */
export function jccDeferredMessage(idea: Idea, note?: string): Reply {
  const headline = `The Joint Commissioning Committee has put off its decision on your idea ${idea.id} “${idea.title}”. It stays at ${STATUS_LABELS[idea.status]} and will go back to the committee at a later meeting.`;
  return {
    visibility: 'private',
    text: `${headline}${note ? ` Reason given: ${note}` : ''}`,
    blocks: [
      { kind: 'text', text: headline },
      ...(note ? [{ kind: 'fields' as const, fields: [{ label: 'Reason given', value: note }] }] : []),
      { kind: 'buttons', buttons: [{ label: 'See the idea', actionId: 'idea.show', value: idea.id }] },
    ],
  };
}

/** The direct message the submitter, or the idea's PM, gets about someone else's new comment on the idea. */
export function newCommentMessage(idea: Idea, comment: Comment, toSubmitter: boolean): Reply {
  const headline = `${who(comment.authorId)} commented on ${toSubmitter ? 'your idea' : 'the idea'} ${idea.id} “${idea.title}”:`;
  return {
    visibility: 'private',
    text: `New comment on ${toSubmitter ? 'your idea' : 'the idea'} ${idea.id} “${idea.title}”`,
    blocks: [
      { kind: 'text', text: headline },
      { kind: 'text', text: `“${clip(comment.text, 300)}”` },
      { kind: 'buttons', buttons: [{ label: 'See the idea', actionId: 'idea.show', value: idea.id }] },
    ],
  };
}

function stageIndex(idea: Idea): number {
  return Object.keys(STATUS_LABELS).indexOf(idea.status);
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
