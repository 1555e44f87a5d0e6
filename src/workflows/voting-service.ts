import { createHmac, randomBytes } from 'node:crypto';
import type { Reply } from '../views/reply.js';
import type { Idea } from '../domain/idea.js';
import { hasChatAccount, isRegisteredId, type Person } from '../domain/person.js';
import { isPilotError, PilotError } from '../domain/pilot-error.js';
import { ROLE_LABELS, type Role, STATUS_LABELS } from '../domain/reference-data.js';
import {
  type Ballot,
  ballotSchema,
  type ConsentWay,
  conflictAnswerSchema,
  declarationOf,
  isAnswered,
  mustDeclareConflict,
  type Round,
  type RoundKind,
  type RoundResult,
  type Vote,
} from '../domain/voting.js';
import { describeVoters, recordReminder, roundView } from '../views/round-views.js';
import type { ServiceDeps } from './deps.js';
import { pointIdeaAtRound, withLatestRound } from './latest-round.js';
import { loadIdea, mutateIdea } from './mutate-idea.js';
import { loadRound, mutateRound } from './mutate-round.js';
import { deliver, notifyPms } from './notify.js';
import { parseInput } from './parse-input.js';
import { isStage } from './pipeline-service.js';
import {
  computeResult,
  constituencyOf,
  disclosedResult,
  participationResult,
  showsParticipationOnly,
} from './tally.js';
import {
  type CastVerdict,
  castVerdict,
  initialRoundSnapshot,
  type RoundEvent,
  roundStateOf,
  stepRound,
} from './voting-machine.js';
import { cmd } from '../views/inline.js';

/** Who is voting: their id and the roles they hold. */
export interface Voter {
  personId: string;
  roles: readonly Role[];
}

/** Opens, records, tallies and closes voting rounds (SPEC 3). */
export class VotingService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Opens a round on an idea; at most one open round per idea. Schedules its close and reminder. */
  async open(actorId: string, ideaId: string, kind?: RoundKind, hours?: number): Promise<{ round: Round; idea: Idea }> {
    const idea = await withLatestRound(this.deps.store, await loadIdea(this.deps.store, ideaId));
    // A running pilot can have a feedback vote (SPEC 2.2): support only, from experts by experience.
    const feedback = idea.status === 'live';
    if (!isStage(idea.status) && !feedback)
      throw new PilotError(
        'invalid_transition',
        `${idea.id} is ${STATUS_LABELS[idea.status].toLowerCase()}, so a vote can't be opened on it.`,
      );
    if (feedback && kind === 'score')
      throw new PilotError(
        'invalid_argument',
        `A running pilot gets a feedback vote (support), not a score: ${cmd(`vote open ${idea.id} support`)}.`,
      );
    const open = await this.deps.store.listRounds({ ideaId: idea.id, status: 'open' });
    if (open[0])
      throw new PilotError(
        'round_already_open',
        `${idea.id} already has an open vote (${open[0].id}). Close it first: ${cmd(`vote close ${idea.id}`)}.`,
      );
    const rules = this.deps.rules;
    const now = this.deps.clock();
    // Two PMs opening a vote at the same moment: the store's atomic claim lets one through. The claim
    // is keyed by how many rounds the idea has had, and expires, so a crash mid-open blocks nothing for long.
    const count = (await this.deps.store.listRounds({ ideaId: idea.id })).length;
    if (!(await this.deps.store.claimDelivery(`round-open:${idea.id}:${count}`, now, 60_000)))
      throw new PilotError(
        'round_already_open',
        `Someone else is opening a vote on ${idea.id} right now. Have a look with ${cmd(`vote status ${idea.id}`)} in a moment.`,
      );
    const closesAt = new Date(now.getTime() + (hours ?? rules.roundHours) * 3_600_000);
    // A round shorter than the reminder offset is reminded half-way through instead.
    const offset = rules.reminderHoursBeforeClose * 3_600_000;
    const remindAt = new Date(
      closesAt.getTime() - offset > now.getTime()
        ? closesAt.getTime() - offset
        : now.getTime() + (closesAt.getTime() - now.getTime()) / 2,
    );
    const snapshot = initialRoundSnapshot();
    const round: Round = {
      id: `R-${await this.deps.store.nextRoundNumber()}`,
      ideaId: idea.id,
      kind: kind ?? (idea.status === 'shortlist' ? 'score' : 'support'),
      status: roundStateOf(snapshot),
      anonymous: rules.anonymousVotes,
      hideResultsUntilClose: rules.hideResultsUntilClose,
      // Feedback on a running pilot is asked of the people who draw on care (and, through facilitators, those without chat).
      eligibleRoles: feedback ? ['expert'] : rules.eligibleRoles,
      priorities: rules.priorities,
      quorum: rules.quorum,
      openedBy: actorId,
      openedAt: now.toISOString(),
      closesAt: closesAt.toISOString(),
      remindAt: remindAt > now ? remindAt.toISOString() : undefined,
      salt: rules.anonymousVotes ? randomBytes(32).toString('base64url') : undefined,
      minGroupSize: rules.anonymousVotes ? rules.minGroupSize : undefined,
      snapshot,
      posts: [],
      version: 1,
    };
    // Jobs first, so no crash can leave an open round that never closes (a job whose round was never saved is skipped).
    await this.deps.store.scheduleJob({
      id: `close:${round.id}`,
      kind: 'close_round',
      roundId: round.id,
      dueAt: round.closesAt,
    });
    if (round.remindAt)
      await this.deps.store.scheduleJob({
        id: `remind:${round.id}`,
        kind: 'remind_round',
        roundId: round.id,
        dueAt: round.remindAt,
      });
    await this.deps.store.insertRound(round);
    const after = await pointIdeaAtRound(this.deps.store, round);
    await this.announce('opened', round, after);
    return { round, idea: after };
  }

  /** Records a person's current vote (replacing an earlier one while the round is open). */
  async cast(
    voter: Voter,
    roundId: string,
    input: unknown,
    recordedBy?: string,
  ): Promise<{ round: Round; replaced: boolean; ballot: Ballot }> {
    const round = await this.loadRound(roundId);
    const ballot = parseInput(ballotSchema, input, 'vote');
    const now = this.deps.clock();
    const eligible = voter.roles.some((role) => round.eligibleRoles.includes(role));
    refuseUnless(castVerdict(round, eligible, now), round);
    this.checkBallot(round, ballot);
    const constituency = constituencyOf(voter.roles);
    const declared = declarationOf(parseInput(conflictAnswerSchema, input, 'vote'));
    if (!declared && mustDeclareConflict(constituency) && !(await this.hasAnswered(round, voter.personId)))
      throw new PilotError(
        'conflict_answer_needed',
        'Before we count your vote, please tell us: do you have a conflict of interest in this idea?',
        { fieldErrors: { hasConflict: 'Please choose “No, none” or “Yes”.' } },
      );
    // The conflict answer is stored apart from the ballot, with the person but without the choice (SPEC 3.1).
    const { conflict: _conflict, ...choice } = ballot;
    const vote: Vote = {
      roundId,
      voterKey: this.voterKey(round, voter.personId),
      constituency,
      ballot: choice,
      castAt: now.toISOString(),
    };
    // Participation first: a crash between the two writes must not leave a counted vote whose voter is not
    // a participant (found by the crash-safety test). `closedResult` keeps a participant without a vote out.
    // An anonymous round's participation has no time: it could be matched with the ballot's.
    await this.deps.store.putParticipation({
      roundId,
      personId: voter.personId,
      constituency,
      ...(round.anonymous ? {} : { at: vote.castAt }),
      ...(recordedBy ? { recordedBy } : {}),
    });
    // Two facilitators recording one person's vote at once: the first participation written holds (the
    // store keeps one per person and round), so the other stops here, before its ballot is written.
    if (recordedBy) {
      const held = (await this.deps.store.listParticipation(roundId)).find((p) => p.personId === voter.personId);
      if (held?.recordedBy !== recordedBy) throw notTheirs(voter.personId);
    }
    // No answer (a later click, or someone who is not asked) keeps any earlier answer in this round.
    if (declared)
      await this.deps.store.putConflict({
        ideaId: round.ideaId,
        roundId,
        personId: voter.personId,
        constituency,
        ...declared,
      });
    const { replaced } = await this.deps.store.putVote(vote);
    const latest = await this.loadRound(roundId);
    if (latest.status === 'closed') await this.raced(latest, voter.personId, vote.voterKey, replaced);
    if (!latest.hideResultsUntilClose) await this.announce('updated', latest);
    return { round: latest, replaced, ballot };
  }

  /**
   * A facilitator records the vote of a person registered without a chat account (SPEC 3.1). It counts in
   * the person's constituency and follows the round's anonymity like any vote; the audit says who recorded
   * it and how consent was given (never the choice). Only the facilitator who recorded a person's vote in
   * a round may change it, until the round closes.
   */
  async recordFor(
    facilitatorId: string,
    roundId: string,
    personId: string,
    consent: ConsentWay,
    input: unknown,
  ): Promise<{ round: Round; replaced: boolean; ballot: Ballot; person: Person }> {
    const round = await this.loadRound(roundId);
    const person = isRegisteredId(personId) ? await this.deps.store.getPerson(personId) : null;
    const number = personId.slice('person:'.length);
    if (!person || person.removedAt)
      throw new PilotError('invalid_input', 'Please choose a person from the list.', {
        fieldErrors: { person: 'Please choose a person from the list.' },
      });
    const eligible = person.roles.some((role) => round.eligibleRoles.includes(role));
    const verdict = castVerdict(round, eligible, this.deps.clock());
    if (verdict === 'closed')
      throw new PilotError('round_closed', 'This vote has closed, so no more votes can be recorded in it.');
    if (verdict === 'not_eligible')
      throw new PilotError(
        'not_eligible',
        `${number} is registered as ${person.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' and ') || 'having no role'}, and this vote is for ${describeVoters(round.eligibleRoles)}.`,
        { fieldErrors: { person: `This vote is for ${describeVoters(round.eligibleRoles)}.` } },
      );
    const earlier = (await this.deps.store.listParticipation(roundId)).find((p) => p.personId === personId);
    if (earlier && earlier.recordedBy !== facilitatorId) throw notTheirs(personId);
    let cast: Awaited<ReturnType<VotingService['cast']>>;
    try {
      cast = await this.cast({ personId, roles: person.roles }, roundId, input, facilitatorId);
    } catch (error) {
      if (!isPilotError(error) || error.code !== 'conflict_answer_needed') throw error;
      throw new PilotError(
        'conflict_answer_needed',
        `${number} is a provider: please ask them whether they have a conflict of interest in this idea, and choose their answer.`,
        { fieldErrors: { hasConflict: 'Please choose “No, none” or “Yes”.' } },
      );
    }
    // Who recorded whose vote, and the consent: never the choice, so nothing here links a person to it.
    await this.deps.store.appendAudit({
      type: 'vote.recorded',
      at: this.deps.clock().toISOString(),
      actorId: facilitatorId,
      ideaId: round.ideaId,
      detail: { roundId, personId, consent, ...(cast.replaced ? { corrected: true } : {}) },
    });
    return { ...cast, person };
  }

  /**
   * A vote whose write met a close: tells the voter honestly what counts. In an anonymous round a
   * ballot still stored after the seal was written too late, and is erased again at once.
   */
  private async raced(latest: Round, personId: string, voterKey: string, replaced: boolean): Promise<never | void> {
    const stray = latest.anonymous && (await this.deps.store.getVote(latest.id, voterKey)) !== null;
    if (latest.anonymous) await sealRound(this.deps.store, latest.id);
    if (!latest.result?.participants.includes(personId))
      throw new PilotError(
        'round_closed',
        `The vote on ${latest.ideaId} closed just before your vote arrived, so it was not counted.`,
      );
    if (stray || replaced)
      throw new PilotError(
        'round_closed',
        `The vote on ${latest.ideaId} closed as your change arrived, so your earlier vote ${stray ? 'is' : 'may be'} the one that counts.`,
      );
  }

  /** True once the person has answered the conflict question in this round ("none" included). */
  private async hasAnswered(round: Round, personId: string): Promise<boolean> {
    const declarations = await this.deps.store.listConflicts({ ideaId: round.ideaId, roundId: round.id });
    return declarations.some((d) => d.personId === personId && isAnswered(d));
  }

  /**
   * Says now, before a vote form is filled in, what casting would say: that the vote has closed, or is
   * for other people. Nothing is recorded.
   */
  async checkMayVote(voter: Voter, roundId: string): Promise<void> {
    const round = await this.loadRound(roundId);
    const eligible = voter.roles.some((role) => round.eligibleRoles.includes(role));
    refuseUnless(castVerdict(round, eligible, this.deps.clock()), round);
  }

  /** The person's own current vote, while the round is open (never anyone else's). */
  async myVote(personId: string, roundId: string): Promise<Ballot | null> {
    const round = await this.loadRound(roundId);
    if (round.anonymous && !round.salt) return null;
    return (await this.deps.store.getVote(roundId, this.voterKey(round, personId)))?.ballot ?? null;
  }

  /**
   * The result of a round as it may be shown (SPEC 3.1): frozen after close, small groups withheld in
   * anonymous rounds; while an anonymous (or hidden-results) round is open, only how many took part.
   */
  async result(round: Round): Promise<RoundResult> {
    if (round.result) return disclosedResult(round, round.result);
    if (showsParticipationOnly(round))
      return participationResult(round, await this.deps.store.listParticipation(round.id), this.deps.clock());
    const [votes, participation, declarations] = await Promise.all([
      this.deps.store.listVotes(round.id),
      this.deps.store.listParticipation(round.id),
      this.deps.store.listConflicts({ ideaId: round.ideaId, roundId: round.id }),
    ]);
    return disclosedResult(round, computeResult(round, votes, participation, this.deps.clock(), declarations));
  }

  /**
   * The result a round closes with. Only people whose vote is stored count as having taken part, so
   * `cast` can tell from it whether a vote that raced the close was counted.
   */
  private async closedResult(round: Round): Promise<RoundResult> {
    const [votes, participation, declarations] = await Promise.all([
      this.deps.store.listVotes(round.id),
      this.deps.store.listParticipation(round.id),
      this.deps.store.listConflicts({ ideaId: round.ideaId, roundId: round.id }),
    ]);
    const keys = new Set(votes.map((v) => v.voterKey));
    const voted = participation.filter((p) => keys.has(this.voterKey(round, p.personId)));
    return computeResult(round, votes, voted, this.deps.clock(), declarations);
  }

  /**
   * Closes a round now, as a PM asked: freezes the result, erases the anonymity salt and (anonymous
   * rounds) seals the ballots, records the close in the idea's history, then tells the forum and the PMs.
   */
  async close(actorId: string, roundId: string): Promise<Round> {
    return this.closeWith(actorId, roundId, () => ({ type: 'CLOSE' }));
  }

  /**
   * The close job's close: the round's machine closes it only once its deadline has come. Null when
   * the machine refuses (not yet due, or already closed).
   */
  async closeAtDeadline(roundId: string): Promise<Round | null> {
    const now = this.deps.clock().toISOString();
    try {
      return await this.closeWith(SCHEDULER, roundId, (round) => ({
        type: 'DEADLINE_PASSED',
        now,
        closesAt: round.closesAt,
      }));
    } catch (error) {
      if (isPilotError(error) && (error.code === 'round_closed' || error.code === 'invalid_transition')) return null;
      throw error;
    }
  }

  private async closeWith(actorId: string, roundId: string, eventFor: (round: Round) => RoundEvent): Promise<Round> {
    let opened: Round | undefined;
    let closed: Round;
    try {
      closed = await mutateRound(this.deps.store, roundId, async (round) => {
        const step = stepRound(round, eventFor(round));
        if (!step.accepted || step.round.status !== 'closed')
          throw new PilotError(
            roundStateOf(round.snapshot) === 'closed' ? 'round_closed' : 'invalid_transition',
            roundStateOf(round.snapshot) === 'closed'
              ? `The vote ${round.id} on ${round.ideaId} is already closed.`
              : `The vote ${round.id} on ${round.ideaId} stays open until its deadline.`,
          );
        opened = round;
        return this.closing(step.round, actorId);
      });
    } catch (error) {
      // A close whose seal failed part-way (a disk or database error): finish it now, rather than answer
      // "already closed" and leave the ballots and the salt's traces in storage until a restart.
      const round = await this.deps.store.getRound(roundId);
      const unsealed = round !== null && roundStateOf(round.snapshot) === 'closed' && round.anonymous && !round.sealed;
      if (!(isPilotError(error) && error.code === 'round_closed' && unsealed)) throw error;
      const sealed = await sealRound(this.deps.store, roundId);
      await this.afterClose(actorId, sealed);
      return sealed;
    }
    const settled = await this.settle(opened as Round, closed);
    const saved = settled.anonymous ? await sealRound(this.deps.store, settled.id) : settled;
    await this.afterClose(actorId, saved);
    return saved;
  }

  /**
   * Votes whose write landed while the close was being saved (possible with MongoDB, where other
   * replicas write in between) are counted: the result is read again until nothing new arrived.
   */
  private async settle(opened: Round, closed: Round): Promise<Round> {
    let current = closed;
    for (let attempt = 0; attempt < 5; attempt++) {
      const again = await this.closedResult(opened);
      if (current.result && sameTally(again, current.result)) return current;
      current = await mutateRound(this.deps.store, closed.id, (round) => ({ ...round, result: again }));
    }
    return current;
  }

  /** The round its machine has just closed, with its frozen result and without its salt. */
  private async closing(round: Round, actorId: string): Promise<Round> {
    return {
      ...round,
      closedAt: this.deps.clock().toISOString(),
      closedBy: actorId,
      result: await this.closedResult(round),
      salt: undefined,
    };
  }

  /** The open round on an idea, or its latest one. */
  async roundForIdea(ideaId: string): Promise<Round> {
    const idea = await withLatestRound(this.deps.store, await loadIdea(this.deps.store, ideaId));
    if (!idea.latestRoundId)
      throw new PilotError(
        'round_not_found',
        `${idea.id} has not had a vote yet. A PM can open one: ${cmd(`vote open ${idea.id}`)}.`,
      );
    return this.loadRound(idea.latestRoundId);
  }

  /** Loads a round or says there is none. */
  async loadRound(roundId: string): Promise<Round> {
    return loadRound(this.deps.store, roundId);
  }

  /** Eligible people who have not voted yet in an open round. */
  async notYetVoted(round: Round): Promise<string[]> {
    const [people, participation] = await Promise.all([
      this.deps.store.listPeople(),
      this.deps.store.listParticipation(round.id),
    ]);
    const voted = new Set(participation.map((p) => p.personId));
    return people
      .filter((p) => p.roles.some((r) => round.eligibleRoles.includes(r)) && !voted.has(p.id))
      .map((p) => p.id);
  }

  /** Sends the reminder for an open round to eligible people who have not voted. */
  async remind(roundId: string): Promise<string[]> {
    const round = await this.loadRound(roundId);
    if (roundStateOf(round.snapshot) !== 'open') return [];
    const remind = await this.notYetVoted(round);
    if (remind.length > 0) await this.announce('reminder', round, undefined, remind);
    await this.remindFacilitators(round, remind.filter(isRegisteredId));
    return remind;
  }

  /**
   * People registered without a chat account cannot be reminded directly: the facilitator who registered
   * each one is told, privately, who has no vote recorded yet. A failure is logged, never thrown.
   */
  private async remindFacilitators(round: Round, registered: string[]): Promise<void> {
    if (registered.length === 0) return;
    try {
      const idea = await loadIdea(this.deps.store, round.ideaId);
      const byFacilitator = new Map<string, Person[]>();
      for (const id of registered) {
        const person = await this.deps.store.getPerson(id);
        if (!person?.addedBy || !(await isFacilitator(this.deps, person.addedBy))) continue;
        byFacilitator.set(person.addedBy, [...(byFacilitator.get(person.addedBy) ?? []), person]);
      }
      for (const people of byFacilitator.values()) people.sort((a, b) => personNumber(a.id) - personNumber(b.id));
      await Promise.all(
        [...byFacilitator].map(([facilitator, people]) =>
          deliver(this.deps, facilitator, recordReminder(round, idea, people)),
        ),
      );
    } catch (error) {
      this.deps.logger.error('facilitator reminder failed', { roundId: round.id, err: error });
    }
  }

  /** Stores where a platform posted the round's forum message, so it can be updated later. */
  async recordPost(roundId: string, post: Round['posts'][number]): Promise<void> {
    await mutateRound(this.deps.store, roundId, (round) => ({
      ...round,
      posts: [...round.posts.filter((p) => !(p.platform === post.platform && p.channel === post.channel)), post],
    }));
  }

  private async afterClose(actorId: string, round: Round): Promise<void> {
    await this.deps.store.cancelJob(`remind:${round.id}`);
    const idea = await recordClose(this.deps.store, round, actorId);
    await this.announce('closed', round, idea);
    await notifyPms(
      this.deps,
      idea,
      `The vote ${round.id} on ${idea.id} has closed; the result is ready for you.`,
      actorId,
    ).catch(() => {});
  }

  /** The round's forum message as it stands now, read fresh from the store. */
  async currentView(roundId: string): Promise<{ round: Round; idea: Idea; view: Reply }> {
    const round = await this.loadRound(roundId);
    const idea = await loadIdea(this.deps.store, round.ideaId);
    return { round, idea, view: roundView(round, idea, await this.result(round)) };
  }

  private async announce(
    type: 'opened' | 'updated' | 'closed' | 'reminder',
    round: Round,
    idea?: Idea,
    remind?: string[],
  ): Promise<void> {
    try {
      const forIdea = idea ?? (await loadIdea(this.deps.store, round.ideaId));
      // The view is read when an adapter sends it: a burst of votes coalesces into a few updates, so
      // tallying on every vote would read all the votes again for messages that are never sent.
      const view = async () => (await this.currentView(round.id)).view;
      await this.deps.notifier.round({ type, round, idea: forIdea, view, remind });
    } catch (error) {
      this.deps.logger.error('round notice failed', { roundId: round.id, type, err: error });
    }
  }

  private checkBallot(round: Round, ballot: Ballot): void {
    if (ballot.kind !== round.kind)
      throw new PilotError(
        'invalid_input',
        round.kind === 'score'
          ? 'This vote asks for a score from 1 to 5 on each priority.'
          : 'This vote asks for support, neutral or oppose.',
      );
    if (ballot.kind === 'score') {
      const missing = round.priorities.filter((p) => ballot.scores[p.id] === undefined);
      const unknown = Object.keys(ballot.scores).filter((id) => !round.priorities.some((p) => p.id === id));
      if (missing.length > 0 || unknown.length > 0)
        throw new PilotError(
          'invalid_input',
          `Please score every priority from 1 to 5${missing[0] ? `; missing: ${missing.map((p) => p.label).join('; ')}` : ''}.`,
          {
            fieldErrors: Object.fromEntries(missing.map((p) => [`score_${p.id}`, 'Choose a score from 1 to 5.'])),
          },
        );
    }
  }

  private voterKey(round: Round, personId: string): string {
    if (!round.anonymous) return personId;
    if (!round.salt) throw new PilotError('round_closed', 'This vote has closed.');
    return anonymousKey(round.salt, personId);
  }
}

/** The refusal to a facilitator of a vote another facilitator recorded. */
function notTheirs(personId: string): PilotError {
  return new PilotError(
    'not_permitted',
    `A vote for ${personId.slice('person:'.length)} in this round was recorded by another facilitator, so only they can change it.`,
  );
}

/** Who closes a round at its deadline, in the idea's history. */
export const SCHEDULER = 'system:scheduler';

/**
 * Adds the close to the idea's history (`round.closed`: who closed it, or the deadline), once: a close
 * finished again after a failed seal does not add it twice.
 */
async function recordClose(store: ServiceDeps['store'], round: Round, actorId: string): Promise<Idea> {
  const current = await withLatestRound(store, await loadIdea(store, round.ideaId));
  const done = (idea: Idea) =>
    idea.history.some((e) => e.type === 'round.closed' && e.detail?.['roundId'] === round.id);
  if (done(current)) return current;
  const { after } = await mutateIdea(store, round.ideaId, (idea) => ({
    idea,
    events: done(idea)
      ? []
      : [
          {
            type: 'round.closed',
            at: round.closedAt ?? round.closesAt,
            actorId,
            ideaId: round.ideaId,
            detail: { roundId: round.id, kind: round.kind, by: actorId === SCHEDULER ? 'deadline' : 'pm' },
          },
        ],
  }));
  return after;
}

/** True when two results count the same people and say the same (their computation times aside). */
function sameTally(a: RoundResult, b: RoundResult): boolean {
  const { computedAt: _a, ...left } = a;
  const { computedAt: _b, ...right } = b;
  return JSON.stringify(left) === JSON.stringify(right);
}

/** An open anonymous round's key for a person: a keyed hash with the round's salt, which close erases. */
export function anonymousKey(salt: string, personId: string): string {
  return createHmac('sha256', salt).update(personId).digest('base64url');
}

/**
 * Reduces a closed anonymous round to its frozen result in storage: its ballots and participation
 * times are erased (and the embedded store's files rewritten), then the round is marked sealed.
 * Idempotent; a crash part-way leaves it unsealed, and start-up seals it again.
 */
export async function sealRound(store: ServiceDeps['store'], roundId: string): Promise<Round> {
  await store.sealBallots(roundId);
  return mutateRound(store, roundId, (round) => ({ ...round, sealed: true }));
}

/** The round machine's refusal of a vote, in plain words (nothing for an accepted one). */
function refuseUnless(verdict: CastVerdict, round: Round): void {
  if (verdict === 'closed')
    throw new PilotError(
      'round_closed',
      'This vote has closed, so your vote could not be counted. Thank you for wanting to take part.',
    );
  if (verdict === 'not_eligible')
    throw new PilotError(
      'not_eligible',
      `Thank you for wanting to take part. This vote is for ${describeVoters(round.eligibleRoles)}. If you think you should be in it, please ask a project manager.`,
    );
}

/** True when someone reachable in chat still holds the facilitator role (names go only to them). */
export async function isFacilitator(deps: Pick<ServiceDeps, 'store'>, personId: string): Promise<boolean> {
  if (!hasChatAccount(personId)) return false;
  return (await deps.store.getPerson(personId))?.roles.includes('facilitator') ?? false;
}

/** 7 for `person:P-7`. */
export function personNumber(id: string): number {
  return Number(id.slice('person:P-'.length));
}
