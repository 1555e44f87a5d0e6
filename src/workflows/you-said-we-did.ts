import type { Decision } from '../domain/decision.js';
import type { Idea } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import { hasChatAccount } from '../domain/person.js';
import { decisionDirectMessage, decisionForumMessage } from '../views/decision-views.js';
import type { ServiceDeps } from './deps.js';
import { deliver } from './notify.js';

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
    const people = await whoVotedOn(deps, idea.id);
    if (!people) return;
    const pm = ideaPm(idea);
    const direct = decisionDirectMessage(idea, decision, pm);
    await Promise.all([
      deps.notifier.forums(decisionForumMessage(idea, decision, pm)).catch((error: unknown) => {
        deps.logger.error('forum notice failed', { ideaId: idea.id, err: error });
      }),
      ...people.filter((id) => id !== actorId && hasChatAccount(id)).map((id) => deliver(deps, id, direct)),
    ]);
  } catch (error) {
    deps.logger.error('decision notice failed', { ideaId: idea.id, err: error });
  }
}

/** Everyone who took part in a closed vote on the idea, each once; null when it has had no closed vote. */
async function whoVotedOn(deps: ServiceDeps, ideaId: string): Promise<string[] | null> {
  const rounds = await deps.store.listRounds({ ideaId, status: 'closed' });
  if (rounds.length === 0) return null;
  const people = new Set<string>();
  for (const round of rounds) {
    for (const p of await deps.store.listParticipation(round.id)) people.add(p.personId);
    for (const id of round.result?.participants ?? []) people.add(id);
  }
  return [...people].sort();
}
