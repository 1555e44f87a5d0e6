import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeView } from './home-tab.js';
import { forDelivery, type SlackDeps } from './run-core.js';
import { slackPerson } from './slack-context.js';

/** How long an event id is remembered, so a retried event is acted on once. */
const EVENT_TTL_MS = 24 * 3_600_000;

/** Publishes a person's Home tab. */
export function homePublisher(deps: SlackDeps) {
  return async (userId: string): Promise<void> => {
    const view = homeView(await deps.pilot.agenda(slackPerson(userId)));
    await deps.client.views.publish({ user_id: userId, view });
  };
}

/** `app_home_opened` on the Home tab: publishes the caller's view, once per event (retries are ignored). */
export function homeListener(shared: SlackDeps, publish: (userId: string) => Promise<void>) {
  return async ({
    event,
    body,
    context,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const deps = forDelivery(shared, context, body);
    try {
      const { store, clock } = deps.pilot.deps;
      if (!(await store.claimDelivery(`slack:event:${body.event_id}`, clock(), EVENT_TTL_MS))) {
        deps.logger.info('Slack event already handled; the repeat is ignored', {
          eventId: body.event_id,
          retryNum: context.retryNum,
        });
        return;
      }
      await publish(event.user);
    } catch (error) {
      deps.logger.error('Slack Home tab could not be published', { err: error });
    }
  };
}
