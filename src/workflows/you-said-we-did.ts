import type { Decision } from '../domain/decision.js';
import type { Idea } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import { hasChatAccount, isRegisteredId } from '../domain/person.js';
import type { Participation } from '../domain/voting.js';
import { decisionDirectMessage, decisionFacilitatorMessage, decisionForumMessage } from '../views/decision-views.js';
import type { ServiceDeps } from './deps.js';
import { deliver } from './notify.js';
import { isFacilitator, personNumber } from './voting-service.js';

/**
 * SPEC 3.1 "You said, we did": after a decision on an idea that has had a closed vote, posts what was
 * decided and why in the forums, and sends it once to each person who took part in any of its votes and
 * has a chat account (found through the participation records, which anonymous rounds keep without the
 * time). The PM who decided is not sent it: they made it. Nothing here throws: a failure is logged, and
 * the decision stands.
 */
export async function tellThoseWhoVoted(
  deps: ServiceDeps,
  idea: Idea,
  decision: Decision,
  actorId: string,
): Promise<void> {
  try {
    const participation = await whoVotedOn(deps, idea.id);
    if (!participation) return;
    const people = [...new Set(participation.map((p) => p.personId))].sort();
    const pm = ideaPm(idea);
    const direct = decisionDirectMessage(idea, decision, pm);
    await Promise.all([
      deps.notifier.forums(decisionForumMessage(idea, decision, pm)).catch((error: unknown) => {
        deps.logger.error('forum notice failed', { ideaId: idea.id, err: error });
      }),
      ...people.filter((id) => id !== actorId && hasChatAccount(id)).map((id) => deliver(deps, id, direct)),
      ...(await throughFacilitators(deps, participation)).map(([facilitator, recorded]) =>
        deliver(deps, facilitator, decisionFacilitatorMessage(idea, decision, pm, recorded)),
      ),
    ]);
  } catch (error) {
    deps.logger.error('decision notice failed', { ideaId: idea.id, err: error });
  }
}

/** Who took part in the closed votes on the idea (a participation each); null when it has had no closed vote. */
async function whoVotedOn(deps: ServiceDeps, ideaId: string): Promise<Participation[] | null> {
  const rounds = await deps.store.listRounds({ ideaId, status: 'closed' });
  if (rounds.length === 0) return null;
  const taken: Participation[] = [];
  for (const round of rounds) {
    const listed = await deps.store.listParticipation(round.id);
    taken.push(...listed);
    // A participant the frozen result names but whose record is gone (an older round) is still told.
    for (const personId of round.result?.participants ?? [])
      if (!listed.some((p) => p.personId === personId))
        taken.push({ roundId: round.id, personId, constituency: 'others' });
  }
  return taken;
}

/**
 * People without a chat account hear through the facilitator who recorded their vote (SPEC 3.1): each
 * facilitator once, with the people they recorded for who are still registered (a removed person's name is gone).
 */
async function throughFacilitators(
  deps: ServiceDeps,
  participation: Participation[],
): Promise<[string, { id: string; displayName?: string }[]][]> {
  const byFacilitator = new Map<string, Set<string>>();
  for (const p of participation)
    if (isRegisteredId(p.personId) && p.recordedBy)
      byFacilitator.set(p.recordedBy, (byFacilitator.get(p.recordedBy) ?? new Set()).add(p.personId));
  const out: [string, { id: string; displayName?: string }[]][] = [];
  for (const [facilitator, ids] of byFacilitator) {
    // Names go only to someone who is still a facilitator.
    if (!(await isFacilitator(deps, facilitator))) continue;
    const people = [];
    for (const id of [...ids].sort((a, b) => personNumber(a) - personNumber(b))) {
      const person = await deps.store.getPerson(id);
      if (person && !person.removedAt)
        people.push({ id, ...(person.displayName ? { displayName: person.displayName } : {}) });
    }
    if (people.length > 0) out.push([facilitator, people]);
  }
  return out;
}
