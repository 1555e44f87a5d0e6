/**
 * Slack text in and out. Outgoing: the neutral text escaped for mrkdwn, then person and channel refs
 * turned into mentions. Incoming: Slack's markup in slash-command text turned back into plain words.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */

/** Escapes the three characters Slack reads as markup, so `<!channel>` in user text can't ping anyone. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Turns neutral refs (`slack:U123`, `slack:C123`) into Slack mentions; run it after escaping. */
export function linkRefs(text: string): string {
  return text
    .replace(/\bslack:([UW][A-Z0-9]{2,})\b(?!:)/g, '<@$1>')
    .replace(/\bslack:([CG][A-Z0-9]{2,})\b(?!:)/g, '<#$1>');
}

/** Neutral text as safe mrkdwn: escaped, then with mentions. */
export function toMrkdwn(text: string): string {
  return linkRefs(escapeMrkdwn(text));
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

/** Cuts plain text to `max` characters with an ellipsis. */
export function fitPlain(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Slash-command text as plain words: mentions become neutral refs, broadcasts lose their power,
 * links keep their address, and Slack's entity escaping is undone.
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
