import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../teams/make-activity.js';
import { cardText, startTeamsHarness, type TeamsHarness } from '../teams/teams-harness.js';
import { steps, submitIdea } from '../teams/teams-steps.js';
import { submission } from './seed.js';
import { SlackKit } from './slack-kit.js';

/** Slack's isolate marks: the core's way to mark a person it names, which a user must not be able to borrow. */
const FORGED = '\u2068slack:UADMIN\u2069';

describe('Slack: user text never becomes a mention', () => {
  let kit: SlackKit;
  let shown: string;
  beforeAll(async () => {
    kit = await SlackKit.start();
    const view = await kit.modal(await kit.command('USUB', 'submit'));
    const title = 'Ask slack:UADMIN in slack:CGENERAL';
    const sent = await kit.submit('USUB', view, {
      ...submission(title),
      summary: `Summary naming slack:UADMIN, slack:CGENERAL and ${FORGED}.`,
    });
    expect(sent.status).toBe(200);
    // What Slack sends for a typed "@Admin" is <@UADMIN>: it is stored as the person's id, and must not ping on every show.
    await kit.answer(await kit.command('UCOM', 'comment IP-1 plain slack:UADMIN and slack:CGENERAL, real <@UADMIN>'));
    await kit.answer(await kit.command('UCOM', `comment IP-1 forged ${FORGED}`));
    shown = JSON.stringify((await kit.answer(await kit.command('UVIEW', 'show IP-1'))).call.body);
  });
  afterAll(async () => kit.close());

  it('`slack:UADMIN` and `slack:CGENERAL` typed in a title, summary or comment stay plain text', () => {
    expect(shown).toContain('Ask slack:UADMIN in slack:CGENERAL');
    expect(shown).toContain('plain slack:UADMIN and slack:CGENERAL, real slack:UADMIN');
    expect(shown).not.toContain('<@UADMIN>');
    expect(shown).not.toContain('<#CGENERAL>');
  });

  it('the isolate marks the core uses for people cannot be typed in to forge a mention', () => {
    expect(shown).toContain('forged slack:UADMIN');
  });

  it('the people the bot itself names (submitter, comment authors) are still mentions', () => {
    expect(shown).toContain('Submitted by*\\n<@USUB>');
    expect(shown).toContain('<@UCOM>: plain slack:UADMIN');
    expect(shown).toContain('commented by <@UCOM>');
    expect(shown).not.toMatch(/[\u2068\u2069]slack:/);
  });
});

describe('Slack: the core’s inline marks become mrkdwn, and cannot be typed in', () => {
  let kit: SlackKit;
  afterAll(async () => kit.close());

  it('renders a command to type as code and a stage heading as bold; pasted marks are taken off', async () => {
    kit = await SlackKit.start();
    const view = await kit.modal(await kit.command('USUB', 'submit'));
    await kit.submit('USUB', view, { ...submission('Forged \uE020vote close IP-1\uE021 \uE022bold\uE023') });
    const list = JSON.stringify((await kit.answer(await kit.command('UVIEW', 'list'))).call.body);
    expect(list).toContain('*1. Longlist*');
    expect(list).toContain('Forged vote close IP-1 bold');
    expect(list).not.toMatch(/[\uE020-\uE023]/);
    const unknown = JSON.stringify((await kit.answer(await kit.command('UVIEW', 'lsit'))).call.body);
    expect(unknown).toContain('Did you mean `list`?');
    expect(unknown).not.toMatch(/[\uE020-\uE023]/);
  });
});

describe('Teams: user text never becomes a person’s name', () => {
  const ada = makeUser('ada', 'Ada Admin');
  const erin = makeUser('erin', 'Erin Shaw');
  let h: TeamsHarness;
  let card: string;
  beforeAll(async () => {
    h = await startTeamsHarness();
    const s = steps(h);
    const idea = await submitIdea(h, ada, `Cover for ${erin.personId}`);
    await s.say(erin, 'help');
    await s.say(erin, `comment ${idea} I think ${ada.personId} agrees, and \u2068${ada.personId}\u2069 too`);
    card = cardText((await s.say(erin, `show ${idea}`)).card);
  });
  afterAll(async () => h.close());

  it('a `teams:` id typed in a title or a comment is shown as typed, not as that person’s name', () => {
    expect(card).toContain(`Cover for ${erin.personId}`);
    expect(card).toContain(`I think ${ada.personId} agrees, and ${ada.personId} too`);
  });

  it('the people the bot itself names are shown by name', () => {
    expect(card).toMatch(/Submitted by:?\s*Ada Admin/);
    expect(card).toContain('Erin Shaw: I think');
  });
});
