import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Reply } from '../../views/reply.js';
import { deliverReply } from './deliver-reply.js';
import { modalErrors, readModalMeta, readModalValues } from './read-modal.js';
import { forDelivery, runCore, type SlackDeps } from './run-core.js';
import { deliveryKey, digestOf } from './slack-context.js';

/** Errors about what was typed stay in the open modal; others (no permission, vote closed) close it and are answered privately. */
function inlineErrors(reply: Reply): Record<string, string> {
  if (reply.fieldErrors && Object.keys(reply.fieldErrors).length > 0) return reply.fieldErrors;
  return reply.fixable ? { _: reply.text } : {};
}

/**
 * The same submission always gives the same key, so a replay (Slack retry, or the same signed body sent again) is
 * ignored. Slack's `trigger_id` tells submissions apart; without it, the view's hash and what was typed do.
 */
function viewDeliveryKey(body: ViewSubmitAction, view: ViewSubmitAction['view']): string | undefined {
  const trigger = (body as { trigger_id?: string }).trigger_id;
  return deliveryKey('view', view.id, trigger || `${view.hash ?? ''}:${digestOf(view.state.values)}`);
}

const UNREADABLE = 'This form could not be read any more. Please close it and open it again from the idea’s message.';

/**
 * A modal submission (`view_submission`) goes through the core as `{ kind: 'form' }` before the ack:
 * errors in what was typed keep the modal open with inline messages (`response_action: errors`); otherwise the
 * modal closes and the answer is posted privately where the form was opened (or by direct message).
 */
export function viewListener(shared: SlackDeps) {
  return async ({
    ack,
    body,
    view,
    context,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const meta = readModalMeta(view.private_metadata);
    if (!meta) {
      const errors = modalErrors({ _: UNREADABLE }, view.blocks);
      await ack(errors ? { response_action: 'errors', errors } : undefined);
      return;
    }
    const deps = forDelivery(shared, context, body);
    const actor = { userId: body.user.id, displayName: body.user.name, channelId: meta.channel };
    try {
      const reply = await runCore(
        deps,
        actor,
        { kind: 'form', formId: meta.formId, values: readModalValues(view.state.values), context: meta.context },
        {
          key: viewDeliveryKey(body, view),
          retryNum: context.retryNum,
        },
      );
      const errors = reply ? modalErrors(inlineErrors(reply), view.blocks) : null;
      if (errors) return void (await ack({ response_action: 'errors', errors }));
      // If the core took longer than Slack waits, the modal has already been closed: the answer still goes out.
      await ack().catch((error: unknown) => deps.logger.warn('Slack form acknowledged late', { err: error }));
      if (reply) await deliverReply(reply, { ...actor, client: deps.client, logger: deps.logger });
    } catch (error) {
      deps.logger.error('Slack form submission could not be answered', { formId: meta.formId, err: error });
      await ack().catch(() => {});
    }
  };
}
