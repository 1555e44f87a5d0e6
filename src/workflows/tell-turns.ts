import type { Idea } from '../domain/idea.js';
import { SPECIALIST_AREAS, STAGES, type Status } from '../domain/reference-data.js';
import { hasChatAccount } from '../domain/person.js';
import { providerScopingMessage, signOffNeededMessage } from '../views/turn-views.js';
import type { ServiceDeps } from './deps.js';
import { deliver } from './notify.js';

/**
 * Tells each specialist whose area was newly marked as required on the idea (between `before` and `after`)
 * that it is their turn: a direct message to every holder of that specialist role, except the one who acted.
 */
export async function tellSpecialists(deps: ServiceDeps, before: Idea, after: Idea, actorId: string): Promise<void> {
  const was = before.artefacts.requiredSpecialists;
  const added = SPECIALIST_AREAS.filter((a) => after.artefacts.requiredSpecialists.includes(a) && !was.includes(a));
  try {
    for (const area of added) {
      const people = await deps.store.listPeople({ role: area });
      await Promise.all(
        people
          .filter((p) => p.id !== actorId && hasChatAccount(p.id))
          .map((p) => deliver(deps, p.id, signOffNeededMessage(after, area))),
      );
    }
  } catch (error) {
    deps.logger.error('specialist notification failed', { ideaId: after.id, err: error });
  }
}

const stageIndex = (status: Status) => (STAGES as readonly Status[]).indexOf(status);

/**
 * When an idea moves on to provider scoping from the stage before it, invites expressions of interest in the
 * providers' forum (a return to it or a resume from hold does not invite them again).
 */
export async function inviteProviders(deps: ServiceDeps, before: Idea, after: Idea): Promise<void> {
  if (after.status !== 'provider_scoping' || stageIndex(before.status) !== stageIndex(after.status) - 1) return;
  try {
    await deps.notifier.forums(providerScopingMessage(after), 'providers');
  } catch (error) {
    deps.logger.error('providers forum post failed', { ideaId: after.id, err: error });
  }
}
