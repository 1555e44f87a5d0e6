import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channel, makeMembersAdded, makeUser, personalChat } from './make-activity.js';
import { cardOf, shown, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { ideaInputs, steps } from './teams-steps.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

const alice = makeUser('alice', 'Alice Jones');
const experts = channel('experts');
const TITLE = '[Vote here](https://evil.example)';
/** Each line of the summary as typed: links, an image, an autolink, entities, emphasis, and line-start markers. */
const SUMMARY_LINES = [
  'A small pilot that helps people stay at home: ![pixel](http://evil.example/x.png) and <https://evil.example/auto>',
  '&lt;b&gt; &#x5B;x&#x5D; _under_ ~~gone~~ `tick` *star* **double**',
  // The core's own private marks for a command and for stress, pasted in: taken off, never bold.
  'forged: \uE020vote close IP-1\uE021 and \uE022urgent\uE023',
  '# Heading',
  '- item',
  '+ plus',
  '> quote',
  '1. first',
  '2) second',
  '===',
];
const PROBLEM = '# Heading\n- item\n[Vote](https://evil.example)\nPeople wait too long for support at home.';

/** Every string in a card that Teams reads as Markdown: TextBlock text and Fact titles and values. */
function markdownIn(card: Json): string[] {
  const out: string[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(node.text);
    if (Array.isArray(node.facts)) for (const f of node.facts) out.push(f.title, f.value);
    for (const key of ['body', 'items', 'columns']) if (node[key]) walk(node[key]);
  };
  walk(card);
  return out;
}

/**
 * What in a Markdown string would still format (CommonMark, the basis of the Adaptive Card subset):
 * after putting a letter for each backslash-escaped character and a mark for the bot's own `**bold**`, any link, image, code,
 * emphasis or entity character, and any list, heading, quote or rule marker at the start of a line.
 */
function liveMarkdown(text: string): string[] {
  const bare = text.replace(/\\[!-/:-@[-`{-~]/g, 'x').replace(/\*\*/g, '¶');
  const inline = [...bare.matchAll(/[[\]()*_`~&<>]|!\[/g)].map((m) => m[0]);
  const lines = bare
    .split('\n')
    .filter((line) => /^[ \t]*([#>+=-]|\d{1,9}[.)]([ \t]|$))/.test(line))
    .map((line) => `line: ${line}`);
  return [...inline, ...lines];
}

let h: TeamsHarness;
let s: ReturnType<typeof steps>;
const cards: Record<string, Json> = {};

beforeAll(async () => {
  h = await startTeamsHarness({ PILOT_QUORUM_EXPERTS: '1' });
  s = steps(h);
  await s.say(alice, 'forum experts', experts);
  const form = (await s.say(alice, 'submit A pilot')).card;
  const inputs = { ...ideaInputs('A pilot'), title: TITLE, summary: SUMMARY_LINES.join('\n'), problem: PROBLEM };
  cards.submitted = (await s.press(alice, form, 'Submit idea', inputs)).card;
  cards.show = (await s.say(alice, 'show IP-1')).card;
  cards.list = (await s.say(alice, 'list')).card;
  const opened = await s.say(alice, 'vote open IP-1 support 2');
  cards.forum = cardOf(opened.calls.find((c) => c.kind === 'send' && c.conversationId === experts.id)?.body);
  cards.formAgain = (await s.press(alice, form, 'Submit idea', { ...inputs, outcomes: '' })).card;
});
afterAll(async () => {
  await h.close();
});

describe('people’s Markdown is shown as typed in Teams cards, never as links, images or formatting', () => {
  it.each(['show', 'list', 'forum', 'submitted', 'formAgain'])('the %s card', (name) => {
    const card = cards[name];
    expect(card, name).toBeTruthy();
    const texts = markdownIn(card);
    if (name !== 'formAgain') expect(texts.map(shown).join('\n')).toContain(TITLE);
    for (const text of texts) expect(liveMarkdown(text), text).toEqual([]);
  });

  it('shows the summary as typed, line by line: stars and backticks too (the core marks its own bold apart)', () => {
    const show = markdownIn(cards.show).map(shown).join('\n');
    const asShown = SUMMARY_LINES.map((line) =>
      line
        .replace(/</g, '‹')
        .replace(/>/g, '›')
        .replace(/[\uE020-\uE023]/g, '')
        .replace(/^(\d)\. /, '$1.\u00a0'),
    );
    for (const line of asShown) expect(show).toContain(line);
    const raw = markdownIn(cards.show).join('\n');
    expect(raw).not.toMatch(/\*\*(tick|star|double|vote close IP-1|urgent)\*\*/);
  });

  it('keeps the bot’s own bold (the stage heading of the list, a bold word in help)', async () => {
    expect(markdownIn(cards.list)).toContain('**1.\u00a0Longlist**');
    const help = markdownIn((await s.say(alice, 'help')).card).join('\n');
    expect(help).toMatch(/\*\*[a-z]+[^*]*\*\*/);
  });

  it('escapes the title in the “vote has closed” message and a name in the “sent privately” pointer', async () => {
    const closed = await s.say(alice, 'vote close IP-1');
    const note = closed.calls.find((c) => c.kind === 'reply' && typeof c.body?.text === 'string')?.body.text;
    expect(shown(note)).toContain(`“${TITLE}” has closed`);
    expect(liveMarkdown(note)).toEqual([]);
    const mallory = { ...makeUser('mallory'), name: '[Click](https://evil.example) Moss' };
    const r = await s.say(mallory, 'help', channel('general'));
    const pointer = r.calls.map((c) => c.body?.text).find((t) => typeof t === 'string' && t.includes('private chat'));
    expect(shown(pointer)).toContain('[Click](https://evil.example), I’ve sent my answer');
    expect(liveMarkdown(pointer)).toEqual([]);
  });

  it('escapes a display name in the welcome card', async () => {
    const mallory = { ...makeUser('mallory'), name: '[Click](https://evil.example)' };
    const r = await h.send(makeMembersAdded(h.fake.url, mallory, personalChat(mallory)));
    const texts = markdownIn(cardOf(r.calls[0]?.body));
    expect(texts.map(shown).join('\n')).toContain('Hello [Click](https://evil.example)!');
    for (const text of texts) expect(liveMarkdown(text), text).toEqual([]);
  });
});
