import { createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPilot } from '../../src/app/create-pilot.js';
import type { Reply } from '../../src/views/reply.js';
import { runDueJobs } from '../../src/workflows/scheduler.js';
import { hookedStore } from '../reliability/hooked-store.js';
import { type Harness, makeHarness, submitIdea } from '../support/pilot-harness.js';

// The attacks of issue 9, run as someone who has a copy of the data folder would run them: on the raw
// snapshot and journal files, with no help from the bot's code.

const PM = 'slack:UPM';
const VOTERS = [
  { id: 'slack:UE3', role: 'expert', choice: 'oppose', reason: 'Zebra crossings are far from the bus stop' },
  { id: 'slack:UE1', role: 'expert', choice: 'support', reason: 'My mum would have used this' },
  { id: 'teams:aad-expert-4', role: 'expert', choice: 'neutral', reason: 'All right if carers are asked first' },
  { id: 'slack:UE2', role: 'expert', choice: 'support', reason: 'Bath needs more of this' },
  { id: 'slack:UP1', role: 'provider', choice: 'oppose', reason: 'Costs too much', conflict: 'We bid for this work' },
] as const;

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

/** Every JSON record in the data folder's files, as an attacker would parse them. */
async function rawRecords(dir: string): Promise<{ text: string; records: unknown[] }> {
  let text = '';
  const records: unknown[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.(json|jsonl)$/.test(name)) continue;
    const body = await readFile(join(dir, name), 'utf8');
    text += body;
    // JSON lines files (the journals, the snapshot) are read a line at a time; any other JSON file whole.
    for (const line of name.endsWith('.jsonl') ? body.split('\n') : [body]) {
      const json = line.slice(line.indexOf('{'));
      if (!json.trim()) continue;
      try {
        records.push(JSON.parse(json));
      } catch {
        // a checksum prefix or a torn line: the text search above still sees it
      }
    }
  }
  return { text, records };
}

/** Every object nested anywhere in `value`. */
function objects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) objects(v, out);
  else if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) objects(v, out);
  }
  return out;
}

async function votedRound(): Promise<{ h: Harness; id: string; roundId: string }> {
  const h = await makeHarness({ quorum: { experts: 3, providers: 0, others: 0 } });
  harnesses.push(h);
  await h.pilot.people.assign('slack:UADMIN', PM, ['pm']);
  const id = await submitIdea(h);
  const roundId = /R-\d+/.exec((await h.as(PM, `vote open ${id} support`)).text)?.[0] as string;
  for (const v of VOTERS) {
    await h.pilot.people.assign('slack:UADMIN', v.id, [v.role]);
    // Each vote a little later than the last, so times could be matched if they were kept.
    h.clock.advanceHours(0.25);
    const values = { choice: v.choice, reason: v.reason, ...('conflict' in v ? { conflict: v.conflict } : {}) };
    const reply = await h.as(v.id, { kind: 'form', formId: 'vote_support', values, context: { roundId } });
    expect(reply.errorCode, reply.text).toBeUndefined();
  }
  return { h, id, roundId };
}

/** The salt-recompute attack: every salt found in the files, tried against every voter's id. */
function linkedBySalt(text: string, records: unknown[]): string[] {
  const salts = objects(records).flatMap((o) => (typeof o.salt === 'string' ? [o.salt] : []));
  const links: string[] = [];
  for (const salt of salts)
    for (const v of VOTERS) {
      const key = createHmac('sha256', salt).update(v.id).digest('base64url');
      if (text.includes(key)) links.push(`${v.id} by salt`);
    }
  return links;
}

describe('an anonymous round at rest, attacked from the data folder', () => {
  it('while open the link exists (so the attacks below are real), and after close none of them finds one', async () => {
    const { h, id, roundId } = await votedRound();
    const open = await rawRecords(h.dir);
    // The attack works on an open round: that is what close must undo.
    expect(linkedBySalt(open.text, open.records).length).toBeGreaterThan(0);

    expect((await h.as(PM, `vote close ${id}`)).errorCode).toBeUndefined();
    const { text, records } = await rawRecords(h.dir);

    // 1. Salt recompute: no salt is left, and no voter key either.
    expect(linkedBySalt(open.text + text, records.concat(open.records)).length).toBeGreaterThan(0); // sanity
    expect(linkedBySalt(text, records)).toEqual([]);
    expect(objects(records).some((o) => 'salt' in o && o.salt !== undefined)).toBe(false);
    expect(objects(records).some((o) => 'voterKey' in o)).toBe(false);

    // 2. No record anywhere pairs a voter with a choice or their reason.
    for (const o of objects(records)) {
      const values = JSON.stringify(Object.values(o).filter((v) => typeof v === 'string'));
      for (const v of VOTERS)
        if (values.includes(v.id))
          expect(
            Object.keys(o).some((k) => k === 'choice' || k === 'ballot') || values.includes(v.reason),
            `${JSON.stringify(o).slice(0, 200)} links ${v.id}`,
          ).toBe(false);
    }

    // 3. Time matching: participation carries no time, and no record of this round has a vote time.
    const participation = objects(records).filter(
      (o) => o.roundId === roundId && 'personId' in o && 'constituency' in o,
    );
    expect(participation.length).toBeGreaterThanOrEqual(VOTERS.length);
    for (const p of participation) expect(p.at, JSON.stringify(p)).toBeUndefined();
    expect(objects(records).some((o) => o.roundId === roundId && 'castAt' in o)).toBe(false);

    // 4. Order matching: participation is stored in person order, reasons in alphabetical order, never voting order.
    const stored = participation.filter((p) => !('detail' in p)).map((p) => p.personId);
    expect(stored).toEqual([...stored].sort());
    expect(stored).not.toEqual(VOTERS.map((v) => v.id));
    const round = objects(records).find((o) => o.id === roundId && o.result) as { result: { reasons: string[] } };
    expect(round.result.reasons).toEqual([...round.result.reasons].sort((a, b) => a.localeCompare(b, 'en-GB')));
    // The provider was alone in their group: their reason is not kept at all, nor their choice.
    expect(text).not.toContain('Costs too much');
    // Conflict answers (one per voter who gave one, "none" included) are stored in person order too.
    const answers = objects(records)
      .filter((o) => o.roundId === roundId && 'detail' in o)
      .map((o) => o.personId);
    expect(answers).toEqual([...(answers as string[])].sort());
    // Conflict answers are kept with the person (they are not a choice), apart from any ballot.
    const conflict = objects(records).find((o) => o.detail === 'We bid for this work');
    expect(conflict).toMatchObject({ personId: 'slack:UP1', roundId });
    expect(Object.keys(conflict ?? {})).not.toContain('choice');
  });

  it('a vote whose write lands after the close is erased again at once', async () => {
    const { h, id, roundId } = await votedRound();
    let closedFirst = false;
    const racing = hookedStore(h.store, {
      async before(method) {
        // The PM closes the vote after this voter's round was read, just before their ballot is written.
        if (method === 'putVote' && !closedFirst) {
          closedFirst = true;
          expect((await h.as(PM, `vote close ${id}`)).errorCode).toBeUndefined();
        }
      },
    });
    const pilot = await createPilot({ store: racing, rules: h.pilot.deps.rules, clock: h.clock.now });
    const late = await pilot.core.handle(
      { personId: 'slack:UE1', platform: 'slack' },
      { kind: 'button', actionId: 'vote.cast', value: JSON.stringify({ roundId, choice: 'oppose' }) },
    );
    expect(closedFirst).toBe(true);
    expect(late?.errorCode).toBe('round_closed');
    // They had voted before: that earlier vote is in the result, and they are told so.
    expect(late?.text).toContain('your earlier vote is the one that counts');
    expect(await h.store.listVotes(roundId)).toEqual([]);
    const { records } = await rawRecords(h.dir);
    expect(objects(records).some((o) => o.roundId === roundId && 'voterKey' in o)).toBe(false);
  });

  it('a ballot left in a sealed round (a crash mid-way) is erased at the next start-up', async () => {
    const { h, id, roundId } = await votedRound();
    await h.as(PM, `vote close ${id}`);
    await h.store.putVote({
      roundId,
      voterKey: 'stray-key',
      constituency: 'experts',
      ballot: { kind: 'support', choice: 'support' },
      castAt: h.clock.now().toISOString(),
    });
    const after = await h.reopen();
    harnesses.push(after);
    expect(await after.store.listVotes(roundId)).toEqual([]);
    const { text } = await rawRecords(after.dir);
    expect(text).not.toContain('stray-key');
  });
});

/** An engine over the harness's store whose seal fails `times` times (a disk error, or a death before it). */
function sealFailing(h: Harness, times: number) {
  let failures = times;
  const flaky = hookedStore(h.store, {
    before(method) {
      if (method === 'sealBallots' && failures-- > 0) throw new Error('disk full');
    },
  });
  return createPilot({ store: flaky, rules: h.pilot.deps.rules, clock: h.clock.now });
}

describe('a close that goes wrong part-way', () => {
  it('a seal that failed once is finished by the next close or the close job, not left until a restart', async () => {
    const { h, id, roundId } = await votedRound();
    const pilot = await sealFailing(h, 1);
    const pm = (text: string) =>
      pilot.core.handle({ personId: PM, platform: 'slack' }, { kind: 'text', text }) as Promise<Reply>;
    expect((await pm(`vote close ${id}`)).errorCode).toBe('internal');
    const half = await h.store.getRound(roundId);
    expect(half?.status).toBe('closed');
    expect(half?.sealed).toBeUndefined();
    expect(await h.store.listVotes(roundId)).not.toEqual([]);
    // The PM tries again: the close is finished, not refused as "already closed".
    const again = await pm(`vote close ${id}`);
    expect(again.errorCode, again.text).toBeUndefined();
    expect((await h.store.getRound(roundId))?.sealed).toBe(true);
    expect(await h.store.listVotes(roundId)).toEqual([]);
    const { text } = await rawRecords(h.dir);
    expect(text).not.toContain('"voterKey"');
  });

  it('the close job finishes a close whose seal failed', async () => {
    const { h, id, roundId } = await votedRound();
    const pilot = await sealFailing(h, 1);
    await pilot.core.handle({ personId: PM, platform: 'slack' }, { kind: 'text', text: `vote close ${id}` });
    h.clock.advanceHours(24 * 7);
    await runDueJobs(pilot.deps, pilot.voting, 'replica-a');
    expect((await h.store.getRound(roundId))?.sealed).toBe(true);
    expect(await h.store.listVotes(roundId)).toEqual([]);
  });

  it('a restart after a failed seal keeps the published result (conflicts included) and seals it', async () => {
    const { h, id, roundId } = await votedRound();
    const pilot = await sealFailing(h, Infinity);
    await pilot.core.handle({ personId: PM, platform: 'slack' }, { kind: 'text', text: `vote close ${id}` });
    const published = (await h.store.getRound(roundId))?.result;
    expect(published?.conflicts).toEqual(['We bid for this work']);
    const after = await h.reopen();
    harnesses.push(after);
    const round = await after.store.getRound(roundId);
    expect(round?.sealed).toBe(true);
    expect(round?.result).toEqual(published);
  });

  it('a vote whose write lands while the close is being saved is counted, not lost', async () => {
    const { h, id, roundId } = await votedRound();
    await h.pilot.people.assign('slack:UADMIN', 'slack:ULATE', ['expert']);
    let cast: Reply | null = null;
    const interleaved = hookedStore(h.store, {
      async before(method, args) {
        // As another replica would: a whole vote happens between the close reading the ballots and saving.
        const round = args[0] as { status?: string } | undefined;
        if (method === 'saveRound' && round?.status === 'closed' && !cast)
          cast = await h.as('slack:ULATE', {
            kind: 'button',
            actionId: 'vote.cast',
            value: JSON.stringify({ roundId, choice: 'support' }),
          });
      },
    });
    const pilot = await createPilot({ store: interleaved, rules: h.pilot.deps.rules, clock: h.clock.now });
    await pilot.core.handle({ personId: PM, platform: 'slack' }, { kind: 'text', text: `vote close ${id}` });
    expect((cast as Reply | null)?.text).toContain('recorded');
    const result = (await h.store.getRound(roundId))?.result;
    expect(result?.participants).toContain('slack:ULATE');
    expect(result?.byConstituency.experts.voters).toBe(5);
    expect(result?.byConstituency.experts.support).toBe(3);
  });
});
