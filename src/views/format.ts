import { isRegisteredId } from '../domain/person.js';
/** Small formatting helpers shared by the neutral views. */

import { mention } from './mention.js';

/** A date people read: "Thu 26 Nov 2026, 14:00 UTC". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}

/** "3 days", "1 day", "5 hours" between two times. */
export function formatSince(iso: string, now: Date): string {
  const hours = Math.max(0, (now.getTime() - Date.parse(iso)) / 3_600_000);
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? '' : 's'}`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** A person the bot names, marked so the adapters turn it into a mention (`slack:U1` → <@U1> in Slack) or a name. */
export function who(personId: string): string {
  // Someone registered without a chat account is named by their number: their name is for facilitators only.
  if (isRegisteredId(personId)) return personId.slice('person:'.length);
  return mention(personId);
}

/** Cuts long text at a word boundary with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** £12,500 */
export function formatMoney(amount: number): string {
  return `£${amount.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
}
