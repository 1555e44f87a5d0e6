/** Small factories for the Bot Framework activities Teams sends (no copied blobs). */

let seq = 0;
const TENANT = 'tenant-0001';

/** The bot as Teams addresses it. */
export const BOT = { id: '28:pilot-bot', name: 'Pilot' };

/** A Teams user: `teams:aad-<key>` is their person id. */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
  /** The person id the bot derives: `teams:<aad object id>`. */
  personId: string;
}

/** A Teams user with a predictable id. */
export function makeUser(key: string, name = `${key.charAt(0).toUpperCase()}${key.slice(1)} Example`): TeamsUser {
  return { id: `29:${key}`, name, aadObjectId: `aad-${key}`, personId: `teams:aad-${key}` };
}

/** Where an activity happens: a personal chat, a team channel or a group chat. */
export interface Where {
  id: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  isGroup?: boolean;
  tenantId: string;
}

/** The personal (1:1) chat of a user with the bot. */
export function personalChat(user: TeamsUser): Where {
  return { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT };
}

/** A team channel (the `;messageid=` form is what a reply in a thread carries). */
export function channel(name: string, threadRoot?: string): Where {
  return {
    id: `19:${name}@thread.tacv2${threadRoot ? `;messageid=${threadRoot}` : ''}`,
    conversationType: 'channel',
    isGroup: true,
    tenantId: TENANT,
  };
}

/** Common fields of an incoming activity. */
function base(serviceUrl: string, from: TeamsUser, where: Where): Record<string, unknown> {
  seq += 1;
  return {
    id: `act-${seq}-${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: where,
    channelData: {
      tenant: { id: TENANT },
      ...(where.conversationType === 'channel'
        ? { channel: { id: where.id.split(';')[0] }, team: { id: '19:team@thread.tacv2' } }
        : {}),
    },
  };
}

/** A message typed to the bot; in a channel it starts with the bot's @mention, as Teams sends it. */
export function makeMessage(
  serviceUrl: string,
  from: TeamsUser,
  where: Where,
  text: string,
  mentions: TeamsUser[] = [],
): Record<string, unknown> {
  const atBot = where.conversationType === 'personal' ? '' : `<at>${BOT.name}</at> `;
  const entities = [
    ...(atBot ? [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }] : []),
    ...mentions.map((m) => ({
      type: 'mention',
      mentioned: { id: m.id, name: m.name, aadObjectId: m.aadObjectId },
      text: `<at>${m.name}</at>`,
    })),
  ];
  return { ...base(serviceUrl, from, where), type: 'message', text: `${atBot}${text}`, textFormat: 'plain', entities };
}

/** A click on an `Action.Execute` button (the `adaptiveCard/action` invoke), with its data and inputs. */
export function makeInvoke(
  serviceUrl: string,
  from: TeamsUser,
  where: Where,
  data: unknown,
  replyToId = 'card-1',
): Record<string, unknown> {
  const verb = (data as { pilot?: { kind?: string } })?.pilot?.kind ?? 'unknown';
  return {
    ...base(serviceUrl, from, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb: `pilot.${verb}`, data }, trigger: 'manual' },
  };
}

/** A plain `Action.Submit` from an older client: a message with no text whose value is the data plus inputs. */
export function makeSubmit(
  serviceUrl: string,
  from: TeamsUser,
  where: Where,
  data: unknown,
  replyToId = 'card-1',
): Record<string, unknown> {
  return { ...base(serviceUrl, from, where), type: 'message', replyToId, value: data };
}

/** The bot (or someone) added to a conversation. */
export function makeMembersAdded(
  serviceUrl: string,
  from: TeamsUser,
  where: Where,
  added: { id: string; name?: string }[] = [BOT],
): Record<string, unknown> {
  return { ...base(serviceUrl, from, where), type: 'conversationUpdate', membersAdded: added };
}

/** The app installed (or removed) by a person. */
export function makeInstallationUpdate(
  serviceUrl: string,
  from: TeamsUser,
  where: Where,
  action: 'add' | 'remove' = 'add',
): Record<string, unknown> {
  return { ...base(serviceUrl, from, where), type: 'installationUpdate', action };
}
