import { afterEach, describe, expect, it } from 'vitest';
import { createPilot, type Pilot } from '../../src/app/create-pilot.js';
import type { Action, Reply } from '../../src/views/reply.js';
import { pipelineRulesSchema } from '../../src/config/settings.js';
import type { Store } from '../../src/store/store.js';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { type Harness, makeHarness, submitIdea } from '../support/pilot-harness.js';
import { dyingStore, hookedStore, isWrite } from './hooked-store.js';
import { integrityProblems, unreachableOpenRounds } from './store-integrity.js';

// Regression tests for what the crash-safety test found: each write of a multi-write command is
// followed by a simulated death, then the data directory is reopened as a restart would.

const ADMIN = 'slack:UADMIN';
const PM = 'slack:UPM';
const VOTER = 'slack:UE1';
const rules = pipelineRulesSchema.parse({ quorum: { experts: 1, providers: 0, others: 0 } });

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

async function setUp(): Promise<{ h: Harness; id: string }> {
  const h = await makeHarness(rules);
  harnesses.push(h);
  await h.pilot.people.assign(ADMIN, PM, ['pm']);
  await h.pilot.people.assign(ADMIN, VOTER, ['expert']);
  return { h, id: await submitIdea(h) };
}

/** An engine over `store` (no notifier), answering one action as a person. */
async function engine(
  store: Store,
  clock: () => Date,
): Promise<(personId: string, action: Action | string) => Promise<Reply>> {
  const pilot: Pilot = await createPilot({ store, rules, admins: [ADMIN], clock });
  return async (personId, action) =>
    (await pilot.core.handle(
      { personId, platform: 'slack' },
      typeof action === 'string' ? { kind: 'text', text: action } : action,
    )) as Reply;
}

/** The same data directory after a restart; the old harness's store is closed. */
async function restart(h: Harness): Promise<Harness> {
  const next = await h.reopen();
  harnesses.push(next);
  return next;
}

const vote = (roundId: string): Action => ({
  kind: 'button',
  actionId: 'vote.cast',
  value: JSON.stringify({ roundId, choice: 'support' }),
});

describe('a crash part-way through opening a round', () => {
  it('leaves nothing stuck, whichever write it comes after', async () => {
    for (let k = 1; ; k++) {
      const { h, id } = await setUp();
      let writes = 0;
      const act = await engine(
        dyingStore(h.store, (method) => isWrite(method) && ++writes === k),
        h.clock.now,
      );
      const opened = await act(PM, `vote open ${id}`);
      if (!opened.errorCode) break; // k is past the last write: nothing was cut short
      expect(opened.errorCode, `dying after write ${k}`).toBe('internal');

      const after = await restart(h);
      expect(await integrityProblems(after.dir), `dying after write ${k}`).toEqual([]);
      expect(await unreachableOpenRounds(after.store, after.pilot), `dying after write ${k}`).toEqual([]);
      const open = await after.store.listRounds({ status: 'open' });
      if (open[0]) {
        // The round made it to disk: `vote close` reaches it, and a new vote can then be opened.
        expect((await after.as(PM, `vote close ${id}`)).text).toContain(`${open[0].id} on ${id} is closed`);
      }
      // A restart takes a while: the dead process's claim on opening this vote lasts a minute.
      after.clock.advanceHours(2 / 60);
      const reopened = await after.as(PM, `vote open ${id}`);
      expect(reopened.errorCode, reopened.text).toBeUndefined();
      // Jobs left by a round that was never saved are run and put away without harm.
      after.clock.advanceHours(24 * 7);
      await runDueJobs(after.pilot.deps, after.pilot.voting, 'test');
      expect(await after.store.listRounds({ status: 'open' })).toEqual([]);
      expect(await after.store.claimDueJob(after.clock.now(), 'test', 1000)).toBeNull();
    }
  });
});

describe('a crash between the two writes of a vote', () => {
  it('never leaves a counted vote whose voter is not a participant', async () => {
    for (const first of ['putVote', 'putParticipation']) {
      const { h, id } = await setUp();
      const roundId = /R-\d+/.exec((await h.as(PM, `vote open ${id}`)).text)?.[0] ?? '';
      let reached = false;
      const act = await engine(
        dyingStore(h.store, (method) => (reached ||= method === first)),
        h.clock.now,
      );
      await act(VOTER, vote(roundId));
      // The vote got as far as the write the process dies after (an expired round would stop it before).
      expect(reached, `the vote never reached ${first}`).toBe(true);

      const after = await restart(h);
      expect(await integrityProblems(after.dir)).toEqual([]);
      // The voter was never thanked, so they vote again; that vote counts once.
      expect((await after.as(VOTER, vote(roundId))).errorCode).toBeUndefined();
      expect(await after.store.listVotes(roundId)).toHaveLength(1);
      expect((await after.store.listParticipation(roundId)).map((p) => p.personId)).toEqual([VOTER]);
    }
  });

  it('thanks a voter only when the result a racing close froze counts their vote', async () => {
    const { h, id } = await setUp();
    const roundId = /R-\d+/.exec((await h.as(PM, `vote open ${id}`)).text)?.[0] ?? '';
    let castWrites = 0;
    const racing = hookedStore(h.store, {
      async before(method) {
        // The PM closes the vote between the cast's two writes.
        if ((method === 'putVote' || method === 'putParticipation') && ++castWrites === 2)
          expect((await h.as(PM, `vote close ${id}`)).errorCode).toBeUndefined();
      },
    });
    const reply = await (await engine(racing, h.clock.now))(VOTER, vote(roundId));
    const result = (await h.store.getRound(roundId))?.result;
    const counted = Object.values(result?.byConstituency ?? {}).reduce((n, c) => n + c.voters, 0);
    expect(castWrites).toBe(2);
    if (reply.errorCode === undefined) {
      expect(counted).toBe(1);
      expect(result?.participants).toEqual([VOTER]);
    } else {
      expect(reply.errorCode).toBe('round_closed');
      expect(counted, 'the voter was told their vote did not count, but the result counts it').toBe(0);
      expect(result?.participants).toEqual([]);
    }
  });
});
