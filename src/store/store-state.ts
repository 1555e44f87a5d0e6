import type { AuditEvent } from '../domain/audit.js';
import type { Idea } from '../domain/idea.js';
import type { Person } from '../domain/person.js';
import type { ConflictDeclaration, Participation, Round, Vote } from '../domain/voting.js';
import { deepFreeze, deepFreezeInterned } from './deep-freeze.js';
import type { Job } from './store.js';
import type { CounterName, FileRecord, StoreOp } from './store-op.js';

/** The embedded store's records in memory; every record held is deep-frozen. */
export class StoreState {
  readonly counters: Record<CounterName, number> = { idea: 0, round: 0, person: 0 };
  readonly ideas = new Map<string, Idea>();
  readonly rounds = new Map<string, Round>();
  /** roundId → voterKey → vote. */
  readonly votes = new Map<string, Map<string, Vote>>();
  /** roundId → personId → participation. */
  readonly participation = new Map<string, Map<string, Participation>>();
  /** ideaId → `roundId personId` → conflict answer. */
  readonly conflicts = new Map<string, Map<string, ConflictDeclaration>>();
  /**
   * How many `ballots.seal` ops (and person records that erase an earlier one) were applied since the
   * state was built. A snapshot never holds one, so after loading, a count above 0 means a journal may
   * still hold a sealed round's ballots or salt, or a removed person's name.
   */
  sealsApplied = 0;
  readonly people = new Map<string, Person>();
  readonly audit: AuditEvent[] = [];
  /** Delivery key → expiry (epoch ms). */
  readonly deliveries = new Map<string, number>();
  readonly settings = new Map<string, unknown>();
  readonly jobs = new Map<string, Job>();
  /** File id → metadata (the bytes are on disk). */
  readonly files = new Map<string, FileRecord>();

  /** Applies one op; `op` must be freshly parsed (it is frozen in place, never copied). Replay uses this too. */
  apply(op: StoreOp): void {
    switch (op.op) {
      case 'counter':
        this.counters[op.name] = Math.max(this.counters[op.name], op.value);
        return;
      case 'idea.put':
        this.ideas.set(op.idea.id, deepFreezeInterned(op.idea));
        return;
      case 'idea.save': {
        const history = [...(this.ideas.get(op.idea.id)?.history ?? []), ...op.events];
        this.ideas.set(op.idea.id, deepFreezeInterned({ ...op.idea, history }));
        return;
      }
      case 'round':
        this.rounds.set(op.round.id, deepFreezeInterned(op.round));
        return;
      case 'vote':
        inner(this.votes, op.vote.roundId).set(op.vote.voterKey, deepFreeze(op.vote));
        return;
      case 'participation': {
        const byPerson = inner(this.participation, op.participation.roundId);
        if (!byPerson.has(op.participation.personId))
          byPerson.set(op.participation.personId, deepFreeze(op.participation));
        return;
      }
      case 'ballots.seal': {
        this.votes.delete(op.roundId);
        const byPerson = this.participation.get(op.roundId);
        if (byPerson) {
          // Re-inserted sorted by person and without times: neither order nor time says when anyone voted.
          const kept = [...byPerson.values()].sort((a, b) => a.personId.localeCompare(b.personId));
          byPerson.clear();
          for (const { at: _at, ...p } of kept) byPerson.set(p.personId, deepFreeze(p));
        }
        // Conflict answers were first stored in voting order: re-inserted in person order too.
        const byKey = this.conflicts.get(this.rounds.get(op.roundId)?.ideaId ?? '');
        if (byKey) {
          const entries = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b));
          byKey.clear();
          for (const [key, declaration] of entries) byKey.set(key, declaration);
        }
        this.sealsApplied++;
        return;
      }
      case 'conflict': {
        const d = op.declaration;
        inner(this.conflicts, d.ideaId).set(`${d.roundId} ${d.personId}`, deepFreeze(d));
        return;
      }
      case 'person':
        this.people.set(op.person.id, deepFreeze(op.person));
        if (op.erasesEarlier) this.sealsApplied++;
        return;
      case 'audit':
        this.audit.push(deepFreeze(op.event));
        return;
      case 'delivery':
        this.deliveries.set(op.key, Date.parse(op.expiresAt));
        return;
      case 'setting':
        this.settings.set(op.key, deepFreeze(op.value));
        return;
      case 'setting.delete':
        this.settings.delete(op.key);
        return;
      case 'file':
        this.files.set(op.file.id, deepFreeze(op.file));
        return;
      case 'file.delete':
        this.files.delete(op.id);
        return;
      case 'job':
        this.jobs.set(op.job.id, deepFreeze(op.job));
        return;
      case 'job.cancel':
        this.jobs.delete(op.id);
        return;
    }
  }

  /** The whole state as ops that rebuild it when applied in order (the body of a snapshot). */
  toOps(): StoreOp[] {
    const ops: StoreOp[] = [
      { op: 'counter', name: 'idea', value: this.counters.idea },
      { op: 'counter', name: 'round', value: this.counters.round },
      { op: 'counter', name: 'person', value: this.counters.person },
    ];
    for (const idea of this.ideas.values()) ops.push({ op: 'idea.put', idea });
    for (const round of this.rounds.values()) ops.push({ op: 'round', round });
    for (const votes of this.votes.values()) for (const vote of votes.values()) ops.push({ op: 'vote', vote });
    for (const byPerson of this.participation.values()) {
      for (const participation of byPerson.values()) ops.push({ op: 'participation', participation });
    }
    for (const byKey of this.conflicts.values()) {
      for (const declaration of byKey.values()) ops.push({ op: 'conflict', declaration });
    }
    for (const person of this.people.values()) ops.push({ op: 'person', person });
    for (const event of this.audit) ops.push({ op: 'audit', event });
    for (const [key, expires] of this.deliveries) {
      ops.push({ op: 'delivery', key, expiresAt: new Date(expires).toISOString() });
    }
    for (const [key, value] of this.settings) ops.push({ op: 'setting', key, value });
    for (const job of this.jobs.values()) ops.push({ op: 'job', job });
    for (const file of this.files.values()) ops.push({ op: 'file', file });
    return ops;
  }

  /** Forgets delivery keys that expired at or before `nowMs` (they are absent either way). */
  pruneDeliveries(nowMs: number): void {
    for (const [key, expires] of this.deliveries) if (expires <= nowMs) this.deliveries.delete(key);
  }
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) {
    map = new Map();
    outer.set(key, map);
  }
  return map;
}
