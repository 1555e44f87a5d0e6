import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { deliverReply } from './deliver-reply.js';
import { neutralActionId } from './render-blocks.js';
import { forDelivery, runCore, type SlackDeps } from './run-core.js';
import { deliveryKey } from './slack-context.js';

/**
 * A button click (`block_actions`) does what the words do: acknowledged at once, run through the core
 * as `{ kind: 'button' }`, and answered privately where it was clicked. Clicks on the Home tab are
 * answered by direct message and refresh the tab.
 */
export function actionListener(shared: SlackDeps, refreshHome: (userId: string) => Promise<void>) {
  return async ({
    ack,
    body,
    action,
    respond,
    context,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    if (action.type !== 'button') return;
    const deps = forDelivery(shared, context, body);
    const where = body.view?.type;
    const actor = {
      userId: body.user.id,
      displayName: body.user.name ?? body.user.username,
      channelId: body.channel?.id ?? body.container?.channel_id,
    };
    try {
      const reply = await runCore(
        deps,
        actor,
        { kind: 'button', actionId: neutralActionId(action.action_id), value: action.value ?? '' },
        {
          key: deliveryKey('action', body.trigger_id, action.action_ts),
          retryNum: context.retryNum,
        },
      );
      if (!reply) return;
      await deliverReply(reply, {
        ...actor,
        client: deps.client,
        logger: deps.logger,
        triggerId: body.trigger_id,
        respond: body.response_url ? respond : undefined,
        inModal: where === 'modal',
      });
      if (where === 'home') await refreshHome(body.user.id);
    } catch (error) {
      deps.logger.error('Slack button click could not be answered', {
        actionId: action.action_id,
        err: error,
      });
    }
  };
}
