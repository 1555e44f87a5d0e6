import { z } from 'zod';
import { ROLES } from './reference-data.js';
import { isoDate } from './text.js';

/** A person known to the bot, with their roles and how to reach them directly. */
export const personSchema = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  roles: z.array(z.enum(ROLES)),
  /** Platform data needed to message the person directly (a Teams conversation reference, a Slack DM channel). */
  contact: z.unknown().optional(),
  /** A person registered without a chat account (`person:P-1`): the facilitator or admin who registered them. */
  addedBy: z.string().optional(),
  /**
   * A registered person who was removed: their name and roles are gone, their id is kept so that their
   * past (anonymous) participation still counts and the number is never given to someone else.
   */
  removedAt: isoDate.optional(),
  updatedAt: isoDate,
});
export type Person = z.infer<typeof personSchema>;

/** Ids of people registered without a chat account: `person:P-1`, `person:P-2`, ... */
export const REGISTERED_ID = /^person:P-[1-9][0-9]{0,8}$/;

/** True for the id of a person registered without a chat account. */
export function isRegisteredId(personId: string): boolean {
  return REGISTERED_ID.test(personId);
}

/** True for a person the bot can reach in chat (`slack:…`, `teams:…`); others (`person:P-1`) have no chat account. */
export function hasChatAccount(personId: string): boolean {
  return /^(slack|teams):./.test(personId);
}
