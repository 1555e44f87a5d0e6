import { isRegisteredId, type Person } from '../domain/person.js';
import { PilotError } from '../domain/pilot-error.js';
import { ROLE_LABELS, ROLES, type Role } from '../domain/reference-data.js';
import type { Store } from '../store/store.js';
import { cmd } from '../views/inline.js';
import { personNumber } from './voting-service.js';

/** The roles a facilitator may give a person they register (SPEC 3.1); an admin may give any. */
export const FACILITATOR_GIVES: readonly Role[] = ['expert', 'provider'];

/**
 * A registered person's name as typed: one line, 1-60 characters, no id-like or markup characters. The
 * least that works: a first name and an initial is enough for the facilitator to know who it is.
 */
export function readName(raw: string): string {
  // Invisible and direction-changing characters would make a name look like another (or like nothing).
  const name = raw
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name)
    throw new PilotError(
      'missing_argument',
      `What is the person’s name? A first name and an initial is enough. Usage: ${cmd('people add <name> <role>')}`,
    );
  if (name.length > 60)
    throw new PilotError('invalid_argument', 'That name is too long: at most 60 characters, please.');
  if (
    /[<>@*_`~|\\[\]{}#]/.test(name) ||
    /^(slack|teams|person|local):/i.test(name) ||
    /:\/\/|www\./i.test(name) ||
    /\bP-\d/i.test(name)
  )
    throw new PilotError(
      'invalid_argument',
      'Please write the name in plain letters (no @, #, <, >, *, _, brackets, web addresses or numbers like P-3). A first name and an initial is enough.',
    );
  return name;
}

/** Roles per person: stored, assigned by admins in chat, bootstrapped from PILOT_ADMINS. */
export class PeopleService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly bootstrapAdmins: readonly string[],
    private readonly localMode = false,
  ) {}

  /** The roles a person holds (bootstrap admins always hold admin). */
  async rolesOf(personId: string): Promise<Role[]> {
    const person = await this.store.getPerson(personId);
    const roles = new Set<Role>(person?.roles ?? []);
    if (this.bootstrapAdmins.includes(personId)) roles.add('admin');
    if (this.localMode) for (const role of ['admin', 'pm'] as const) roles.add(role);
    return [...roles];
  }

  /** Remembers a person's display name and how to reach them directly, keeping their roles. */
  async touch(personId: string, details: { displayName?: string; contact?: unknown }): Promise<void> {
    const person = await this.store.getPerson(personId);
    const next: Person = {
      id: personId,
      roles: person?.roles ?? [],
      displayName: details.displayName ?? person?.displayName,
      contact: details.contact ?? person?.contact,
      updatedAt: this.clock().toISOString(),
    };
    if (
      person &&
      next.displayName === person.displayName &&
      JSON.stringify(next.contact) === JSON.stringify(person.contact)
    )
      return;
    await this.store.putPerson(next);
  }

  /** Adds roles to a person; returns their roles after. */
  async assign(actorId: string, personId: string, roles: Role[]): Promise<Role[]> {
    return this.change(actorId, personId, (current) => [...new Set([...current, ...roles])], 'role.assigned', roles);
  }

  /** Removes a role from a person; returns their roles after. */
  async remove(actorId: string, personId: string, role: Role): Promise<Role[]> {
    if (role === 'admin' && personId === actorId)
      throw new PilotError('invalid_argument', 'You can’t remove your own admin role; ask another admin to do it.');
    return this.change(actorId, personId, (current) => current.filter((r) => r !== role), 'role.removed', [role]);
  }

  /**
   * Registers a person who has no chat account (SPEC 3.1): their id is the next `person:P-<n>`. Only the
   * name, the roles, who registered them and when are kept. A facilitator may give only the roles in
   * FACILITATOR_GIVES; an admin any.
   */
  async register(actorId: string, actorRoles: readonly Role[], name: string, roles: Role[]): Promise<Person> {
    this.checkMayGive(actorRoles, roles);
    const displayName = readName(name);
    await this.refuseSameName(displayName);
    const id = `person:P-${await this.store.nextPersonNumber()}`;
    const at = this.clock().toISOString();
    const person: Person = {
      id,
      displayName,
      roles: [...new Set(roles)],
      addedBy: actorId,
      updatedAt: at,
    };
    await this.store.putPerson(person);
    // The audit names who registered whom and with which roles, never the name (a service user's).
    await this.store.appendAudit({ type: 'person.registered', at, actorId, detail: { personId: id, roles } });
    return person;
  }

  /** Corrects a registered person's name; the earlier spelling is not kept. */
  async rename(actorId: string, personId: string, name: string): Promise<Person> {
    const person = await this.registered(personId);
    const displayName = readName(name);
    await this.refuseSameName(displayName, personId);
    const at = this.clock().toISOString();
    const next: Person = { ...person, displayName, updatedAt: at };
    await this.store.replacePersonErasingEarlier(next);
    await this.store.appendAudit({ type: 'person.renamed', at, actorId, detail: { personId } });
    return next;
  }

  /**
   * Removes a registered person: their name and roles go (and no copy is left in storage); their id stays,
   * so the votes and views recorded for them still count and the number is not given to anyone else.
   */
  async unregister(actorId: string, personId: string): Promise<void> {
    const person = await this.registered(personId);
    const at = this.clock().toISOString();
    await this.store.replacePersonErasingEarlier({
      id: person.id,
      roles: [],
      ...(person.addedBy ? { addedBy: person.addedBy } : {}),
      removedAt: at,
      updatedAt: at,
    });
    await this.store.appendAudit({ type: 'person.removed', at, actorId, detail: { personId } });
  }

  /** People registered without a chat account and not removed, in number order. */
  async registeredPeople(): Promise<Person[]> {
    const people = (await this.store.listPeople()).filter((p) => isRegisteredId(p.id) && !p.removedAt);
    return people.sort((a, b) => personNumber(a.id) - personNumber(b.id));
  }

  /** A registered person who has not been removed, or a clear refusal naming the usage. */
  async registered(personId: string): Promise<Person> {
    const person = isRegisteredId(personId) ? await this.store.getPerson(personId) : null;
    if (!person || person.removedAt)
      throw new PilotError(
        'person_not_found',
        `${person?.removedAt ? `${personId.slice(7)} was removed` : `No one is registered as ${personId.slice(7, 40)}`}. See who is registered with ${cmd('people')}.`,
      );
    return person;
  }

  /** Two people with one name would be easy to mix up when recording a vote. */
  private async refuseSameName(name: string, except?: string): Promise<void> {
    const same = (await this.registeredPeople()).find(
      (p) => p.id !== except && p.displayName?.toLowerCase() === name.toLowerCase(),
    );
    if (same)
      throw new PilotError(
        'invalid_argument',
        `${same.id.slice('person:'.length)} is already registered as ${name}. If this is someone else, add an initial or a surname so the two are easy to tell apart.`,
      );
  }

  private checkMayGive(actorRoles: readonly Role[], roles: Role[]): void {
    if (actorRoles.includes('admin')) return;
    const refused = roles.filter((r) => !FACILITATOR_GIVES.includes(r));
    if (refused.length > 0)
      throw new PilotError(
        'not_permitted',
        `A facilitator can register people as ${FACILITATOR_GIVES.map((r) => ROLE_LABELS[r].toLowerCase()).join(' or ')} only, not ${refused.map((r) => ROLE_LABELS[r].toLowerCase()).join(', ')}. Ask an admin for other roles.`,
      );
  }

  /** Everyone holding at least one role. */
  async everyoneWithRoles(): Promise<Person[]> {
    const people = await this.store.listPeople();
    const known = new Set(people.map((p) => p.id));
    const admins = this.bootstrapAdmins
      .filter((id) => !known.has(id))
      .map((id) => ({ id, roles: ['admin'] as Role[], updatedAt: '' }));
    return [
      ...people.map((p) =>
        this.bootstrapAdmins.includes(p.id) && !p.roles.includes('admin')
          ? { ...p, roles: [...p.roles, 'admin' as Role] }
          : p,
      ),
      ...admins,
    ].filter((p) => p.roles.length > 0);
  }

  private async change(
    actorId: string,
    personId: string,
    update: (roles: Role[]) => Role[],
    type: string,
    roles: Role[],
  ): Promise<Role[]> {
    // A registered person (person:P-1) must exist and not have been removed; a chat id may be new here.
    const person = isRegisteredId(personId) ? await this.registered(personId) : await this.store.getPerson(personId);
    if (!person && personId.startsWith('person:'))
      throw new PilotError('person_not_found', `No one is registered as ${personId.slice(7, 40)}.`);
    const next = update(person?.roles ?? []).filter((r) => (ROLES as readonly string[]).includes(r));
    const at = this.clock().toISOString();
    await this.store.putPerson({
      id: personId,
      displayName: person?.displayName,
      contact: person?.contact,
      roles: next,
      updatedAt: at,
    });
    await this.store.appendAudit({ type, at, actorId, detail: { personId, roles } });
    return this.rolesOf(personId);
  }
}
