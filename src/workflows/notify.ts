import type { Idea } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import { hasChatAccount } from '../domain/person.js';
import type { Reply } from '../views/reply.js';
import { waitingOnYouMessage } from '../views/notice-views.js';
import type { ServiceDeps } from './deps.js';

/**
 * Who "the PM" of an idea is for a notification (SPEC 3.1): the idea's PM when they have a chat account;
 * before any move, or when that PM has none, every PM. Those in `exceptIds` (the one who acted, someone
 * already told) are left out.
 */
export async function pmsToTell(deps: ServiceDeps, idea: Idea, exceptIds: readonly string[] = []): Promise<string[]> {
  const pm = ideaPm(idea);
  const pms = pm && hasChatAccount(pm) ? [pm] : (await deps.store.listPeople({ role: 'pm' })).map((p) => p.id);
  return pms.filter((id) => !exceptIds.includes(id));
}

/** Sends a message to the idea's PM (see `pmsToTell`); a failure is logged, never thrown. */
export async function notifyThePm(
  deps: ServiceDeps,
  idea: Idea,
  message: Reply,
  exceptIds: readonly string[] = [],
): Promise<void> {
  try {
    const ids = await pmsToTell(deps, idea, exceptIds);
    await Promise.all(ids.map((id) => deliver(deps, id, message)));
  } catch (error) {
    deps.logger.error('PM notification failed', { ideaId: idea.id, err: error });
  }
}

/** Tells the idea's PM (except the one who acted) that the idea waits on them. */
export async function notifyPms(deps: ServiceDeps, idea: Idea, headline: string, exceptId?: string): Promise<void> {
  await notifyThePm(deps, idea, waitingOnYouMessage(idea, headline), exceptId ? [exceptId] : []);
}

/** Sends one direct message; a failure is logged with the person, never thrown. */
export function deliver(deps: ServiceDeps, personId: string, message: Reply): Promise<void> {
  return deps.notifier.direct(personId, message).catch((error: unknown) => {
    deps.logger.error('direct notification failed', { personId, err: error });
  });
}
