import type { Idea } from '../domain/idea.js';
import { waitingOnYouMessage } from '../views/notice-views.js';
import type { ServiceDeps } from './deps.js';

/** Tells every PM (except the one who acted) that an idea waits on them. */
export async function notifyPms(deps: ServiceDeps, idea: Idea, headline: string, exceptId?: string): Promise<void> {
  const pms = await deps.store.listPeople({ role: 'pm' });
  const message = waitingOnYouMessage(idea, headline);
  await Promise.all(
    pms
      .filter((pm) => pm.id !== exceptId)
      .map((pm) =>
        deps.notifier.direct(pm.id, message).catch((error: unknown) => {
          deps.logger.error('PM notification failed', { personId: pm.id, err: error });
        }),
      ),
  );
}
