import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { deliverReply } from './deliver-reply.js';
import { fromSlackText } from './mrkdwn.js';
import { forDelivery, runCore, type SlackDeps } from './run-core.js';
import { deliveryKey } from './slack-context.js';

/**
 * `/pilot <words>`: acknowledged at once (well within Slack's 3 seconds) with an empty answer, then
 * run through the core and answered: privately through the response URL, publicly in the channel, or
 * as a modal. https://docs.slack.dev/interactivity/implementing-slash-commands
 */
export function commandListener(shared: SlackDeps) {
  return async ({ command, ack, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const deps = forDelivery(shared, context, command);
    const actor = { userId: command.user_id, displayName: command.user_name, channelId: command.channel_id };
    try {
      const reply = await runCore(
        deps,
        actor,
        { kind: 'text', text: fromSlackText(command.text ?? '') },
        { key: deliveryKey('command', command.trigger_id), retryNum: context.retryNum },
      );
      if (reply)
        await deliverReply(reply, {
          ...actor,
          client: deps.client,
          logger: deps.logger,
          triggerId: command.trigger_id,
          respond,
        });
    } catch (error) {
      deps.logger.error('Slack command could not be answered', { command: command.command, err: error });
    }
  };
}
