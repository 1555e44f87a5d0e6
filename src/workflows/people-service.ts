import type { Person } from '../domain/person.js';
import { PilotError } from '../domain/pilot-error.js';
import { ROLES, type Role } from '../domain/reference-data.js';
import type { Store } from '../store/store.js';

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
    const person = await this.store.getPerson(personId);
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
