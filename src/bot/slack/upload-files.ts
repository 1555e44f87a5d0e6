import type { App } from '@slack/bolt';
import type { ReplyFile } from '../../views/reply.js';

/**
 * Uploads a reply's files to a channel, or privately to the person's DM with the bot.
 * https://docs.slack.dev/reference/methods/files.getUploadURLExternal (files.uploadV2 does the three steps)
 */
export async function uploadFiles(
  client: App['client'],
  files: ReplyFile[],
  channelId: string | undefined,
  userId: string,
): Promise<void> {
  const channel = channelId ?? (await client.conversations.open({ users: userId })).channel?.id;
  if (!channel) throw new Error('Slack did not open a direct message channel for the file');
  for (const file of files) {
    await client.filesUploadV2({
      channel_id: channel,
      file: Buffer.from(file.content),
      filename: file.filename,
      title: file.title,
    });
  }
}
