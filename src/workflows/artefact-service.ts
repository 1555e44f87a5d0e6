import type { Artefacts } from '../domain/artefacts.js';
import type { Idea } from '../domain/idea.js';
import { PilotError } from '../domain/pilot-error.js';
import { STATUS_LABELS } from '../domain/reference-data.js';
import { ideaChangedMessage } from '../views/notice-views.js';
import { ARTEFACT_INPUTS, type ArtefactKind } from './artefact-inputs.js';
import type { ServiceDeps } from './deps.js';
import { gateFactsFor } from './gate-facts.js';
import { missingBeforeDecision, missingForGate } from './gates.js';
import { mutateIdea } from './mutate-idea.js';
import { notifyPms } from './notify.js';
import { parseInput } from './parse-input.js';
import { isStage } from './pipeline-service.js';
import { applyPipelineEvent } from './pipeline-snapshot.js';

const WHAT: Record<ArtefactKind, string> = {
  criteria: 'criteria check',
  evidence: 'evidence entry',
  no_precedent: '"no precedent found" note',
  outline: 'outline proposal',
  shortlist: 'shortlisting decision',
  funding: 'funding details',
  interest: 'expression of interest',
  specialists: 'list of specialist areas',
  signoff: 'sign-off',
  final: 'final proposal',
  decision: 'JCC decision',
};

/** Records the stage artefacts (criteria, evidence, outline, ...) that the gates look at. */
export class ArtefactService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Validates and records one artefact; tells PMs when it newly meets the stage's gate. */
  async record(actorId: string, id: string, kind: ArtefactKind, input: unknown): Promise<Idea> {
    const values = parseInput(ARTEFACT_INPUTS[kind], input, WHAT[kind]) as Record<string, unknown>;
    let gateWasMet = false;
    const { before, after } = await mutateIdea(this.deps.store, id, async (current) => {
      if (!isStage(current.status)) {
        throw new PilotError(
          'invalid_transition',
          `${id} is ${STATUS_LABELS[current.status].toLowerCase()}, so its ${WHAT[kind]} can't be changed now.`,
        );
      }
      const facts = await gateFactsFor(this.deps.store, current, this.deps.rules.lowScoreThreshold);
      gateWasMet = missingForGate(current.status, facts).length === 0;
      const at = this.deps.clock().toISOString();
      // A shortlisting decision rests on the idea's latest round, not on the round of an earlier decision.
      const artefacts = this.apply(current, kind, values, actorId, at, current.latestRoundId);
      let idea: Idea = { ...current, artefacts, updatedAt: at };
      // A sign-off's event names its area, so the gate can tell at which stage each sign-off was given.
      const detail = kind === 'signoff' ? { kind, area: values.area } : { kind };
      const events = [{ type: `artefact.${kind}`, at, actorId, ideaId: id, detail }];
      if (kind === 'decision') idea = this.applyDecision(idea, values.decision as string, actorId, at, events);
      return { idea, events };
    });
    if (after.status !== before.status) {
      if (after.submitterId !== actorId)
        await this.deps.notifier
          .direct(after.submitterId, ideaChangedMessage(before, after, values.note as string | undefined))
          .catch(this.logError);
    } else if (isStage(after.status) && !gateWasMet) {
      const facts = await gateFactsFor(this.deps.store, after, this.deps.rules.lowScoreThreshold);
      if (missingForGate(after.status, facts).length === 0)
        await notifyPms(
          this.deps,
          after,
          `${after.id} is ready to move on from ${STATUS_LABELS[after.status]}.`,
          actorId,
        );
    }
    return after;
  }

  private apply(
    idea: Idea,
    kind: ArtefactKind,
    v: Record<string, unknown>,
    by: string,
    at: string,
    roundId?: string,
  ): Artefacts {
    const a = idea.artefacts;
    switch (kind) {
      case 'criteria':
        return {
          ...a,
          criteria: {
            ...(v as Pick<NonNullable<Artefacts['criteria']>, 'met' | 'note'>),
            confirmedBy: by,
            confirmedAt: at,
          },
        };
      case 'evidence':
        return {
          ...a,
          evidence: [
            ...a.evidence,
            { ...(v as Omit<Artefacts['evidence'][number], 'addedBy' | 'addedAt'>), addedBy: by, addedAt: at },
          ],
        };
      case 'no_precedent':
        return { ...a, noPrecedent: { note: v.note as string, recordedBy: by, recordedAt: at } };
      case 'outline':
        return {
          ...a,
          outline: {
            ...(v as Omit<NonNullable<Artefacts['outline']>, 'updatedBy' | 'updatedAt'>),
            updatedBy: by,
            updatedAt: at,
          },
        };
      case 'shortlist':
        this.requireStage(idea, 'shortlist');
        if (!roundId)
          throw new PilotError(
            'invalid_transition',
            `Open and close a scoring round on ${idea.id} before recording the shortlisting decision: \`vote open ${idea.id} score\`.`,
          );
        if (v.override && !v.reason)
          throw new PilotError('invalid_input', 'An override needs a reason.', {
            fieldErrors: { reason: 'An override needs a reason.' },
          });
        return {
          ...a,
          shortlist: {
            ...(v as { shortlisted: boolean; override: boolean; reason?: string }),
            roundId,
            decidedBy: by,
            decidedAt: at,
          },
        };
      case 'funding':
        return {
          ...a,
          funding: {
            ...(v as Omit<NonNullable<Artefacts['funding']>, 'recordedBy' | 'recordedAt'>),
            recordedBy: by,
            recordedAt: at,
          },
        };
      case 'interest':
        return {
          ...a,
          interests: [
            ...a.interests,
            {
              ...(v as Omit<Artefacts['interests'][number], 'declaredBy' | 'declaredAt'>),
              declaredBy: by,
              declaredAt: at,
            },
          ],
        };
      case 'specialists':
        return {
          ...a,
          requiredSpecialists: [...new Set(v.areas as Artefacts['requiredSpecialists'])],
          specialistsMarkedAt: at,
        };
      case 'signoff': {
        this.requireStage(idea, 'specialist_engagement');
        const signOff = {
          ...(v as Omit<Artefacts['signOffs'][number], 'signedBy' | 'signedAt'>),
          signedBy: by,
          signedAt: at,
        };
        return { ...a, signOffs: [...a.signOffs.filter((s) => s.area !== signOff.area), signOff] };
      }
      case 'final':
        return {
          ...a,
          finalProposal: {
            ...(v as Omit<NonNullable<Artefacts['finalProposal']>, 'updatedBy' | 'updatedAt'>),
            updatedBy: by,
            updatedAt: at,
          },
        };
      case 'decision':
        this.requireStage(idea, 'final_proposal');
        return {
          ...a,
          decision: {
            ...(v as Omit<NonNullable<Artefacts['decision']>, 'recordedBy' | 'recordedAt'>),
            recordedBy: by,
            recordedAt: at,
          },
        };
    }
  }

  /** A JCC approval moves the idea to approved (only once everything else is in place); a rejection ends it. */
  private applyDecision(
    idea: Idea,
    decision: string,
    actorId: string,
    at: string,
    events: Record<string, unknown>[],
  ): Idea {
    if (decision === 'deferred') return idea;
    const facts = {
      artefacts: idea.artefacts,
      lowScoreThreshold: this.deps.rules.lowScoreThreshold,
      history: idea.history,
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

  private requireStage(idea: Idea, stage: 'shortlist' | 'specialist_engagement' | 'final_proposal'): void {
    if (idea.status === stage) return;
    if (stage === 'specialist_engagement')
      throw new PilotError(
        'invalid_transition',
        `${idea.id} is at ${STATUS_LABELS[idea.status]}. Specialists sign off at ${STATUS_LABELS[stage]}: please sign off once ${idea.id} gets there.`,
      );
    throw new PilotError(
      'invalid_transition',
      `${idea.id} is at ${STATUS_LABELS[idea.status]}; this is recorded at ${STATUS_LABELS[stage]}.`,
    );
  }

  private readonly logError = (error: unknown) =>
    this.deps.logger.error('notification failed', { error: String(error) });
}
