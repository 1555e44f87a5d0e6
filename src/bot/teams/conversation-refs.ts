import type { Activity, ConversationReference } from '@microsoft/agents-activity';
import type { AdapterPilot, PlatformRecords } from '../../ports/platform-adapter.js';
import { baseConversationId, isGroupConversation, senderIdOf } from './teams-identity.js';

/** Where Teams channels' (and group chats') conversation references are kept, by base conversation id. */
export function channelReferences(pilot: Pick<AdapterPilot, 'records'>): PlatformRecords {
  const records = pilot.records('teams', 'conversation');
  return {
    get: (conversationId) => records.get(baseConversationId(conversationId)),
    put: (conversationId, ref) => records.put(baseConversationId(conversationId), ref),
  };
}

/** The tenant of an activity (Teams sends it on the conversation and in channelData). */
export function tenantOf(activity: Activity): string | undefined {
  const data = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? data?.tenant?.id;
}

/** A plain, JSON-safe conversation reference for proactive messages, without the message id. */
export function referenceOf(activity: Activity): ConversationReference | null {
  const conversation = activity.conversation;
  if (!conversation?.id || !activity.serviceUrl || !activity.recipient?.id) return null;
  const group = isGroupConversation(activity);
  return {
    channelId: activity.channelId ?? 'msteams',
    serviceUrl: activity.serviceUrl,
    conversation: {
      id: group ? baseConversationId(conversation.id) : conversation.id,
      conversationType: conversation.conversationType ?? (group ? 'groupChat' : 'personal'),
      tenantId: tenantOf(activity),
      isGroup: group,
    },
    agent: { id: activity.recipient.id, name: activity.recipient.name ?? '' },
    user: { id: activity.from?.id ?? '', name: activity.from?.name ?? '', aadObjectId: activity.from?.aadObjectId },
  };
}

/** True when a stored contact is a reference to the person's own 1:1 chat with the bot. */
export function isPersonalReference(contact: unknown): boolean {
  return isReference(contact) && contact.conversation.conversationType === 'personal';
}

/** True when a stored value looks like a conversation reference we can use. */
export function isReference(value: unknown): value is ConversationReference {
  const ref = value as ConversationReference | null;
  return !!ref?.serviceUrl && !!ref.conversation?.id && !!ref.agent?.id;
}

/**
 * Remembers how to reach the sender and the channel: the person's 1:1 reference (or, until there
 * is one, a channel reference naming them, from which a 1:1 chat can be created) and the channel's.
 */
export async function captureReferences(pilot: AdapterPilot, activity: Activity, localMode: boolean): Promise<void> {
  const ref = referenceOf(activity);
  const personId = senderIdOf(activity, localMode);
  if (!ref) return;
  if (ref.conversation.isGroup) {
    const refs = channelReferences(pilot);
    const stored = await refs.get(ref.conversation.id);
    const { user: _user, ...channelRef } = ref;
    if (JSON.stringify(stored) !== JSON.stringify(channelRef)) await refs.put(ref.conversation.id, channelRef);
  }
  if (!personId || activity.from?.role === 'bot' || activity.from?.id === activity.recipient?.id) return;
  const person = await pilot.deps.store.getPerson(personId);
  const keep = ref.conversation.isGroup && isPersonalReference(person?.contact);
  await pilot.people.touch(personId, {
    displayName: activity.from?.name || undefined,
    contact: keep ? undefined : ref,
  });
}

/** Stores a 1:1 reference for a person once the bot has created that chat. */
export async function rememberPersonalChat(
  pilot: AdapterPilot,
  personId: string,
  ref: ConversationReference,
): Promise<void> {
  await pilot.people.touch(personId, { contact: ref });
}
