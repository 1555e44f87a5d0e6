import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../src/domain/reference-data.js';
import { DEFAULT_PRIORITIES } from '../../src/domain/reference-data.js';
import { readZip } from '../templates/read-zip.js';
import { giveRoles, seedIdea } from './seed.js';
import { button, flatText, type Sent, SlackKit } from './slack-kit.js';

// SPEC 3.1 "Providers declare", through signed Slack requests: a provider's first vote in a round
// carries their conflict answer ("none" included), kept apart from the ballot; an expression of
// interest after a declared conflict is flagged to the PM, in `show` and in the business case.

let kit: SlackKit;
const PROVIDER = 'UPR1';
const OTHER_PROVIDER = 'UPR2';
const EXPERT = 'UEX1';
const PROVIDERS_FORUM = { channelId: 'CPROVIDERS' };

beforeAll(async () => {
  kit = await SlackKit.start({
    PILOT_EXPERTS_FORUM: 'slack:CEXPERTS',
    PILOT_PROVIDERS_FORUM: 'slack:CPROVIDERS',
    PILOT_QUORUM_EXPERTS: '1',
    PILOT_QUORUM_PROVIDERS: '1',
  });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  await giveRoles(kit, `slack:${EXPERT}`, ['expert']);
  for (const id of [PROVIDER, OTHER_PROVIDER]) await giveRoles(kit, `slack:${id}`, ['provider']);
  await seedIdea(kit, 'slack:USUB', 'Night visits in villages');
  await seedIdea(kit, 'slack:USUB', 'Shared care notes');
});
afterAll(async () => kit.close());

/** The voting message posted in a forum for an idea. */
const forumPost = (channel: string, ideaId: string) =>
  kit.fake.waitFor(() =>
    kit.fake
      .callsTo('chat.postMessage')
      .find((c) => c.body.channel === channel && !c.body.thread_ts && flatText(c.body).includes(`${ideaId} “`)),
  );
/** The private answer to a person that says this. */
const ephemeral = (user: string, text: string) =>
  kit.fake.waitFor(() =>
    kit.fake.callsTo('chat.postEphemeral').find((c) => c.body.user === user && flatText(c.body).includes(text)),
  );
const answers = (ideaId: string, roundId: string) => kit.bot.store.listConflicts({ ideaId, roundId });
const modalOpened = (sent: Sent) =>
  kit.fake.calls.slice(sent.since).some((c) => c.method === 'views.open' && c.body.trigger_id === sent.triggerId);
const blockIds = (view: Record<string, unknown>) => (view.blocks as { block_id?: string }[]).map((b) => b.block_id);

/** Puts an idea at a later stage, as a walk through the stages would have left it (not the subject here). */
async function atStage(id: string, stage: Stage): Promise<void> {
  const idea = (await kit.bot.store.getIdea(id))!;
  await kit.bot.store.saveIdea({ ...idea, status: stage, lastStage: stage }, idea.version, []);
}

describe('providers declare a conflict of interest with their first vote in a round', () => {
  it('a provider’s first one-click vote asks the question in a modal, and counts only once answered', async () => {
    await kit.answer(await kit.command('UPM', 'vote open IP-1 support 24'));
    const post = await forumPost('CPROVIDERS', 'IP-1');
    const asked = await kit.answer(await kit.click(PROVIDER, button(post.body, 'Support'), PROVIDERS_FORUM));
    expect(asked.kind).toBe('modal');
    const view = asked.call.body.view as Record<string, unknown>;
    expect(flatText(view)).toContain('You chose Support. Before we count it, one question.');
    expect(flatText(view)).toContain('Do you have a conflict of interest in this idea?');
    expect(flatText(view)).toContain('No, none');
    // Not counted yet: no vote, no participation, no answer.
    expect(await kit.bot.store.listVotes('R-1')).toEqual([]);
    expect(await kit.bot.store.listParticipation('R-1')).toEqual([]);
    expect(await answers('IP-1', 'R-1')).toEqual([]);

    const sent = await kit.submit(PROVIDER, view, { hasConflict: 'no' }, PROVIDERS_FORUM);
    expect(sent.body).toBe('');
    await ephemeral(PROVIDER, 'Thank you, your vote has been recorded');
    expect(await kit.bot.store.listVotes('R-1')).toHaveLength(1);
    // "None" is stored as an answer: a null detail marked answered, with the person but never the choice.
    expect(await answers('IP-1', 'R-1')).toEqual([
      {
        ideaId: 'IP-1',
        roundId: 'R-1',
        personId: `slack:${PROVIDER}`,
        constituency: 'providers',
        detail: null,
        answered: true,
      },
    ]);
  });

  it('a later click in the same round is counted at once, and keeps the answer', async () => {
    const post = await forumPost('CPROVIDERS', 'IP-1');
    const sent = await kit.click(PROVIDER, button(post.body, 'Oppose'), PROVIDERS_FORUM);
    const changed = await kit.answer(sent);
    expect(changed.kind).toBe('ephemeral');
    expect(changed.text).toContain('Your vote has been changed');
    expect(modalOpened(sent)).toBe(false);
    expect(await answers('IP-1', 'R-1')).toMatchObject([{ personId: `slack:${PROVIDER}`, answered: true }]);
  });

  it('an expert by experience is not asked', async () => {
    const post = await forumPost('CEXPERTS', 'IP-1');
    const sent = await kit.click(EXPERT, button(post.body, 'Support'), { channelId: 'CEXPERTS' });
    const answer = await kit.answer(sent);
    expect(answer.kind).toBe('ephemeral');
    expect(answer.text).toContain('Thank you, your vote has been recorded');
    expect(modalOpened(sent)).toBe(false);
    expect((await answers('IP-1', 'R-1')).map((d) => d.personId)).toEqual([`slack:${PROVIDER}`]);
  });

  it('“Yes” needs a few words on what the conflict is; with them, the conflict is recorded', async () => {
    const post = await forumPost('CPROVIDERS', 'IP-1');
    const asked = await kit.answer(await kit.click(OTHER_PROVIDER, button(post.body, 'Neutral'), PROVIDERS_FORUM));
    const view = asked.call.body.view as Record<string, unknown>;
    const bare = await kit.submit(OTHER_PROVIDER, view, { hasConflict: 'yes' }, PROVIDERS_FORUM);
    expect(JSON.parse(bare.body)).toMatchObject({
      response_action: 'errors',
      errors: { conflict: 'Please say in a few words what the conflict is.' },
    });
    expect(await kit.bot.store.listVotes('R-1')).toHaveLength(2);
    const full = { hasConflict: 'yes', conflict: 'We run the day centre in the same village' };
    expect((await kit.submit(OTHER_PROVIDER, view, full, PROVIDERS_FORUM)).body).toBe('');
    await ephemeral(OTHER_PROVIDER, 'Thank you, your vote has been recorded');
    expect(await kit.bot.store.listVotes('R-1')).toHaveLength(3);
    expect((await answers('IP-1', 'R-1')).find((d) => d.personId === `slack:${OTHER_PROVIDER}`)).toEqual({
      ideaId: 'IP-1',
      roundId: 'R-1',
      personId: `slack:${OTHER_PROVIDER}`,
      constituency: 'providers',
      detail: 'We run the day centre in the same village',
      answered: true,
    });
  });

  it('the score form asks a provider the question and needs the answer, “none” included; an expert’s does not', async () => {
    await kit.answer(await kit.command('UPM', 'vote open IP-2 score 24'));
    const scores = Object.fromEntries(DEFAULT_PRIORITIES.map((p) => [`score_${p.id}`, '4']));
    const providerPost = await forumPost('CPROVIDERS', 'IP-2');
    const view = await kit.modal(
      await kit.click(PROVIDER, button(providerPost.body, 'Score this idea'), PROVIDERS_FORUM),
    );
    expect(blockIds(view)).toContain('hasConflict');
    const expertPost = await forumPost('CEXPERTS', 'IP-2');
    const expertView = await kit.modal(
      await kit.click(EXPERT, button(expertPost.body, 'Score this idea'), { channelId: 'CEXPERTS' }),
    );
    expect(blockIds(expertView)).not.toContain('hasConflict');
    expect(flatText(expertView)).toContain('Any conflict of interest? (optional)');

    const unanswered = await kit.submit(PROVIDER, view, scores, PROVIDERS_FORUM);
    expect(JSON.parse(unanswered.body)).toMatchObject({
      response_action: 'errors',
      errors: { hasConflict: 'Please choose “No, none” or “Yes”.' },
    });
    expect(await kit.bot.store.listVotes('R-2')).toEqual([]);
    expect((await kit.submit(PROVIDER, view, { ...scores, hasConflict: 'no' }, PROVIDERS_FORUM)).body).toBe('');
    await ephemeral(PROVIDER, 'Here are your scores');
    expect(await answers('IP-2', 'R-2')).toMatchObject([
      { personId: `slack:${PROVIDER}`, detail: null, answered: true },
    ]);
    expect((await kit.submit(EXPERT, expertView, scores, { channelId: 'CEXPERTS' })).body).toBe('');
    expect(await kit.bot.store.listVotes('R-2')).toHaveLength(2);
  });
});

describe('an expression of interest after a declared conflict', () => {
  /** Opens the interest form from `show` and sends it. */
  async function expressInterest(user: string, values: Record<string, string>): Promise<void> {
    const shown = await kit.answer(await kit.command(user, 'show IP-1'));
    const view = await kit.modal(await kit.click(user, button(shown.call.body, 'Express interest')));
    expect(flatText(view)).toContain('Do you have a conflict of interest?');
    expect((await kit.submit(user, view, values)).body).toBe('');
    await ephemeral(user, 'Saved for IP-1');
  }
  const pmDms = () => kit.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'UPM');

  it('is flagged to the PM and in `show`; one from a provider who answered “none” is not', async () => {
    await kit.answer(await kit.command('UPM', 'vote close IP-1'));
    await atStage('IP-1', 'provider_scoping');

    await expressInterest(PROVIDER, { providerName: 'Calm Care', summary: 'A night carer', hasConflict: 'no' });
    expect(pmDms().some((c) => flatText(c.body).includes('conflict of interest'))).toBe(false);

    const offer = { providerName: 'Village Care Ltd', summary: 'Two night carers', hasConflict: 'no' };
    await expressInterest(OTHER_PROVIDER, offer);
    const dm = await kit.fake.waitFor(() =>
      pmDms().find((c) => flatText(c.body).includes('please check a conflict of interest')),
    );
    expect(flatText(dm.body)).toContain(
      'Village Care Ltd (sent by <@UPR2>) has expressed interest in IP-1. When voting on it (R-1), they declared a conflict of interest.',
    );

    const shown = (await kit.answer(await kit.command('UNOBODY', 'show IP-1'))).text;
    expect(shown).toContain('Expressions of interest');
    expect(shown).toMatch(/Calm Care \(<@UPR1>\): no conflict of interest\.\n/);
    expect(shown).toContain(
      'Village Care Ltd (<@UPR2>): no conflict of interest. *Flag*: declared a conflict of interest on this idea when voting (R-1).',
    );
    // The flag names the vote, never how anyone voted in it.
    expect(shown).not.toMatch(/neutral|oppose/i);
    const stored = (await kit.bot.store.getIdea('IP-1'))?.artefacts.interests;
    expect(stored?.map((i) => i.declaredConflictIn)).toEqual([undefined, ['R-1']]);
  });

  it('shows the flag in the business case’s providers section, .md and .docx', async () => {
    const before = kit.fake.uploads.length;
    await kit.answer(await kit.command('UPM', 'case IP-1'));
    await kit.fake.waitFor(() => kit.fake.uploads.length >= before + 2);
    const files = kit.fake.uploads.slice(before).map((u) => u.raw as Buffer);
    const markdown = files.find((f) => f.subarray(0, 2).toString() !== 'PK')?.toString('utf8') ?? '';
    const docx = files.find((f) => f.subarray(0, 2).toString() === 'PK') as Buffer;
    const docText = (readZip(docx).get('word/document.xml')?.toString('utf8') ?? '').replace(/<[^>]+>/g, '');
    const flag = 'declared a conflict of interest on this idea when voting (R-1), before expressing interest.';
    expect(markdown).toContain(`**Flag:** ${flag}`);
    expect(markdown.indexOf(`**Flag:** ${flag}`)).toBeGreaterThan(markdown.indexOf('**Village Care Ltd**'));
    expect(markdown.match(/\*\*Flag:\*\*/g)).toHaveLength(1);
    expect(docText).toContain(`Flag: ${flag}`);
  });
});

describe('conflict answers at rest, read as an attacker with the data folder would', () => {
  it('carry the person but never the choice, in an open round and after an anonymous round closed', async () => {
    const dir = kit.bot.settings.dataDir;
    let text = '';
    const records: Record<string, unknown>[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        records.push(value as Record<string, unknown>);
        Object.values(value).forEach(walk);
      }
    };
    for (const name of (await readdir(dir)).filter((n) => /\.jsonl?$/.test(n))) {
      const body = await readFile(join(dir, name), 'utf8');
      text += body;
      for (const line of body.split('\n'))
        if (line.includes('{'))
          try {
            walk(JSON.parse(line.slice(line.indexOf('{'))));
          } catch {
            // a checksum prefix or a torn line: the text search below still sees it
          }
    }
    // Both providers' answers of R-1 (closed, anonymous) and the one of R-2 (open) are in the files.
    const declarations = records.filter((o) => 'detail' in o && 'personId' in o);
    expect(declarations.map((d) => `${d.roundId} ${d.personId}`)).toEqual(
      expect.arrayContaining(['R-1 slack:UPR1', 'R-1 slack:UPR2', 'R-2 slack:UPR1']),
    );
    for (const d of declarations) {
      expect(Object.keys(d).sort(), JSON.stringify(d)).toEqual(
        ['answered', 'constituency', 'detail', 'ideaId', 'personId', 'roundId'].sort(),
      );
      expect(JSON.stringify(d)).not.toMatch(/support|neutral|oppose|score/i);
    }
    // After the close no record pairs a provider with a choice or a ballot.
    for (const o of records) {
      const values = JSON.stringify(Object.values(o).filter((v) => typeof v === 'string'));
      if (values.includes(`slack:${OTHER_PROVIDER}`))
        expect(Object.keys(o).some((k) => ['choice', 'ballot', 'voterKey', 'castAt'].includes(k))).toBe(false);
    }
    expect(text).not.toMatch(/"op":"vote","vote":\{"roundId":"R-1"/);
    // No log line pairs a person with a choice either.
    for (const line of kit.logs) {
      const logged = JSON.stringify(line);
      if (logged.includes(OTHER_PROVIDER)) expect(logged).not.toMatch(/neutral/);
    }
  });
});
