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
  updatedAt: isoDate,
});
export type Person = z.infer<typeof personSchema>;

/** True for a person the bot can reach in chat (`slack:…`, `teams:…`); others (`person:P-1`) have no chat account. */
export function hasChatAccount(personId: string): boolean {
  return /^(slack|teams):./.test(personId);
}
