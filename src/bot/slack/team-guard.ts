import type { AnyMiddlewareArgs, Middleware, RespondFn } from '@slack/bolt';
import type { Logger } from '../../workflows/deps.js';
import { deliveryLogger, teamOf } from './slack-context.js';

/** What someone from another workspace is told. */
export const OTHER_WORKSPACE_TEXT =
  'Sorry, this pilot bot is set up for a different Slack workspace, so it can’t act on requests from here. If you think this is wrong, please tell your Slack admin.';

/**
 * Refuses, politely, anything from a workspace other than the installed one (`SLACK_TEAM_ID`), before
 * any listener runs. Without a team id set, every request passes.
 */
export function teamGuard(teamId: string | undefined, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const team = teamOf(args.body as unknown as Record<string, unknown>);
    if (!teamId || team === teamId) return args.next();
    deliveryLogger(logger, args.context, args.body).warn(
      'Slack request from another workspace refused: check SLACK_TEAM_ID if this is your workspace',
      {
        team,
        expected: teamId,
      },
    );
    const ack = 'ack' in args && typeof args.ack === 'function' ? (args.ack as () => Promise<void>) : undefined;
    await ack?.();
    const respond = 'respond' in args ? (args.respond as RespondFn | undefined) : undefined;
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: OTHER_WORKSPACE_TEXT }).catch(
      () => {},
    );
  };
}
