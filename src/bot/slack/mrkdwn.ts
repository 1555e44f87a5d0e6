/**
 * Slack text in and out. Outgoing: the neutral text escaped for mrkdwn, then the person and channel refs
 * the core marked turned into mentions. Incoming: Slack's markup in slash-command text turned back into plain words.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */

import { plainInline, renderInline } from '../../views/inline.js';
import { renderMentions } from '../../views/mention.js';

/** Escapes the three characters Slack reads as markup, so `<!channel>` in user text can't ping anyone. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Turns the people and channels the core marked (`mention('slack:U123')`) into Slack mentions; run it after
 * escaping. Unmarked ids (typed by a user into a title or comment) stay plain text, so they can ping no one.
 */
export function linkRefs(text: string): string {
  return renderMentions(text, slackMention);
}

/** `slack:U123` → `<@U123>`, `slack:C123` → `<#C123>`; other ids (Teams, offline people, DMs) stay as they are. */
function slackMention(id: string): string {
  const person = /^slack:([UW][A-Z0-9]+)$/.exec(id);
  if (person) return `<@${person[1]}>`;
  const channel = /^slack:([CG][A-Z0-9]+)$/.exec(id);
  return channel ? `<#${channel[1]}>` : id;
}

/** The core's inline marks in mrkdwn: a command to type as `code`, stress as *bold*. */
const MRKDWN_STYLE = {
  plain: escapeMrkdwn,
  command: (text: string) => `\`${text}\``,
  strong: (text: string) => `*${text}*`,
};

/**
 * Neutral text as safe mrkdwn: escaped, the core's marks rendered, then with mentions. Stars and underscores
 * a Slack user typed keep the meaning Slack gives them; `<`, `>` and `&` are always escaped, so no link or ping.
 */
export function toMrkdwn(text: string): string {
  return linkRefs(renderInline(text, MRKDWN_STYLE));
}

/**
 * A council template's Markdown (bold, `-` lists, paragraphs; its values escaped with backslashes and
 * `&`, `<`, `>` as entities, which mrkdwn reads the same way) as mrkdwn: `**bold**` becomes `*bold*`, a
 * list item `• item`, backslash-escaped characters are shown as themselves, and a bare `<`, `>` or `&`
 * in the template's own text is escaped, so nothing in it becomes a link or a ping.
 */
export function markdownToMrkdwn(markdown: string): string {
  const held: string[] = [];
  // Escaped characters are set aside first, so a `\*` in someone's title can't open or close bold.
  const hold = markdown.replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => `\uE030${held.push(c) - 1}\uE031`);
  return hold
    .replace(/&(?!(?:amp|lt|gt);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/^([ \t]*)[-*+] /gm, '$1• ')
    .replace(/\uE030(\d+)\uE031/g, (_m, i: string) => escapeMrkdwn(held[Number(i)] ?? ''));
}

/** Cuts mrkdwn to `max` characters with an ellipsis, never inside an `&amp;` entity or a `<@U1>` mention. */
export function fitMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text
    .slice(0, max - 1)
    .replace(/&[a-z]*$/, '')
    .replace(/<[^>]*$/, '');
  return `${cut}…`;
}

/** Neutral text as plain text (the core's marks as words), cut to `max` characters with an ellipsis. */
export function fitPlain(text: string, max: number): string {
  const plain = plainInline(text);
  return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
}

/**
 * Slash-command text as plain words: mentions become neutral refs, broadcasts lose their power,
 * links keep their address, and Slack's entity escaping is undone. (The core takes any mention mark off typed text.)
 * https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, 'slack:$1')
    .replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, 'slack:$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label: string | undefined) => label ?? '@group')
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]*)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
