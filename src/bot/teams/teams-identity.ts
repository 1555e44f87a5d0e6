import type { Activity } from '@microsoft/agents-activity';
import type { Caller } from '../core/reply.js';

/** A Teams account as it appears in an activity (`from`, `recipient`, a mention). */
export interface TeamsAccount {
  id?: string;
  name?: string;
  aadObjectId?: string;
}

/** The person id for a Teams account: `teams:<aad object id>`, else `teams:<channel id>` sanitised. */
export function personIdOf(account: TeamsAccount | undefined): string | null {
  const raw = account?.aadObjectId || account?.id;
  const clean = raw?.replace(/[^A-Za-z0-9._:@-]/g, '');
  return clean ? `teams:${clean}` : null;
}

/**
 * The channel's own conversation id: in a channel thread Teams appends `;messageid=<root>`, which
 * must go so the forum and its stored reference name the channel, not one thread.
 */
export function baseConversationId(conversationId: string): string {
  return conversationId.replace(/;messageid=.*$/i, '');
}

/** True for a team channel or a group chat; false for the personal (1:1) chat with the bot. */
export function isGroupConversation(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  if (type === 'personal') return false;
  return type === 'channel' || type === 'groupChat' || activity.conversation?.isGroup === true;
}

/** Who is acting and where, from the activity (identity comes only from the verified payload). */
export function callerOf(activity: Activity): Caller | null {
  const personId = personIdOf(activity.from);
  if (!personId) return null;
  const conversationId = activity.conversation?.id ? baseConversationId(activity.conversation.id) : undefined;
  const channelId = conversationId ? `teams:${conversationId}${isGroupConversation(activity) ? '' : ':dm'}` : undefined;
  return { personId, displayName: activity.from?.name || undefined, platform: 'teams', channelId };
}
