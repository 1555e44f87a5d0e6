import type { AuditEvent } from '../domain/audit.js';
import type { Decision } from '../domain/decision.js';
import { type Idea, type Submission, submissionSchema } from '../domain/idea.js';
import { PilotError } from '../domain/pilot-error.js';
import {
  END_STATES,
  isPilotPhase,
  type Phase,
  STAGES,
  STATUS_LABELS,
  type Stage,
  type Status,
} from '../domain/reference-data.js';
import { ideaChangedMessage, newCommentMessage } from '../views/notice-views.js';
import type { ServiceDeps } from './deps.js';
import { gateFactsFor } from './gate-facts.js';
import { missingForGate } from './gates.js';
import { mutateIdea } from './mutate-idea.js';
import { deliver, notifyPms, notifyThePm } from './notify.js';
import { inviteProviders } from './tell-turns.js';
import { parseInput } from './parse-input.js';
import type { PipelineEvent } from './pipeline-machine.js';
import { applyPipelineEvent, initialPipelineSnapshot } from './pipeline-snapshot.js';
import { cmd } from '../views/inline.js';
import { tellThoseWhoVoted } from './you-said-we-did.js';
import { scheduleCheckIns } from './check-ins.js';
import { lessonOf, type PastLesson } from '../artefacts/pilot.js';

/** A move a PM (or a submitter, for withdraw) asks for. */
export type MoveKind = 'advance' | 'return' | 'hold' | 'resume' | 'reject' | 'withdraw';

const EVENT_TYPES: Record<MoveKind, string> = {
  advance: 'stage.advanced',
  return: 'stage.returned',
  hold: 'idea.held',
  resume: 'idea.resumed',
  reject: 'idea.rejected',
  withdraw: 'idea.withdrawn',
};

/** Submits ideas and moves them through the eight stages, one saved transition at a time. */
export class PipelineService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Records a new idea at `longlist`, and returns up to three similar existing ideas. */
  async submit(
    submitterId: string,
    input: unknown,
  ): Promise<{ idea: Idea; similar: { idea: Idea; score: number }[]; lessons: PastLesson[] }> {
    const submission: Submission = parseInput(submissionSchema, input, 'submission');
    const { similar, lessons } = await this.lookAlikes(submission.title, submission.summary);
    const number = await this.deps.store.nextIdeaNumber();
    const at = this.deps.clock().toISOString();
    const idea: Idea = {
      ...submission,
      id: `IP-${number}`,
      number,
      submitterId,
      createdAt: at,
      updatedAt: at,
      status: 'longlist',
      lastStage: 'longlist',
      statusSince: at,
      snapshot: initialPipelineSnapshot(),
      artefacts: { evidence: [], interests: [], requiredSpecialists: [], signOffs: [] },
      comments: [],
      version: 1,
      history: [{ type: 'idea.submitted', at, actorId: submitterId, ideaId: `IP-${number}`, to: 'longlist' }],
    };
    await this.deps.store.insertIdea(idea);
    this.deps.similarity.upsert(idea.id, idea.title, idea.summary);
    return { idea, similar, lessons };
  }

  /**
   * From one similarity query over the whole store: up to three existing ideas most like these, and apart
   * from them up to three finished pilots (mainstreamed or stopped) on the theme, with their lessons (a
   * finished pilot's place is the lessons list: there is nothing left to comment on). The query goes past the
   * first three hits so a finished pilot counts even where open ideas are closer.
   */
  async lookAlikes(
    title: string,
    summary: string,
  ): Promise<{ similar: { idea: Idea; score: number }[]; lessons: PastLesson[] }> {
    const hits = this.deps.similarity.query(title, summary, {
      limit: 50,
      threshold: this.deps.rules.similarityThreshold,
    });
    const similar: { idea: Idea; score: number }[] = [];
    const lessons: PastLesson[] = [];
    for (const hit of hits) {
      if (similar.length === 3 && lessons.length === 3) break;
      const idea = await this.deps.store.getIdea(hit.id);
      if (!idea) continue;
      const lesson = lessonOf(idea);
      if (lesson) {
        if (lessons.length < 3) lessons.push(lesson);
      } else if (similar.length < 3) {
        similar.push({ idea, score: hit.score });
      }
    }
    return { similar, lessons };
  }

  /** What the gate of the idea's current stage or pilot phase still needs (empty when it holds, or on hold or ended). */
  async missing(idea: Idea): Promise<string[]> {
    if (!isPhase(idea.status)) return [];
    return missingForGate(idea.status, await this.factsFor(idea));
  }

  private factsFor(idea: Idea) {
    return gateFactsFor(
      this.deps.store,
      idea,
      this.deps.rules.lowScoreThreshold,
      this.deps.artefacts,
      this.deps.clock(),
    );
  }

  /**
   * Applies a move. A move is made against the status the caller saw: if someone else moved the
   * idea first, nothing changes and the caller is told.
   */
  async move(actorId: string, id: string, kind: MoveKind, reason?: string): Promise<Idea> {
    let seen: Status | undefined;
    const { before, after } = await mutateIdea(this.deps.store, id, async (current) => {
      if (seen && current.status !== seen) {
        throw new PilotError(
          'conflict',
          `Someone else has just moved ${id} to ${STATUS_LABELS[current.status]}, so nothing was changed. Have a look with ${cmd(`show ${id}`)}.`,
        );
      }
      seen = current.status;
      const event = await this.eventFor(current, kind);
      const result = applyPipelineEvent(current.snapshot, event);
      if (!result.changed) throw await this.refusal(current, kind);
      const at = this.deps.clock().toISOString();
      const audit: AuditEvent = {
        type: result.status === 'approved' && current.status === 'final_proposal' ? 'idea.approved' : EVENT_TYPES[kind],
        at,
        actorId,
        ideaId: id,
        from: current.status,
        to: result.status,
        reason,
      };
      const idea: Idea = {
        ...current,
        snapshot: result.persisted,
        status: result.status,
        lastStage: isStage(result.status) ? result.status : current.lastStage,
        ...(isPilotPhase(result.status) ? { pilotPhase: result.status } : {}),
        // A date the PM set belongs to that stay in the status: coming back to it later starts from its default
        // (a resume from hold keeps it: the stay goes on).
        ...(current.dueDates && kind !== 'resume' ? { dueDates: withoutKey(current.dueDates, result.status) } : {}),
        statusSince: at,
        updatedAt: at,
      };
      return { idea, events: [audit] };
    });
    await this.afterMove(actorId, kind, before, after, reason);
    return after;
  }

  /** Adds a comment to an idea's discussion, and tells the submitter and the idea's PM (not the commenter). */
  async comment(actorId: string, id: string, text: string): Promise<Idea> {
    const { after } = await mutateIdea(this.deps.store, id, (current) => {
      if (!text.trim())
        throw new PilotError('missing_argument', 'Please write your comment first.', {
          fieldErrors: { text: 'Please write your comment.' },
        });
      const at = this.deps.clock().toISOString();
      const comment = { authorId: actorId, text: text.trim().slice(0, 3000), at };
      return {
        idea: { ...current, comments: [...current.comments, comment], updatedAt: at },
        events: [{ type: 'idea.commented', at, actorId, ideaId: id }],
      };
    });
    const comment = after.comments.at(-1);
    if (comment) {
      const toSubmitter = after.submitterId !== actorId;
      if (toSubmitter) await deliver(this.deps, after.submitterId, newCommentMessage(after, comment, true));
      // The submitter who is also the idea's PM hears once, as the submitter.
      await notifyThePm(this.deps, after, newCommentMessage(after, comment, false), [actorId, after.submitterId]);
    }
    return after;
  }

  private async eventFor(idea: Idea, kind: MoveKind): Promise<PipelineEvent> {
    switch (kind) {
      case 'advance':
        return { type: 'ADVANCE', facts: await this.factsFor(idea) };
      case 'return':
        return { type: 'RETURN' };
      case 'hold':
        return { type: 'HOLD' };
      case 'resume':
        return { type: 'RESUME' };
      case 'reject':
        return { type: 'REJECT' };
      case 'withdraw':
        return { type: 'WITHDRAW' };
    }
  }

  private async refusal(idea: Idea, kind: MoveKind): Promise<PilotError> {
    const where = STATUS_LABELS[idea.status];
    if (isEnded(idea.status)) {
      return new PilotError(
        'invalid_transition',
        `${idea.id} is ${where.toLowerCase()}, so it can't be changed any more.`,
      );
    }
    if (kind === 'advance' && idea.status === 'on_hold')
      return new PilotError(
        'invalid_transition',
        `${idea.id} is on hold. Resume it first: ${cmd(`resume ${idea.id}`)}.`,
      );
    if (kind === 'advance' && isPhase(idea.status)) {
      const missing = await this.missing(idea);
      return new PilotError('gate_not_met', `${idea.id} can't leave ${where} yet. It still needs:`, {
        details: missing,
      });
    }
    if (kind === 'return' && idea.status === 'approved')
      return new PilotError(
        'invalid_transition',
        `${idea.id} was approved by the JCC, so it can't go back to the final proposal. Put it on hold or reject it instead.`,
      );
    if (kind === 'return' && idea.status === 'longlist')
      return new PilotError(
        'invalid_transition',
        `${idea.id} is at the first stage, so there is nowhere to return it to.`,
      );
    if (kind === 'return')
      return new PilotError('invalid_transition', `${idea.id} is on hold. Resume it before returning it a stage.`);
    if (kind === 'hold') return new PilotError('invalid_transition', `${idea.id} is already on hold.`);
    if (kind === 'resume')
      return new PilotError('invalid_transition', `${idea.id} is not on hold, so there is nothing to resume.`);
    return new PilotError('invalid_transition', `${idea.id} can't be changed that way at ${where}.`);
  }

  private async afterMove(actorId: string, kind: MoveKind, before: Idea, after: Idea, reason?: string): Promise<void> {
    if (after.submitterId !== actorId) {
      await this.safely(() => this.deps.notifier.direct(after.submitterId, ideaChangedMessage(before, after, reason)));
    }
    const decision = decisionOf(kind, before, after, reason);
    if (decision) await tellThoseWhoVoted(this.deps, after, decision, actorId);
    await inviteProviders(this.deps, before, after);
    // Entering or resuming a running pilot: its review dates still to come get their check-ins (idempotent).
    if (after.status === 'live' || after.status === 'extended')
      await this.safely(async () => void (await scheduleCheckIns(this.deps, after)));
    if (isPhase(after.status) && (await this.missing(after)).length === 0) {
      await this.safely(() =>
        notifyPms(this.deps, after, `${after.id} is ready to move on from ${STATUS_LABELS[after.status]}.`, actorId),
      );
    }
  }

  private async safely(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      this.deps.logger.error('notification failed', { err: error });
    }
  }
}

/** The moves that are decisions people who voted are told about (SPEC 3.1): a return, a hold, a rejection. */
function decisionOf(kind: MoveKind, before: Idea, after: Idea, reason?: string): Decision | undefined {
  if (kind === 'return') return { kind: 'returned', to: after.status, reason };
  if (kind === 'hold') return { kind: 'held', at: before.status, reason };
  if (kind === 'reject') return { kind: 'rejected', reason };
  return undefined;
}

/** A copy of `record` without `key`. */
function withoutKey<V>(record: Record<string, V>, key: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** True for a stage or a pilot phase: where an idea is worked on, with a gate (not on hold or ended). */
export function isPhase(status: Status): status is Phase {
  return isStage(status) || isPilotPhase(status);
}

/** True once nothing more can happen to an idea. */
export function isEnded(status: Status): boolean {
  return (END_STATES as readonly string[]).includes(status);
}

/** True for the eight stages (not on hold or ended). */
export function isStage(status: Status): status is Stage {
  return (STAGES as readonly string[]).includes(status);
}
