import { App, webApi } from '@slack/bolt';
import type { MountAdapter } from '../../ports/platform-adapter.js';
import { actionListener } from './action-listener.js';
import { boltLogger } from './bolt-logger.js';
import { commandListener } from './command-listener.js';
import { homeListener, homePublisher } from './home-listener.js';
import { FORM_CALLBACK_ID } from './render-modal.js';
import type { SlackDeps } from './run-core.js';
import { SlackHttpReceiver } from './slack-http-receiver.js';
import { SlackNotifier } from './slack-notifier.js';
import { teamGuard } from './team-guard.js';
import { viewListener } from './view-listener.js';

/**
 * Mounts the bot in Slack when SLACK_BOT_TOKEN is set: over HTTP at `POST /slack/events` on the shared
 * server (with SLACK_SIGNING_SECRET), or over Socket Mode (with SLACK_APP_TOKEN). Nothing calls Slack at
 * start-up over HTTP: the bot ids are given, so Bolt never runs `auth.test`.
 */
export const mountSlack: MountAdapter = async ({ app, pilot, settings, logger }) => {
  const slack = settings.slack;
  if (!slack) return null;
  const log = boltLogger(logger);
  const clientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
    // Rate limits (429) wait for Retry-After and try again; other failures give up within minutes, not half an hour.
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
  };
  // The ids only serve Bolt's ignoreSelf on message events, which this bot does not subscribe to.
  const ids = { botId: 'BPILOTBOT', botUserId: 'UPILOTBOT' };
  const socketMode = !!slack.appToken;
  let receiver: SlackHttpReceiver | undefined;
  if (!socketMode) {
    if (!slack.signingSecret)
      throw new Error(
        'SLACK_SIGNING_SECRET is needed to run Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode).',
      );
    receiver = new SlackHttpReceiver({ signingSecret: slack.signingSecret, logger, boltLogger: log });
  }
  const bolt = socketMode
    ? new App({ token: slack.botToken, appToken: slack.appToken, socketMode: true, ...ids, clientOptions, logger: log })
    : new App({ token: slack.botToken, receiver, ...ids, clientOptions, logger: log });
  const deps: SlackDeps = { pilot, client: bolt.client, logger };
  const publishHome = homePublisher(deps);
  bolt.use(teamGuard(slack.teamId, logger));
  bolt.command(/.*/, commandListener(deps));
  bolt.action(
    { type: 'block_actions' },
    actionListener(deps, (userId) => publishHome(userId).catch(() => {})),
  );
  bolt.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, viewListener(deps));
  bolt.event('app_home_opened', homeListener(deps, publishHome));
  bolt.error(async (error) => logger.error('Slack listener failed', { err: error }));

  const notifier = new SlackNotifier({
    client: bolt.client,
    logger,
    forums: async (forum) => {
      if (!forum) return pilot.forums.all('slack');
      const channel = await pilot.forums.get(forum, 'slack');
      return channel ? [channel] : [];
    },
    recordPost: (roundId, post) => pilot.voting.recordPost(roundId, post),
    refresh: (roundId) => pilot.voting.currentView(roundId),
  });
  if (receiver) {
    app.use(receiver.router);
  } else {
    // Not awaited: the connection retries until Slack answers, and the HTTP server (health checks) must start meanwhile.
    void bolt.start().then(
      () => logger.info('Slack: connected over Socket Mode'),
      (error: unknown) => logger.error('Slack Socket Mode could not connect: check SLACK_APP_TOKEN', { err: error }),
    );
  }
  logger.info(`Slack: ${socketMode ? 'connecting over Socket Mode' : 'listening at POST /slack/events'}`);
  return {
    name: 'slack',
    notifier,
    close: async () => {
      // The requests first (each vote a click records may still be on its way to the store), then the messages they update.
      await receiver?.idle();
      await notifier.idle();
      if (socketMode) await bolt.stop().catch(() => {});
    },
  };
};
