import type { Pilot } from '../../src/app/create-pilot.js';
import { ideaSchema } from '../../src/domain/idea.js';
import { personSchema } from '../../src/domain/person.js';
import { roundSchema, voteSchema } from '../../src/domain/voting.js';
import type { EmbeddedStore } from '../../src/store/embedded-store.js';
import { loadState } from '../../src/store/load-state.js';

const numberOf = (id: string) => Number(id.replace(/^\D+-/, ''));

/**
 * Reads a data directory back the way the store does and lists every broken invariant: records that
 * fail their schema, ideas without history or a sane version, votes, participation or jobs whose round
 * is gone, open rounds their idea cannot reach, and counters behind an id in use. Empty means sound.
 * Call it while holding the store's lock (an open EmbeddedStore), since loading may trim a torn tail.
 */
export async function integrityProblems(dir: string): Promise<string[]> {
  const { state } = await loadState(dir);
  const problems: string[] = [];
  for (const [id, idea] of state.ideas) {
    const parsed = ideaSchema.safeParse(idea);
    if (!parsed.success) problems.push(`idea ${id} fails ideaSchema: ${parsed.error.message.slice(0, 300)}`);
    if (!(idea.version >= 1)) problems.push(`idea ${id} has version ${idea.version}`);
    if (idea.history.length === 0) problems.push(`idea ${id} has no history`);
    else if (idea.history[0]?.type !== 'idea.submitted')
      problems.push(`idea ${id} history starts with ${idea.history[0]?.type}`);
    const lastTo = idea.history.findLast((e) => e.to !== undefined)?.to;
    if (lastTo !== idea.status)
      problems.push(`idea ${id} is ${idea.status} but its history last moved it to ${lastTo}`);
    if (idea.latestRoundId && !state.rounds.has(idea.latestRoundId))
      problems.push(`idea ${id} points at missing round ${idea.latestRoundId}`);
    if (numberOf(id) > state.counters.idea) problems.push(`idea counter ${state.counters.idea} is behind ${id}`);
  }
  for (const [id, round] of state.rounds) {
    const parsed = roundSchema.safeParse(round);
    if (!parsed.success) problems.push(`round ${id} fails roundSchema: ${parsed.error.message.slice(0, 300)}`);
    if (!state.ideas.has(round.ideaId)) problems.push(`round ${id} belongs to missing idea ${round.ideaId}`);
    if (round.status === 'open' && !state.jobs.has(`close:${id}`)) problems.push(`open round ${id} has no close job`);
    const voters = state.votes.get(id)?.size ?? 0;
    const took = state.participation.get(id)?.size ?? 0;
    if (voters > took) problems.push(`round ${id} has ${voters} votes but only ${took} participants`);
    if (numberOf(id) > state.counters.round) problems.push(`round counter ${state.counters.round} is behind ${id}`);
  }
  for (const [roundId, votes] of state.votes) {
    if (!state.rounds.has(roundId)) problems.push(`${votes.size} vote(s) for missing round ${roundId}`);
    for (const vote of votes.values()) {
      const parsed = voteSchema.safeParse(vote);
      if (!parsed.success)
        problems.push(`a vote in ${roundId} fails voteSchema: ${parsed.error.message.slice(0, 300)}`);
    }
  }
  for (const roundId of state.participation.keys())
    if (!state.rounds.has(roundId)) problems.push(`participation for missing round ${roundId}`);
  for (const person of state.people.values())
    if (!personSchema.safeParse(person).success) problems.push(`person ${person.id} fails personSchema`);
  return problems;
}

/**
 * Open rounds that `vote close <idea>` would not reach. A crash while opening a round may leave the
 * idea not yet pointing at it; the engine finishes that on the next vote command, which this runs.
 */
export async function unreachableOpenRounds(store: EmbeddedStore, pilot: Pilot): Promise<string[]> {
  const problems: string[] = [];
  for (const round of await store.listRounds({ status: 'open' })) {
    const reached = await pilot.voting.roundForIdea(round.ideaId).catch((error: Error) => error.message);
    const id = typeof reached === 'string' ? reached : reached.id;
    if (id !== round.id) problems.push(`open round ${round.id} of ${round.ideaId}: vote close reaches ${id}`);
  }
  return problems;
}

/** Every write the crash writer acknowledged (its `ACK ...` lines), accumulated over all its runs. */
export class AckLedger {
  readonly roles = new Map<string, Set<string>>();
  readonly statuses = new Map<string, string[]>();
  readonly criteria = new Set<string>();
  readonly rounds = new Map<string, { ideaId?: string; closed: boolean }>();
  readonly votes = new Map<string, Map<string, string>>();
  count = 0;

  /** Records one stdout line of the writer; returns false for a line that is not an ACK. */
  add(line: string): boolean {
    const [tag, kind, a = '', b = '', c = ''] = line.split(' ');
    if (tag !== 'ACK') return false;
    this.count++;
    if (kind === 'role') this.roles.set(a, new Set([...(this.roles.get(a) ?? []), b]));
    else if (kind === 'idea') this.statuses.set(a, [...(this.statuses.get(a) ?? []), b]);
    else if (kind === 'artefact') this.criteria.add(b);
    else if (kind === 'round' && b === 'closed') this.rounds.set(a, { ...this.rounds.get(a), closed: true });
    else if (kind === 'round') this.rounds.set(a, { ideaId: b, closed: this.rounds.get(a)?.closed ?? false });
    else if (kind === 'vote') this.votes.set(a, new Map([...(this.votes.get(a) ?? []), [b, c]]));
    else throw new Error(`unknown ACK line: ${line}`);
    return true;
  }

  /** Lists every acknowledged write the reopened store does not hold. */
  async missingFrom(store: EmbeddedStore, pilot: Pilot): Promise<string[]> {
    const missing: string[] = [];
    for (const [personId, roles] of this.roles) {
      const held = (await store.getPerson(personId))?.roles ?? [];
      for (const role of roles) if (!held.includes(role as never)) missing.push(`role ${role} of ${personId}`);
    }
    for (const [id, acked] of this.statuses) {
      const idea = await store.getIdea(id);
      if (!idea) {
        missing.push(`idea ${id}`);
        continue;
      }
      const path = idea.history.flatMap((e) => (e.to ? [e.to] : []));
      if (!isSubsequence(acked, path)) missing.push(`${id} moves ${acked.join('>')} (history: ${path.join('>')})`);
    }
    for (const id of this.criteria)
      if (!(await store.getIdea(id))?.artefacts.criteria) missing.push(`criteria check of ${id}`);
    for (const [roundId, acked] of this.rounds) {
      const round = await store.getRound(roundId);
      if (!round) missing.push(`round ${roundId}`);
      else if (acked.ideaId && round.ideaId !== acked.ideaId) missing.push(`${roundId} on ${acked.ideaId}`);
      else if (acked.closed && (round.status !== 'closed' || !round.result)) missing.push(`close of ${roundId}`);
    }
    for (const [roundId, voters] of this.votes) {
      const round = await store.getRound(roundId);
      if (!round) continue; // reported above
      const took = new Set((await store.listParticipation(roundId)).map((p) => p.personId));
      if (round.status === 'closed' && round.anonymous) {
        // A closed anonymous round keeps no ballots: every acknowledged vote must be in its frozen result.
        const counted = Object.values(round.result?.byConstituency ?? {}).reduce((n, t) => n + t.voters, 0);
        if (counted < voters.size) missing.push(`votes of ${roundId} in its result`);
        if ((await store.listVotes(roundId)).length > 0) missing.push(`ballots of ${roundId} erased at close`);
      } else if ((await store.listVotes(roundId)).length < voters.size) missing.push(`votes of ${roundId}`);
      for (const [personId, choice] of voters) {
        if (!took.has(personId)) missing.push(`participation of ${personId} in ${roundId}`);
        if (round.status === 'closed' && !round.result?.participants.includes(personId))
          missing.push(`${personId} in the result of ${roundId}`);
        if (round.status === 'open') {
          const ballot = await pilot.voting.myVote(personId, roundId);
          if (ballot?.kind !== 'support' || ballot.choice !== choice) missing.push(`vote of ${personId} in ${roundId}`);
        }
      }
    }
    return missing;
  }
}

function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
  let at = 0;
  for (const item of haystack) if (item === needle[at]) at++;
  return at === needle.length;
}
