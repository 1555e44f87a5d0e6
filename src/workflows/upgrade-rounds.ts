import type { Round } from '../domain/voting.js';
import type { ServiceDeps } from './deps.js';
import { mutateRound } from './mutate-round.js';
import { computeResult, disclosedResult, withFairOverall } from './tally.js';
import { roundStateOf } from './voting-machine.js';
import { anonymousKey, sealRound } from './voting-service.js';

/** What start-up changed in stored rounds. */
export interface RoundUpgrade {
  /** Closed anonymous rounds whose ballots were reduced to the frozen result and erased. */
  sealed: string[];
  /** Open anonymous rounds whose conflict answers were moved out of the ballots. */
  conflictsMoved: string[];
  /** Rounds whose stored `status` disagreed with their machine's snapshot, set back to what the machine says. */
  statusRepaired: string[];
  /** Closed rounds whose overall figure was worked out again with each group counting the same (SPEC 3.1). */
  overallRecomputed: string[];
}

/**
 * Brings stored rounds up to SPEC 3.1 at start-up (idempotent, so every replica may run it): rounds
 * from release 0.1 get the minimum group size, their conflict answers apart from ballots, and closed
 * anonymous rounds a result recomputed with small groups withheld, then their ballots sealed. Also
 * re-seals a round a crash left unsealed or a racing vote wrote into after close, and sets a round's
 * stored `status` back to its machine's state where the two disagree (no release wrote them apart).
 */
export async function upgradeStoredRounds(deps: ServiceDeps): Promise<RoundUpgrade> {
  const done: RoundUpgrade = { sealed: [], conflictsMoved: [], statusRepaired: [], overallRecomputed: [] };
  const toSeal: string[] = [];
  for (let stored of await deps.store.listRounds()) {
    // `status` is a copy of the machine's state kept for queries and indexes; the snapshot is the truth.
    if (stored.status !== roundStateOf(stored.snapshot)) {
      stored = await mutateRound(deps.store, stored.id, (r) => ({ ...r, status: roundStateOf(r.snapshot) }));
      done.statusRepaired.push(stored.id);
    }
    if (!stored.anonymous) continue;
    // Release 0.1's rounds have no minimum group size; their frozen results predate SPEC 3.1.
    const fromRelease01 = stored.minGroupSize === undefined;
    let round = stored;
    if (round.minGroupSize === undefined)
      round = await mutateRound(deps.store, round.id, (r) => ({ ...r, minGroupSize: deps.rules.minGroupSize }));
    const votes = await deps.store.listVotes(round.id);
    if (round.status === 'open') {
      if (await moveConflicts(deps, round)) done.conflictsMoved.push(round.id);
      continue;
    }
    if (round.sealed && votes.length === 0) continue;
    // Only a 0.1 result is recomputed. A round this release closed keeps the result it published,
    // even if a crash (or another replica starting mid-close) finds it not yet sealed.
    if (fromRelease01 && !round.sealed && round.result) {
      const frozen = round.result;
      const participation = (await deps.store.listParticipation(round.id)).filter((p) =>
        frozen.participants.includes(p.personId),
      );
      const declarations = await deps.store.listConflicts({ ideaId: round.ideaId, roundId: round.id });
      const result =
        votes.length > 0
          ? computeResult(round, votes, participation, new Date(frozen.computedAt), declarations)
          : disclosedResult(round, frozen);
      round = await mutateRound(deps.store, round.id, (r) => ({
        ...r,
        result: { ...result, participants: frozen.participants },
      }));
    }
    toSeal.push(round.id);
  }
  // Sealed together: the embedded store rewrites its files once for all of them, not once a round (a crash
  // before this leaves them unsealed, and the next start seals them).
  await Promise.all(toSeal.map((id) => sealRound(deps.store, id)));
  done.sealed.push(...toSeal);
  // Earlier releases pooled every ballot into a score round's overall figure, and gave a support round
  // none: the figure is worked out again from the frozen group tallies, which hold all it needs.
  for (const round of await deps.store.listRounds({ status: 'closed' })) {
    if (!round.result || withFairOverall(round, round.result).overallScore === round.result.overallScore) continue;
    await mutateRound(deps.store, round.id, (r) => (r.result ? { ...r, result: withFairOverall(r, r.result) } : r));
    done.overallRecomputed.push(round.id);
  }
  return done;
}

/** Release 0.1 kept a vote's conflict answer in its ballot; an open round's salt lets us move it to its person. */
async function moveConflicts(deps: ServiceDeps, round: Round): Promise<boolean> {
  const salt = round.salt;
  const votes = await deps.store.listVotes(round.id);
  if (!salt || !votes.some((v) => v.ballot.conflict !== undefined)) return false;
  const byKey = new Map(votes.map((v) => [v.voterKey, v]));
  for (const p of await deps.store.listParticipation(round.id)) {
    const vote = byKey.get(anonymousKey(salt, p.personId));
    if (!vote || vote.ballot.conflict === undefined) continue;
    const { conflict, ...choice } = vote.ballot;
    await deps.store.putConflict({
      ideaId: round.ideaId,
      roundId: round.id,
      personId: p.personId,
      constituency: p.constituency,
      detail: conflict ?? null,
    });
    await deps.store.putVote({ ...vote, ballot: choice });
  }
  return true;
}
