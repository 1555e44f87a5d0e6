import { scheduleCheckIns } from './check-ins.js';
import type { AnyArtefact } from '../artefacts/artefact-registry.js';
import type { Idea } from '../domain/idea.js';
import { PilotError } from '../domain/pilot-error.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import { ideaChangedMessage, jccDeferredMessage } from '../views/notice-views.js';
import type { ServiceDeps } from './deps.js';
import { conflictRoundsOf } from './declared-conflicts.js';
import { gateFactsFor } from './gate-facts.js';
import { missingBeforeDecision, missingForGate } from './gates.js';
import { mutateIdea } from './mutate-idea.js';
import { deliver, notifyPms } from './notify.js';
import { parseInput } from './parse-input.js';
import { isPhase } from './pipeline-service.js';
import { applyPipelineEvent } from './pipeline-snapshot.js';
import { tellThoseWhoVoted } from './you-said-we-did.js';
import { inviteProviders, tellSpecialists } from './tell-turns.js';

/** Records the stage artefacts (criteria, evidence, outline, ...) that the gates look at, as declared in the registry. */
export class ArtefactService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The declaration of an artefact kind, or a clear refusal. */
  definition(kind: string): AnyArtefact {
    const definition = this.deps.artefacts.byKind(kind);
    if (!definition)
      throw new PilotError('invalid_input', 'That form is not one I know. Please start again from the idea’s message.');
    return definition;
  }

  /**
   * Validates and records one artefact; tells the idea's PM when it newly meets the stage's gate, the
   * submitter when a JCC decision is made, and (for a decision that follows a vote) the forums and the
   * people who voted.
   */
  async record(actorId: string, id: string, kind: string, input: unknown): Promise<Idea> {
    const definition = this.definition(kind);
    const parsed: unknown = parseInput(definition.input, input, definition.what);
    const values: unknown = definition.resolve ? await definition.resolve(parsed, this.deps.store) : parsed;
    const conflictRounds = await conflictRoundsOf(this.deps.store, id, actorId);
    let gateWasMet = false;
    let alert: string | undefined;
    const { before, after } = await mutateIdea(this.deps.store, id, async (current) => {
      if (!isPhase(current.status)) {
        throw new PilotError(
          'invalid_transition',
          `${id} is ${STATUS_LABELS[current.status].toLowerCase()}, so its ${definition.what} can't be changed now.`,
        );
      }
      const facts = await this.factsFor(current);
      gateWasMet = missingForGate(current.status, facts).length === 0;
      const at = this.deps.clock().toISOString();
      const stamp = { by: actorId, at, idea: current, conflictRounds };
      const artefacts = definition.apply(current.artefacts, values, stamp);
      alert = definition.alert?.(values, stamp);
      let idea: Idea = { ...current, artefacts, updatedAt: at };
      const detail = { kind: definition.kind, ...definition.auditDetail?.(values) };
      const events = [{ type: `artefact.${definition.kind}`, at, actorId, ideaId: id, detail }];
      const decision = definition.decides?.(values);
      if (decision) idea = this.applyDecision(idea, decision, actorId, at, events);
      return { idea, events };
    });
    const note = (values as { note?: string }).note;
    if (alert) await notifyPms(this.deps, after, alert, actorId);
    await tellSpecialists(this.deps, before, after, actorId);
    await inviteProviders(this.deps, before, after);
    if (after.status !== before.status) {
      if (after.submitterId !== actorId)
        await deliver(this.deps, after.submitterId, ideaChangedMessage(before, after, note));
    } else if (definition.decides?.(values) === 'deferred') {
      // A deferral does not move the idea, but its submitter still hears of it.
      if (after.submitterId !== actorId) await deliver(this.deps, after.submitterId, jccDeferredMessage(after, note));
    } else if (isPhase(after.status) && !gateWasMet) {
      if (missingForGate(after.status, await this.factsFor(after)).length === 0)
        await notifyPms(
          this.deps,
          after,
          `${after.id} is ready to move on from ${STATUS_LABELS[after.status]}.`,
          actorId,
        );
    }
    // A measure added to a running pilot gets its check-ins too.
    if (definition.kind === 'measure' && (after.status === 'live' || after.status === 'extended'))
      await scheduleCheckIns(this.deps, after);
    const decision = definition.heard?.(values);
    if (decision) await tellThoseWhoVoted(this.deps, after, decision, actorId);
    return after;
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

  /** A JCC approval moves the idea to approved (only once everything else is in place); a rejection ends it. */
  private applyDecision(
    idea: Idea,
    decision: 'approved' | 'deferred' | 'rejected',
    actorId: string,
    at: string,
    events: Record<string, unknown>[],
  ): Idea {
    if (decision === 'deferred') return idea;
    const facts = {
      artefacts: idea.artefacts,
      lowScoreThreshold: this.deps.rules.lowScoreThreshold,
      history: idea.history,
      registry: this.deps.artefacts,
    };
    if (decision === 'approved') {
      const missing = missingBeforeDecision(facts);
      if (missing.length > 0)
        throw new PilotError('gate_not_met', `The JCC approval of ${idea.id} can't be recorded yet. First it needs:`, {
          details: missing,
        });
    }
    const result = applyPipelineEvent(
      idea.snapshot,
      decision === 'approved' ? { type: 'ADVANCE', facts } : { type: 'REJECT' },
    );
    if (!result.changed) throw new PilotError('invalid_transition', `${idea.id} can't take that decision now.`);
    events.push({
      type: decision === 'approved' ? 'idea.approved' : 'idea.rejected',
      at,
      actorId,
      ideaId: idea.id,
      from: idea.status,
      to: result.status,
      reason: 'JCC decision',
    });
    return { ...idea, snapshot: result.persisted, status: result.status, statusSince: at };
  }
}
