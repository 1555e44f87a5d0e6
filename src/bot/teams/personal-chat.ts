import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import type { ConnectorClient } from '@microsoft/agents-hosting';
import type { AdapterPilot } from '../../ports/platform-adapter.js';
import { isPersonalReference, rememberPersonalChat } from './conversation-refs.js';

/**
 * Sends a message to a person's 1:1 chat with the bot. With only a channel reference naming them,
 * it first creates the 1:1 chat (allowed for members of a team where the bot is installed) and
 * remembers it for next time. Returns the new message's id.
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 */
export async function sendToPersonalChat(
  client: ConnectorClient,
  pilot: AdapterPilot,
  personId: string,
  contact: ConversationReference,
  message: Record<string, unknown>,
): Promise<string | undefined> {
  let conversationId = contact.conversation.id;
  if (!isPersonalReference(contact)) {
    if (!contact.user?.id || !contact.agent?.id) throw new Error(`no Teams account known for ${personId}`);
    const tenantId = contact.conversation.tenantId;
    const created = await client.createConversation({
      isGroup: false,
      agent: contact.agent,
      members: [contact.user],
      tenantId,
      channelData: tenantId ? { tenant: { id: tenantId } } : {},
    } as unknown as Parameters<ConnectorClient['createConversation']>[0]);
    if (!created?.id) throw new Error('Teams did not return a conversation id for the 1:1 chat');
    conversationId = created.id;
    await rememberPersonalChat(pilot, personId, {
      ...contact,
      conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false },
    });
  }
  const outgoing = Activity.fromObject({ ...message, conversation: { id: conversationId } });
  const sent = await client.sendToConversation(conversationId, outgoing);
  return sent?.id;
}
