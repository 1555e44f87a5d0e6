import { describe, expect, it } from 'vitest';
import { personSchema } from '../../../src/domain/person.js';
import { voteSchema } from '../../../src/domain/voting.js';
import {
  makeAuditEvent,
  makeConflictAnswer,
  makeIdea,
  makeParticipation,
  makePerson,
  makeVote,
} from '../../support/factories.js';
import type { ContractContext } from '../store-contract.js';

const byKey = <T extends { voterKey: string }>(votes: T[]) =>
  [...votes].sort((a, b) => a.voterKey.localeCompare(b.voterKey));

/** Votes, participation, people and the audit trail. */
export function votingContract({ store, harness }: ContractContext): void {
  describe('votes and participation', () => {
    it('keeps one current vote per round and voter, replacing earlier ones', async () => {
      expect(await store().putVote(makeVote({ roundId: 'R-1', voterKey: 'slack:UA' }))).toEqual({ replaced: false });
      const changed = makeVote({ roundId: 'R-1', voterKey: 'slack:UA', ballot: { kind: 'support', choice: 'oppose' } });
      expect(await store().putVote(changed)).toEqual({ replaced: true });
      expect(await store().putVote(makeVote({ roundId: 'R-2', voterKey: 'slack:UA' }))).toEqual({ replaced: false });
      const got = await store().getVote('R-1', 'slack:UA');
      expect(got).toEqual(changed);
      expect(() => voteSchema.parse(got)).not.toThrow();
      expect(await store().listVotes('R-1')).toEqual([changed]);
      expect(await store().getVote('R-1', 'slack:UZ')).toBeNull();
      expect(await store().listVotes('R-404')).toEqual([]);
    });

    it('stores 200 concurrent votes from different voters', async () => {
      const votes = Array.from({ length: 200 }, (_, i) => makeVote({ roundId: 'R-7', voterKey: `key-${1000 + i}` }));
      const results = await Promise.all(votes.map((vote) => store().putVote(vote)));
      expect(results.every((r) => !r.replaced)).toBe(true);
      expect(byKey(await store().listVotes('R-7'))).toEqual(votes);
    });

    it('records participation once per round and person, keeping the first', async () => {
      const first = makeParticipation({ roundId: 'R-1', personId: 'slack:UA', at: '2026-03-02T10:00:00.000Z' });
      await store().putParticipation(first);
      const later = { ...first, at: '2026-03-03T10:00:00.000Z' };
      await Promise.all(Array.from({ length: 10 }, () => store().putParticipation(later)));
      const other = makeParticipation({ roundId: 'R-1', personId: 'slack:UB' });
      await Promise.all(Array.from({ length: 10 }, () => store().putParticipation(other)));
      await store().putParticipation(makeParticipation({ roundId: 'R-2', personId: 'slack:UA' }));
      const listed = await store().listParticipation('R-1');
      expect(listed.map((p) => p.personId).sort()).toEqual(['slack:UA', 'slack:UB']);
      expect(listed.find((p) => p.personId === 'slack:UA')).toEqual(first);
      expect(await store().listParticipation('R-404')).toEqual([]);
    });

    it('seals a round: its ballots and participation times go, its participants and other rounds stay', async () => {
      for (const key of ['k-b', 'k-a']) await store().putVote(makeVote({ roundId: 'R-1', voterKey: key }));
      const other = makeVote({ roundId: 'R-2', voterKey: 'k-a' });
      await store().putVote(other);
      for (const personId of ['slack:UB', 'slack:UA'])
        await store().putParticipation(makeParticipation({ roundId: 'R-1', personId, at: '2026-03-02T10:00:00.000Z' }));
      const kept = makeParticipation({ roundId: 'R-2', personId: 'slack:UA', at: '2026-03-02T10:00:00.000Z' });
      await store().putParticipation(kept);
      await store().sealBallots('R-1');
      await store().sealBallots('R-1'); // idempotent
      const check = async () => {
        expect(await store().listVotes('R-1')).toEqual([]);
        expect(await store().listVotes('R-2')).toEqual([other]);
        const sealed = await store().listParticipation('R-1');
        expect(sealed.map((p) => p.personId).sort()).toEqual(['slack:UA', 'slack:UB']);
        expect(sealed.every((p) => p.at === undefined)).toBe(true);
        expect(await store().listParticipation('R-2')).toEqual([kept]);
      };
      await check();
      if (harness().reopen) {
        await harness().reopen!();
        await check();
      }
    });

    it('keeps one conflict answer per person and round, apart from ballots', async () => {
      const answer = (personId: string, roundId: string, detail: string | null) =>
        makeConflictAnswer({ roundId, personId, detail });
      await store().putConflict(answer('slack:UP2', 'R-1', 'Runs a similar service'));
      await store().putConflict(answer('slack:UP1', 'R-1', 'Bid for it'));
      await store().putConflict(answer('slack:UP1', 'R-1', null)); // changed their answer to "none"
      await store().putConflict(answer('slack:UP1', 'R-2', 'Bid for it'));
      await store().putConflict({ ...answer('slack:UP1', 'R-3', 'x'), ideaId: 'IP-2' });
      // One an earlier build wrote for a voter who was not asked: no `answered`, and it stays that way.
      const { answered: _, ...notAsked } = answer('slack:UE1', 'R-1', null);
      await store().putConflict({ ...notAsked, constituency: 'experts' });
      expect(await store().listConflicts({ ideaId: 'IP-1', roundId: 'R-1' })).toEqual([
        { ...notAsked, constituency: 'experts' },
        answer('slack:UP1', 'R-1', null),
        answer('slack:UP2', 'R-1', 'Runs a similar service'),
      ]);
      expect((await store().listConflicts({ ideaId: 'IP-1' })).map((d) => `${d.roundId} ${d.personId}`)).toEqual([
        'R-1 slack:UE1',
        'R-1 slack:UP1',
        'R-1 slack:UP2',
        'R-2 slack:UP1',
      ]);
      expect(await store().listConflicts({ ideaId: 'IP-404' })).toEqual([]);
    });
  });

  describe('people', () => {
    it('puts, replaces, gets and lists people by role', async () => {
      await store().putPerson(makePerson({ id: 'teams:b', roles: ['pm'] }));
      await store().putPerson(makePerson({ id: 'slack:A', roles: ['expert'] }));
      const replaced = makePerson({ id: 'teams:b', roles: ['pm', 'admin'], contact: { conversationId: 'c1' } });
      await store().putPerson(replaced);
      const got = await store().getPerson('teams:b');
      expect(got).toEqual(replaced);
      expect(() => personSchema.parse(got)).not.toThrow();
      expect(await store().getPerson('slack:none')).toBeNull();
      expect((await store().listPeople()).map((p) => p.id)).toEqual(['slack:A', 'teams:b']);
      expect((await store().listPeople({ role: 'admin' })).map((p) => p.id)).toEqual(['teams:b']);
      expect(await store().listPeople({ role: 'finance' })).toEqual([]);
    });

    it('resolves every one of many concurrent first puts of one person, one record winning', async () => {
      const people = Array.from({ length: 10 }, (_, i) =>
        makePerson({ id: 'teams:race', roles: ['pm'], contact: { conversationId: `c${i}` } }),
      );
      await Promise.all([
        ...people.slice(0, 5).map((person) => store().putPerson(person)),
        ...people.slice(5).map((person) => store().replacePersonErasingEarlier(person)),
      ]);
      expect(people).toContainEqual(await store().getPerson('teams:race'));
      expect((await store().listPeople()).map((p) => p.id)).toEqual(['teams:race']);
    });
  });

  describe('audit', () => {
    it('lists appended events and every idea history oldest first, filtered by idea', async () => {
      const at = (day: number) => `2026-03-0${day}T09:00:00.000Z`;
      const e1 = makeAuditEvent({ type: 'idea.submitted', at: at(1), ideaId: 'IP-1' });
      const e2 = makeAuditEvent({ type: 'role.granted', at: at(2), detail: { role: 'pm' } });
      const e3 = makeAuditEvent({ type: 'stage.advanced', at: at(3), ideaId: 'IP-1', from: 'longlist', to: 'review' });
      const e4 = makeAuditEvent({ type: 'idea.submitted', at: at(4), ideaId: 'IP-2' });
      const e5 = makeAuditEvent({ type: 'forum.set', at: at(4), reason: 'same instant as e4' });
      const e6 = makeAuditEvent({ type: 'idea.noted', at: at(5), ideaId: 'IP-1' });
      await store().insertIdea(makeIdea({ number: 1, history: [e1] }));
      await store().appendAudit(e5);
      await store().appendAudit(e2);
      await store().insertIdea(makeIdea({ number: 2, history: [e4] }));
      await store().saveIdea(makeIdea({ number: 1 }), 1, [e3]);
      await store().appendAudit(e6);
      expect(await store().listAudit()).toEqual([e1, e2, e3, e5, e4, e6]);
      expect(await store().listAudit({ ideaId: 'IP-1' })).toEqual([e1, e3, e6]);
      expect(await store().listAudit({ ideaId: 'IP-404' })).toEqual([]);
    });
  });
}
