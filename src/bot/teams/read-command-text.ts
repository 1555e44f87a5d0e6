import type { Activity } from '@microsoft/agents-activity';
import { personIdOf, type TeamsAccount } from './teams-identity.js';

/** Finds a conversation member's AAD object id when a mention does not carry it. */
export type MemberLookup = (memberId: string) => Promise<TeamsAccount | null>;

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

/**
 * The command words of a Teams message: the bot's @mention and a leading `pilot` removed, and
 * @mentions of other people replaced with their person id (`teams:<aad object id>`), so that
 * `role @Alice pm` names Alice. https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#work-with-mentions
 */
export async function readCommandText(activity: Activity, lookup?: MemberLookup): Promise<string> {
  let text = activity.text ?? '';
  const mentions = (activity.entities ?? []).filter((e) => e.type === 'mention') as {
    mentioned?: TeamsAccount;
    text?: string;
  }[];
  for (const mention of mentions) {
    if (!mention.text || !mention.mentioned) continue;
    const isBot = mention.mentioned.id === activity.recipient?.id;
    let account: TeamsAccount | null = mention.mentioned;
    if (!isBot && !account.aadObjectId && account.id && lookup)
      account = (await lookup(account.id).catch(() => null)) ?? account;
    text = text.split(mention.text).join(isBot ? ' ' : ` ${personIdOf(account) ?? ''} `);
  }
  const plain = text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z#0-9]+;/gi, (entity) => ENTITIES[entity.toLowerCase()] ?? entity);
  return plain
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim()
    .replace(/^\/?pilot\b[:,]?\s*/i, '');
}
