import { unmarkUserText } from '../../views/mention.js';
import { ideaIdSchema } from '../../domain/idea.js';
import { PilotError } from '../../domain/pilot-error.js';
import type { Action } from '../../views/reply.js';
import { cmd } from '../../views/inline.js';

/** Splits a command line into words (runs of spaces collapse). */
export function splitWords(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** Reads an idea id (`IP-3`, `ip-3`, or just `3`) or explains the usage. */
export function readIdeaId(word: string | undefined, usage: string): string {
  if (!word) throw new PilotError('missing_argument', `Which idea? Usage: ${cmd(usage)}`);
  const candidate = /^\d+$/.test(word) ? `IP-${word}` : word;
  const parsed = ideaIdSchema.safeParse(candidate);
  if (!parsed.success)
    throw new PilotError(
      'invalid_argument',
      `“${word.slice(0, 40)}” is not an idea id; ids look like IP-12. Usage: ${cmd(usage)}`,
    );
  return parsed.data;
}

/** The text after the first `skip` words of `rest`, trimmed (keeps the person's own spacing). */
export function textAfter(rest: string, skip: number): string {
  let remaining = rest.trimStart();
  for (let i = 0; i < skip; i++) remaining = remaining.replace(/^\S+\s*/, '');
  return remaining.trim();
}

/**
 * Reads a person as a platform-qualified id (`slack:U123`, `teams:<id>`), or a person registered without a
 * chat account (`person:P-1`, or just `P-1`). Each adapter turns its own mention syntax into such an id
 * before the text reaches the core (Slack's `<@U123>` in `fromSlackText`).
 */
export function readPerson(word: string | undefined, usage: string): string {
  if (!word) throw new PilotError('missing_argument', `Who? Usage: ${cmd(usage)}`);
  if (/^(slack|teams|local):[A-Za-z0-9._:@-]{1,200}$/.test(word)) return word;
  const registered = readRegistered(word);
  if (registered) return registered;
  throw new PilotError(
    'invalid_argument',
    `“${word.slice(0, 60)}” is not a person I recognise. Mention them (@name), or write slack:U123, teams:<id> or, for someone registered without a chat account, P-1. Usage: ${cmd(usage)}`,
  );
}

/** `person:P-7`, `P-7` or `p-7` as `person:P-7`; undefined for anything else. */
export function readRegistered(word: string): string | undefined {
  const match = /^(?:person:)?p-([1-9][0-9]{0,8})$/i.exec(word.trim());
  return match ? `person:P-${match[1]}` : undefined;
}

/** Requires a non-empty reason. */
export function requireReason(reason: string, usage: string): string {
  if (!reason) throw new PilotError('missing_argument', `Please give a reason. Usage: ${cmd(usage)}`);
  if (reason.length > 2000)
    throw new PilotError('invalid_argument', 'The reason is too long: at most 2,000 characters, please.');
  return reason;
}

/** An action with every typed string unmarked (command text, form values): what a person sends never carries the mark. */
export function unmarkAction(action: Action): Action {
  if (action.kind === 'text') return { ...action, text: unmarkUserText(action.text) };
  if (action.kind === 'button') return { ...action, value: unmarkUserText(action.value) };
  const values = Object.fromEntries(
    Object.entries(action.values ?? {}).map(([field, value]) => [
      field,
      typeof value === 'string'
        ? unmarkUserText(value)
        : Array.isArray(value)
          ? value.map((v: unknown) => (typeof v === 'string' ? unmarkUserText(v) : v))
          : value,
    ]),
  );
  return { ...action, values };
}
