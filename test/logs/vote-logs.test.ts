import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import type { Store } from '../../src/store/store.js';
import { giveRoles, seedIdea } from '../slack/seed.js';
import { button, SlackKit } from '../slack/slack-kit.js';
import type { Where } from '../slack/slack-payloads.js';
import { channel, makeUser, personalChat, type TeamsUser } from '../teams/make-activity.js';
import { cardOf, startTeamsHarness, type TeamsHarness } from '../teams/teams-harness.js';
import { steps, submitIdea } from '../teams/teams-steps.js';

/** A voter, every way a log line could name them, and the choice they made. */
interface Voter {
  names: string[];
  choice: 'support' | 'neutral' | 'oppose';
}

/** The lines that name a voter and also their choice (SPEC 3.1: there must be none). */
function pairings(lines: string[], voters: Voter[]): string[] {
  return lines.filter((line) =>
    voters.some((v) => v.names.some((name) => line.includes(name)) && line.toLowerCase().includes(v.choice)),
  );
}

/** Makes the store's next ballot write fail as a database driver's does: the error carries the document. */
function failNextBallotWrite(store: Store): void {
  const putVote = store.putVote.bind(store);
  store.putVote = async (vote) => {
    store.putVote = putVote;
    throw Object.assign(new Error('write concern error: the primary stepped down'), {
      code: 91,
      errInfo: { writeConcern: { w: 'majority' }, document: vote },
    });
  };
}

describe('no log line pairs a person with a vote’s choice (anonymous rounds)', () => {
  let kit: SlackKit | undefined;
  let h: TeamsHarness | undefined;
  afterAll(async () => {
    await kit?.close();
    await h?.close();
  });

  it('in Slack: votes, a failed reply and a failed ballot write are logged without the choice', async () => {
    kit = await SlackKit.start({ PILOT_EXPERTS_FORUM: 'slack:CEXPERTS', PILOT_PROVIDERS_FORUM: 'slack:CPROVIDERS' });
    const slack = kit;
    await giveRoles(slack, 'slack:UPM', ['pm']);
    const voter = (id: string, choice: Voter['choice']) => ({ id, names: [id], choice });
    const [ana, ben, cat, dan] = [
      voter('UEXA', 'support'),
      voter('UEXB', 'oppose'),
      voter('UEXC', 'neutral'),
      voter('UEXD', 'oppose'),
    ];
    const voters = [ana, ben, cat, dan];
    for (const v of voters) await giveRoles(slack, `slack:${v.id}`, ['expert']);
    await seedIdea(slack, 'slack:USUB', 'Reabling homecare');
    await slack.answer(await slack.command('UPM', 'vote open IP-1 support 24'));
    const post = await slack.fake.waitFor(() =>
      slack.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CEXPERTS'),
    );
    const label = { support: 'Support', neutral: 'Neutral', oppose: 'Oppose' };
    const vote = (v: typeof ana, where: Partial<Where> = {}) =>
      slack.click(v.id, button(post.body, label[v.choice]), {
        channelId: 'CEXPERTS',
        messageTs: String(post.body.ts),
        ...where,
      });
    const since = slack.logText.length;

    await slack.answer(await vote(ana));
    // The reply to this vote cannot be delivered (its response URL is gone): logged, then sent by DM.
    await vote(ben, { responseUrl: 'http://127.0.0.1:9/gone' });
    await slack.fake.waitFor(() => slack.fake.callsTo('chat.postMessage').find((m) => m.body.channel === ben.id));
    // This ballot's write fails like a driver's, with the ballot in the error: a bug, logged with the voter.
    failNextBallotWrite(slack.bot.store);
    expect((await slack.answer(await vote(cat))).text).toContain('Sorry, something went wrong on our side');
    await slack.answer(await vote(dan));

    const lines = slack.logText.slice(since);
    expect(lines.some((l) => l.includes('Slack ephemeral reply failed'))).toBe(true);
    const bug = lines.find((l) => l.includes('"msg":"unexpected failure"'));
    expect(bug).toContain(`"personId":"slack:${cat.id}"`);
    expect(bug).toContain('"code":91');
    expect(pairings(lines, voters)).toEqual([]);
    // The bug line was expected; SlackKit fails on logged errors.
    slack.logs.splice(
      slack.logs.findIndex((l) => l.message === 'unexpected failure'),
      1,
    );
  });

  it('in Teams: votes, a reply Teams refuses and a private chat it will not open are logged without the choice', async () => {
    const text: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => void text.push(line) } });
    h = await startTeamsHarness({ PILOT_QUORUM_EXPERTS: '2' }, undefined, { logger });
    const teams = h;
    const s = steps(teams);
    const pm = makeUser('pat', 'Pat Morgan');
    const experts = channel('experts');
    const [erin, ezra, nina] = [
      makeUser('erin', 'Erin Shaw'),
      makeUser('ezra', 'Ezra Bell'),
      makeUser('nina', 'Nina Hale'),
    ];
    const voter = (u: TeamsUser, choice: Voter['choice']): Voter => ({
      names: [u.aadObjectId, u.id, u.name, personalChat(u).id],
      choice,
    });
    const voters = [voter(erin, 'oppose'), voter(ezra, 'support'), voter(nina, 'neutral')];
    await s.say(pm, 'forum experts', experts);
    await s.say(pm, 'help');
    await s.say(erin, 'help');
    await s.say(ezra, 'help');
    for (const u of [erin, ezra, nina]) await s.say(pm, `role ${u.personId} expert`);
    const id = await submitIdea(teams, pm, 'Assistive technology at home');
    const opened = await s.say(pm, `vote open ${id} support 48`);
    const card = cardOf(opened.calls.find((c) => c.kind === 'send')?.body);
    const since = text.length;

    await s.press(erin, card, 'Oppose', {}, experts);
    // An older client's plain submit, answered in the personal chat: Teams throttles every call, so it fails.
    teams.fake.throttleNext(100);
    await s.submit(ezra, card, 'Support');
    teams.fake.throttleNext(0);
    // Nina has only been seen in the channel, and Teams will not open a private chat with her.
    teams.fake.refuseNewChats = true;
    await s.submit(nina, card, 'Neutral', {}, experts);
    teams.fake.refuseNewChats = false;

    const lines = text.slice(since);
    const turnFailed = lines.find((l) => l.includes('"msg":"Teams turn failed"'));
    expect(turnFailed).toMatch(/"requestId":"act-\d+-\d+"/);
    expect(turnFailed).toContain('"status":429');
    expect(lines.some((l) => l.includes('could not reach the person privately') && l.includes('aad-nina'))).toBe(true);
    expect(pairings(lines, voters)).toEqual([]);
  });
});
