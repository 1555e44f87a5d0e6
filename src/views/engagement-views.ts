import { type Engagement, engagementGroupWords, engagementKindLabel } from '../domain/engagement.js';
import type { Idea } from '../domain/idea.js';
import { clip, who } from './format.js';
import type { Reply, ReplyBlock } from './reply.js';

/** How many sessions `show` lists; the rest are counted. */
const SHOWN = 5;

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-03-12` → `12 March 2026`. */
export function formatDay(day: string): string {
  return DAY_FORMAT.format(new Date(`${day}T00:00:00Z`));
}

/** `1 person`, `14 people`. */
export function peopleCount(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;
}

/** "Workshop on 12 March 2026: 14 people (experts by experience, carers)". */
export function engagementHeadline(e: Engagement): string {
  return `${engagementKindLabel(e.kind)} on ${formatDay(e.date)}: ${peopleCount(e.numberOfPeople)} (${engagementGroupWords(e.groups)})`;
}

/** Newest first: by the day it took place, then by when it was logged. */
export function newestFirst(engagements: readonly Engagement[]): Engagement[] {
  return [...engagements].sort((a, b) =>
    a.date === b.date ? b.recordedAt.localeCompare(a.recordedAt) : b.date.localeCompare(a.date),
  );
}

/** The "Offline engagement" section of `show`: the newest sessions in plain words, and a count of the rest. */
export function engagementBlocks(engagements: readonly Engagement[]): ReplyBlock[] {
  if (engagements.length === 0) return [];
  const people = engagements.reduce((n, e) => n + e.numberOfPeople, 0);
  const sessions = engagements.length === 1 ? '1 session' : `${engagements.length} sessions`;
  const items = newestFirst(engagements)
    .slice(0, SHOWN)
    .map(
      (e) =>
        `${engagementHeadline(e)}. What they said: ${clip(e.whatTheySaid.replace(/\s+/g, ' '), 300)} (logged by ${who(e.recordedBy)})`,
    );
  if (engagements.length > SHOWN)
    items.push(
      `and ${engagements.length - SHOWN} earlier ${engagements.length - SHOWN === 1 ? 'session' : 'sessions'}`,
    );
  return [
    { kind: 'text', text: `Offline engagement: ${sessions}, ${peopleCount(people)} taking part in all` },
    { kind: 'list', items },
  ];
}

/** The thank-you after a session is logged. */
export function engagementLoggedView(idea: Idea, e: Engagement): Reply {
  const text = `Thank you. This offline engagement is now logged on ${idea.id} “${idea.title}”:`;
  const what = `${engagementHeadline(e)}.`;
  const next = 'It is shown with the idea and carried into its business case.';
  return {
    visibility: 'private',
    text: `${text} ${what} ${next}`,
    blocks: [
      { kind: 'text', text },
      { kind: 'text', text: what },
      { kind: 'context', text: next },
      { kind: 'buttons', buttons: [{ label: 'See the idea', actionId: 'idea.show', value: idea.id }] },
    ],
  };
}
