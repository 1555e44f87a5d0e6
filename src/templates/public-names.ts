import { isRegisteredId } from '../domain/person.js';
import type { Role } from '../domain/reference-data.js';
import { gapText } from './case-gaps.js';

/**
 * How a committee paper names people (SPEC 4: fit to publish). Experts by experience and care providers
 * (and anyone registered without a chat account) are members of the public: they are described, never
 * named. Council staff are named; someone whose name is not known shows as a gap for the report author,
 * never as a platform id.
 */
export function publicName(personId: string, names: Record<string, string>, roles: Record<string, Role[]>): string {
  const held = roles[personId] ?? [];
  if (isRegisteredId(personId) || held.includes('expert')) return 'an expert by experience';
  if (held.includes('provider')) return 'a care provider';
  const name = names[personId]?.trim();
  return name ? name : gapText('name');
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PLATFORM_ID = /\b(?:slack|teams|local|person):[A-Za-z0-9._:@-]+/g;

/** Text typed by people, with email addresses and platform ids taken out (the paper may be published). */
export function scrubText(text: string): string {
  return text.replace(PLATFORM_ID, '[id removed]').replace(EMAIL, '[email address removed]');
}

/** Every string in a value (the case data), scrubbed; other values as they are. */
export function scrubAll<T>(value: T): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubAll(v)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubAll(v)])) as T;
  return value;
}
