import { createHash } from 'node:crypto';
import type { Activity } from '@microsoft/agents-activity';
import type { Caller } from '../../views/reply.js';

/** A Teams account as it appears in an activity (`from`, `recipient`, a mention). */
export interface TeamsAccount {
  id?: string;
  name?: string;
  aadObjectId?: string;
}

/**
 * The person id for a Teams account: `teams:<aad object id>`. Only when `allowChannelId` is set
 * (local mode, where nobody signs in) does an account without one become `teams:<channel id>`.
 */
export function personIdOf(account: TeamsAccount | undefined, allowChannelId = true): string | null {
  const raw = account?.aadObjectId || (allowChannelId ? account?.id : undefined);
  const clean = raw?.replace(/[^A-Za-z0-9._:@-]/g, '');
  return clean ? `teams:${clean}` : null;
}

/** Who sent an activity: their AAD object id; a bare Teams id counts only in local mode. */
export function senderIdOf(activity: Activity, localMode: boolean): string | null {
  return personIdOf(activity.from, localMode);
}

/**
 * The key under which an activity is acted on once. Teams activity ids are timestamps, so two
 * people (or two chats) can send the same id: the key also names the conversation and the sender.
 */
export function deliveryKeyOf(activity: Activity): string | undefined {
  if (!activity.id) return undefined;
  const parts = [
    activity.type,
    activity.conversation?.id,
    activity.from?.aadObjectId || activity.from?.id,
    activity.id,
  ];
  return `teams:${createHash('sha256').update(JSON.stringify(parts)).digest('base64url')}`;
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
export function callerOf(activity: Activity, localMode: boolean): Caller | null {
  const personId = senderIdOf(activity, localMode);
  if (!personId) return null;
  const conversationId = activity.conversation?.id ? baseConversationId(activity.conversation.id) : undefined;
  const channelId = conversationId ? `teams:${conversationId}${isGroupConversation(activity) ? '' : ':dm'}` : undefined;
  return { personId, displayName: activity.from?.name || undefined, platform: 'teams', channelId };
}
