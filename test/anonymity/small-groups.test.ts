import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackNotifier } from '../../src/bot/slack/slack-notifier.js';
import { DEFAULT_PRIORITIES } from '../../src/domain/reference-data.js';
import { giveRoles, meetCriteria, seedIdea } from '../slack/seed.js';
import { flatText, SlackKit } from '../slack/slack-kit.js';
import { readZip } from '../templates/read-zip.js';
import { optionsValues, riskValues } from '../support/pilot-harness.js';

// SPEC 3.1 small groups, read the way people read them: the forum messages and thread notices in Slack,
// vote status and show, the business case (.md and .docx) and the export, and the bot's own log.
// Three experts and ONE provider vote in anonymous rounds: the provider's choice must never show.

let kit: SlackKit;
const EXPERTS = ['UE1', 'UE2', 'UE3'];
const PROVIDER = 'UP1';
const PROVIDER_REASON = 'Costs too much for a small agency like ours';
const EXPERT_REASONS = ['Would help my dad', 'Zero waiting is worth it', 'A good start'];
const CHOICES = ['support', 'oppose', 'support'];

beforeAll(async () => {
  kit = await SlackKit.start({
    PILOT_EXPERTS_FORUM: 'slack:CEXPERTS',
    PILOT_PROVIDERS_FORUM: 'slack:CPROVIDERS',
    PILOT_QUORUM_EXPERTS: '3',
    PILOT_QUORUM_PROVIDERS: '1',
  });
  await giveRoles(kit, 'slack:UPM', ['pm']);
  for (const e of EXPERTS) await giveRoles(kit, `slack:${e}`, ['expert']);
  await giveRoles(kit, `slack:${PROVIDER}`, ['provider']);
  await seedIdea(kit, 'slack:USUB', 'Rural reablement');
});
afterAll(async () => kit.close());

/** Setting the stage is not the subject here: straight through the engine, as the PM. */
async function asPm(text: string | { formId: string; values: Record<string, unknown> }): Promise<void> {
  const action =
    typeof text === 'string'
      ? { kind: 'text' as const, text }
      : { kind: 'form' as const, ...text, context: { ideaId: 'IP-1' } };
  const reply = await kit.bot.pilot.core.handle({ personId: 'slack:UPM', platform: 'slack' }, action);
  if (reply?.errorCode) throw new Error(`${JSON.stringify(text)}: ${reply.text}`);
}

async function vote(user: string, roundId: string, values: Record<string, unknown>, formId: string) {
  const reply = await kit.bot.pilot.core.handle(
    { personId: `slack:${user}`, platform: 'slack' },
    { kind: 'form', formId, values, context: { roundId } },
  );
  expect(reply?.errorCode, reply?.text).toBeUndefined();
}

/** The closing notices in the threads of a round's forum posts (found by where the round was posted). */
const threadNotices = async (round: string) => {
  const posts = new Set((await kit.bot.store.getRound(round))?.posts.map((p) => p.messageId));
  return () =>
    kit.fake
      .callsTo('chat.postMessage')
      .filter((c) => posts.has(String(c.body.thread_ts)) && flatText(c.body).includes('has closed'))
      .map((c) => flatText(c.body));
};

describe('a group of one provider in anonymous rounds', () => {
  it('while the vote is open, forum messages and vote status show only how many took part', async () => {
    await meetCriteria(kit, 'IP-1');
    await asPm('advance IP-1');
    await asPm({ formId: 'evidence', values: { source: 'Wiltshire', whatHappened: 'A pilot', lesson: 'Start small' } });
    await asPm('advance IP-1');
    await asPm({
      formId: 'outline',
      values: {
        objectives: 'Fewer admissions',
        cohort: 'Rural villages',
        cohortSize: '12',
        durationMonths: '6',
        approach: 'Reablement',
      },
    });
    await asPm({ formId: 'risk', values: riskValues({ risk: 'Travel time between villages' }) });
    await asPm({ formId: 'options', values: optionsValues() });
    await asPm('advance IP-1');
    await kit.answer(await kit.command('UPM', 'vote open IP-1 score'));
    const scores = (n: number) => Object.fromEntries(DEFAULT_PRIORITIES.map((p) => [`score_${p.id}`, String(n)]));
    for (const [i, e] of EXPERTS.entries()) await vote(e, 'R-1', scores(3 + i), 'vote_score');
    await vote(PROVIDER, 'R-1', { ...scores(1), conflict: 'We run the nearest agency' }, 'vote_score');

    const status = (await kit.answer(await kit.command('UNOBODY', 'vote status IP-1'))).text;
    expect(status).toContain('4 people have voted so far');
    expect(status).not.toMatch(/score \d/);
    await (kit.bot.adapters.find((a) => a.name === 'slack')?.notifier as SlackNotifier).idle();
    const forum = [...kit.fake.callsTo('chat.postMessage'), ...kit.fake.callsTo('chat.update')]
      .filter((c) => c.body.channel === 'CEXPERTS' || c.body.channel === 'CPROVIDERS')
      .map((c) => flatText(c.body))
      .join('\n');
    expect(forum).toContain('people have voted so far');
    expect(forum).not.toMatch(/score \d\.\d of 5/);
  });

  it('after close, every output withholds the provider’s choice and the overall figure', async () => {
    await kit.answer(await kit.command('UPM', 'vote close IP-1'));
    const inThreads = await threadNotices('R-1');
    const notices = await kit.fake.waitFor(() => (inThreads().length >= 2 ? inThreads() : null));
    for (const notice of notices) {
      expect(notice).toContain('Providers: fewer than 3 voted: not shown');
      expect(notice).toContain('Experts by experience: 3 people voted (3 needed ✓): score 4.0 of 5');
      expect(notice).toContain('overall result is not shown');
      expect(notice).not.toMatch(/Overall: \d/);
    }
    for (const [user, command] of [
      ['UNOBODY', 'vote status IP-1'],
      ['UNOBODY', 'show IP-1'],
    ] as const) {
      const text = (await kit.answer(await kit.command(user, command))).text;
      expect(text, command).toContain('Providers');
      expect(text, command).toContain('fewer than 3 voted: not shown');
      expect(text, command).not.toContain('1.0 of 5');
    }
    // Shortlisting now needs an override with a reason, whatever the experts scored.
    await asPm({ formId: 'shortlist', values: { shortlisted: 'yes', override: 'no' } });
    expect((await kit.answer(await kit.command('UPM', 'advance IP-1'))).text).toContain('an override with a reason');
    await asPm({
      formId: 'shortlist',
      values: { shortlisted: 'yes', override: 'yes', reason: 'Experts scored it well' },
    });
    await asPm('advance IP-1');

    // A support round at stage 5, with reasons: the lone provider's reason must not appear anywhere.
    await kit.answer(await kit.command('UPM', 'vote open IP-1 support'));
    for (const [i, e] of EXPERTS.entries())
      await vote(e, 'R-2', { choice: CHOICES[i], reason: EXPERT_REASONS[i] }, 'vote_support');
    await vote(PROVIDER, 'R-2', { choice: 'oppose', reason: PROVIDER_REASON, conflict: 'We bid' }, 'vote_support');
    await kit.answer(await kit.command('UPM', 'vote close IP-1'));
    const inR2Threads = await threadNotices('R-2');
    const closed = await kit.fake.waitFor(() => inR2Threads()[0]);
    expect(closed).toContain(
      'Experts by experience: 3 people voted (3 needed ✓): 2 support · 0 neutral · 1 oppose: 67% support',
    );
    expect(closed).toContain('Providers: fewer than 3 voted: not shown');
    expect(closed).not.toContain('1 oppose (1 voted');

    const uploadsBefore = kit.fake.uploads.length;
    await kit.answer(await kit.command('UPM', 'case IP-1'));
    await kit.fake.waitFor(() => kit.fake.uploads.length >= uploadsBefore + 2);
    const files = kit.fake.uploads.slice(uploadsBefore).map((u) => u.raw as Buffer);
    const docx = files.find((f) => f.subarray(0, 2).toString() === 'PK');
    const markdown = files.find((f) => f.subarray(0, 2).toString() !== 'PK')?.toString('utf8') ?? '';
    const docText = (
      readZip(docx as Buffer)
        .get('word/document.xml')
        ?.toString('utf8') ?? ''
    ).replace(/<[^>]+>/g, '');
    for (const [name, text] of [
      ['case .md', markdown],
      ['case .docx', docText],
    ] as const) {
      expect(text, name).toContain('fewer than 3 voted: not shown');
      expect(text, name).toContain('not shown, because fewer than 3 people voted in a group');
      expect(text, name).not.toContain(PROVIDER_REASON);
      for (const reason of EXPERT_REASONS) expect(text, name).toContain(reason);
      // Reasons appear in alphabetical order, not in the order people voted.
      const at = [...EXPERT_REASONS].sort().map((r) => text.indexOf(r));
      expect(at, name).toEqual([...at].sort((a, b) => a - b));
    }

    await kit.command('UPM', 'export');
    await kit.fake.waitFor(() => kit.fake.uploads.length >= uploadsBefore + 3);
    const csv = (kit.fake.uploads.at(-1)?.raw as Buffer).toString('utf8');
    const [header, row] = csv.split('\r\n').map((line) => line.split(','));
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('Providers: voters')).toBe('fewer than 3 (not shown)');
    expect(cell('Providers: oppose')).toBe('');
    expect(cell('Latest vote: share supporting (%)')).toBe('not shown (a group too small)');
    expect(cell('Latest vote: weighted score (1-5)')).toBe('');
    expect(cell('Experts by experience: support')).toBe('2');

    expect((await kit.answer(await kit.command('UNOBODY', 'report'))).text).not.toContain(PROVIDER_REASON);
  });

  it('no log line pairs a person with a choice or a reason', () => {
    const lines = kit.logs.map((l) => JSON.stringify(l));
    expect(lines.length, 'the bot’s log was captured').toBeGreaterThan(0);
    for (const line of lines) {
      if (![...EXPERTS, PROVIDER].some((id) => line.includes(id))) continue;
      expect(line).not.toMatch(/\b(support|oppose|neutral)\b|score_/);
      for (const reason of [...EXPERT_REASONS, PROVIDER_REASON]) expect(line).not.toContain(reason);
    }
  });
});
