import type { App, RespondFn } from '@slack/bolt';
import type { Logger } from '../../workflows/deps.js';
import type { Reply } from '../../views/reply.js';
import { renderMessage } from './render-blocks.js';
import { renderModal } from './render-modal.js';
import { isDirectChannel } from './slack-context.js';
import { uploadFiles } from './upload-files.js';

/** The Slack Web API client. */
export type SlackClient = App['client'];

/** Where and how a reply can reach the person who acted. */
export interface ReplyTarget {
  client: SlackClient;
  logger: Logger;
  /** Raw Slack user id of the caller. */
  userId: string;
  /** Raw Slack channel id where they acted, if any (none on the Home tab). */
  channelId?: string;
  /** Opens a modal; valid for 3 seconds after the click or command. */
  triggerId?: string;
  /** Posts to the payload's `response_url`, when it has one. */
  respond?: RespondFn;
  /** The click came from inside a modal: a new form is pushed on top of it. */
  inModal?: boolean;
}

/**
 * Delivers a neutral reply: a form opens as a modal; private replies are ephemeral (or a DM where
 * there is no channel); public ones are posted in the channel; files are uploaded alongside.
 */
export async function deliverReply(reply: Reply, target: ReplyTarget): Promise<void> {
  if (reply.form && target.triggerId) {
    try {
      const view = renderModal(reply.form, target.channelId);
      if (target.inModal) await target.client.views.push({ trigger_id: target.triggerId, view });
      else await target.client.views.open({ trigger_id: target.triggerId, view });
      return;
    } catch (error) {
      // An expired trigger (slow network) falls back to the reply's own button, which opens the form again.
      target.logger.warn('Slack form could not be opened', { err: error });
    }
  }
  if (reply.visibility === 'public' && target.channelId) await postPublic(reply, target, target.channelId);
  else await postPrivate(reply, target);
  if (reply.files?.length)
    await uploadFiles(
      target.client,
      reply.files,
      reply.visibility === 'public' && target.channelId ? target.channelId : undefined,
      target.userId,
    );
}

async function postPublic(reply: Reply, target: ReplyTarget, channel: string): Promise<void> {
  const message = renderMessage(reply);
  try {
    await target.client.chat.postMessage({ channel, ...message });
  } catch (error) {
    // The bot may not be a member of the channel; the command's response URL can still post there.
    target.logger.warn('Slack public post failed; answering through the response URL', {
      channel,
      err: error,
    });
    if (target.respond) await target.respond({ response_type: 'in_channel', replace_original: false, ...message });
    else await postDirect(target.client, target.userId, reply);
  }
}

async function postPrivate(reply: Reply, target: ReplyTarget): Promise<void> {
  const message = renderMessage(reply);
  try {
    if (target.respond)
      return void (await target.respond({ response_type: 'ephemeral', replace_original: false, ...message }));
    if (target.channelId && !isDirectChannel(target.channelId))
      return void (await target.client.chat.postEphemeral({
        channel: target.channelId,
        user: target.userId,
        ...message,
      }));
  } catch (error) {
    target.logger.warn('Slack ephemeral reply failed; sending a direct message instead', { err: error });
  }
  // A direct message stays in Slack's history: a reply that must not be kept (an anonymous vote) says less.
  const lasting = reply.lastingText;
  await postDirect(
    target.client,
    target.userId,
    lasting ? { text: lasting, blocks: [{ kind: 'text', text: lasting }] } : reply,
  );
}

/** Sends a reply as a direct message from the bot (posting to a user id opens the DM). */
export async function postDirect(
  client: SlackClient,
  userId: string,
  reply: Pick<Reply, 'text' | 'blocks'>,
): Promise<{ channel?: string; ts?: string }> {
  const result = await client.chat.postMessage({ channel: userId, ...renderMessage(reply) });
  return { channel: result.channel, ts: result.ts };
}
