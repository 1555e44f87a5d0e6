import { describe, expect, it } from 'vitest';
import {
  makeAuditEvent,
  makeIdea,
  makeParticipation,
  makePerson,
  makeRound,
  makeVote,
} from '../../support/factories.js';
import { LEASE_CLOCK_SKEW_MS } from '../../../src/store/store.js';
import type { ContractContext } from '../store-contract.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const SKEW = LEASE_CLOCK_SKEW_MS;

/** Delivery keys, settings, ping, and data surviving a reopen. */
export function sundryContract({ store, harness }: ContractContext): void {
  describe('deliveries', () => {
    it('claims a key once within its ttl and again after it expires', async () => {
      expect(await store().claimDelivery('slack:evt-1', at(0), 1000)).toBe(true);
      expect(await store().claimDelivery('slack:evt-1', at(999), 1000)).toBe(false);
      expect(await store().claimDelivery('slack:evt-2', at(999), 1000)).toBe(true);
      // Held until its expiry plus the clock-skew margin (another replica's clock may run ahead).
      expect(await store().claimDelivery('slack:evt-1', at(1000), 1000)).toBe(false);
      expect(await store().claimDelivery('slack:evt-1', at(999 + SKEW), 1000)).toBe(false);
      expect(await store().claimDelivery('slack:evt-1', at(1000 + SKEW), 1000)).toBe(true);
      expect(await store().claimDelivery('slack:evt-1', at(1500 + SKEW), 1000)).toBe(false);
    });

    it('gives a key to exactly one of many concurrent claimers', async () => {
      const claims = await Promise.all(
        Array.from({ length: 20 }, () => store().claimDelivery('teams:a-1', at(0), 60_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('settings', () => {
    it('round-trips settings and returns null for unknown keys', async () => {
      expect(await store().getSetting('forum')).toBeNull();
      await store().putSetting('forum', { slack: 'C123', teams: null, weights: [1, 2] });
      await store().putSetting('quorum', 3);
      expect(await store().getSetting('forum')).toEqual({ slack: 'C123', teams: null, weights: [1, 2] });
      await store().putSetting('forum', { slack: 'C999' });
      expect(await store().getSetting('forum')).toEqual({ slack: 'C999' });
      expect(await store().getSetting<number>('quorum')).toBe(3);
    });

    it('resolves every one of many concurrent first puts of one setting, one value winning', async () => {
      // Replicas starting together each seed the same settings (issue 17): none of them may fail.
      const values = Array.from({ length: 10 }, (_, i) => ({ slack: `C${i}` }));
      await Promise.all(values.map((value) => store().putSetting('forum', value)));
      expect(values).toContainEqual(await store().getSetting('forum'));
    });
  });

  it('answers ping', async () => {
    await expect(store().ping()).resolves.toBeUndefined();
  });

  it('keeps everything across a close and reopen', async (t) => {
    const { reopen } = harness();
    if (!reopen) return t.skip();
    const s = store();
    const idea = makeIdea({ number: await s.nextIdeaNumber(), history: [makeAuditEvent({ ideaId: 'IP-1' })] });
    await s.insertIdea(idea);
    const saved = await s.saveIdea({ ...idea, status: 'review' }, 1, [
      makeAuditEvent({ type: 'stage.advanced', ideaId: 'IP-1' }),
    ]);
    const round = makeRound({ id: `R-${await s.nextRoundNumber()}`, ideaId: 'IP-1' });
    await s.insertRound(round);
    const vote = makeVote({ roundId: round.id });
    await s.putVote(vote);
    const participation = makeParticipation({ roundId: round.id });
    await s.putParticipation(participation);
    const person = makePerson();
    await s.putPerson(person);
    const event = makeAuditEvent({ type: 'role.granted', at: '2026-03-01T09:00:00.000Z' });
    await s.appendAudit(event);
    await s.putSetting('forum', { slack: 'C1' });
    await s.scheduleJob({ id: 'close:R-1', kind: 'close_round', roundId: 'R-1', dueAt: at(0).toISOString() });
    await s.claimDelivery('slack:evt-9', at(0), 60_000);

    const r = await reopen();
    expect(await r.getIdea('IP-1')).toEqual(saved);
    expect(await r.getRound(round.id)).toEqual(round);
    expect(await r.listVotes(round.id)).toEqual([vote]);
    expect(await r.listParticipation(round.id)).toEqual([participation]);
    expect(await r.getPerson(person.id)).toEqual(person);
    expect(await r.listAudit()).toEqual([event, ...saved.history]);
    expect(await r.getSetting('forum')).toEqual({ slack: 'C1' });
    expect(await r.getJob('close:R-1')).toMatchObject({ done: false, roundId: 'R-1' });
    expect(await r.claimDelivery('slack:evt-9', at(1), 60_000)).toBe(false);
    expect(await r.nextIdeaNumber()).toBe(2);
    expect(await r.nextRoundNumber()).toBe(2);
  });
}
