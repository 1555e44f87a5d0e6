import { channel, makeInvoke, makeMessage, makeUser } from '../test/teams/make-activity.js';
import { buttonData, cardOf, startTeamsHarness } from '../test/teams/teams-harness.js';
import { makeConflictAnswer } from '../test/support/factories.js';
import { type BenchRow, ms } from './bench-table.js';
import { waitForCount } from './slack-bench.js';

/** The same 500-vote burst through the Teams endpoint (Action.Execute invokes on the forum card). */
export async function teamsBench(): Promise<BenchRow[]> {
  const h = await startTeamsHarness();
  try {
    const pm = makeUser('pat', 'Pat Morgan');
    const forum = channel('experts');
    await h.send(makeMessage(h.fake.url, pm, forum, 'forum experts'));
    await h.bot.pilot.pipeline.submit(pm.personId, {
      title: 'Rural night support',
      summary: 'Night-time visits for people in villages.',
      problem: 'No night cover in rural areas.',
      approach: 'A shared night team.',
      beneficiaries: 'People at home in villages.',
      source: 'staff',
      outcomes: ['person_home_longer'],
    });
    const opened = await h.send(makeMessage(h.fake.url, pm, forum, 'vote open IP-1 support 48'));
    const post = h.fake.calls.find((c) => c.kind === 'send' && JSON.stringify(c.body).includes('Support'));
    if (!post) throw new Error(`no voting card posted (HTTP ${opened.status})`);
    const card = cardOf(post.body);
    const roundId = (await h.bot.store.getIdea('IP-1'))?.latestRoundId as string;
    const voters = Array.from({ length: 500 }, (_, i) => makeUser(`v${i}`, `Voter ${i}`));
    for (const [i, v] of voters.entries()) {
      await h.bot.pilot.people.assign('teams:aad-pat', v.personId, [i % 5 === 0 ? 'provider' : 'expert']);
      // Providers answered the conflict question already (SPEC 3.1), so each of their clicks is one vote too.
      if (i % 5 === 0)
        await h.bot.store.putConflict(makeConflictAnswer({ ideaId: 'IP-1', roundId, personId: v.personId }));
    }
    const choices = ['Support', 'Neutral', 'Oppose'];
    const started = performance.now();
    const statuses = await Promise.all(
      voters.map(async (v, i) => {
        const res = await fetch(`${h.bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(makeInvoke(h.fake.url, v, forum, buttonData(card, choices[i % 3] as string))),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const answered = performance.now() - started;
    const votes = await waitForCount(() => h.bot.store.listVotes(roundId), 500);
    const duplicates = votes.length - new Set(votes.map((v) => v.voterKey)).size;
    // An open anonymous round shows only participation (SPEC 3.1): the tally is read from the closed round.
    const round = await h.bot.pilot.voting.close('system:bench', roundId).catch(() => null);
    const result = round ? await h.bot.pilot.voting.result(round) : null;
    const support = result
      ? result.byConstituency.experts.support +
        result.byConstituency.providers.support +
        result.byConstituency.others.support
      : -1;
    return [
      {
        name: 'Teams: 500 concurrent votes, recorded',
        value: `${votes.length} (HTTP ${[...new Set(statuses)].join(', ')})`,
        budget: '500',
        pass: votes.length === 500,
      },
      { name: 'Teams: duplicates', value: String(duplicates), budget: '0', pass: duplicates === 0 },
      { name: 'Teams: support tally right', value: String(support), budget: '167', pass: support === 167 },
      { name: 'Teams: time for the burst (all answered)', value: ms(answered), budget: '(reported)', pass: null },
    ];
  } finally {
    await h.close();
  }
}
