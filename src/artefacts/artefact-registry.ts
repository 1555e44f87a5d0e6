import type { Phase } from '../domain/reference-data.js';
import type { GateFacts } from '../workflows/gates.js';
import { criteriaArtefact } from './criteria.js';
import { type ArtefactDefinition, OTHER_FORM_IDS } from './define-artefact.js';
import { evidenceArtefact, noPrecedentArtefact } from './evidence.js';
import { decisionArtefact, finalArtefact } from './final.js';
import { fundingArtefact } from './funding.js';
import { interestArtefact } from './interest.js';
import { optionsArtefact } from './options.js';
import { outlineArtefact } from './outline.js';
import { riskArtefact, riskRemovalArtefact } from './risks.js';
import { screeningArtefact } from './screening.js';
import { shortlistArtefact } from './shortlist.js';
import { signOffArtefact, specialistsArtefact } from './sign-offs.js';
import {
  measureArtefact,
  measureRemovalArtefact,
  mobilisationArtefact,
  PHASE_GATES,
  pilotLessonArtefact,
  pilotOutcomeArtefact,
} from './pilot.js';

/** The stage artefacts of SPEC 2, in the order their buttons appear on an idea. */
export const STAGE_ARTEFACTS = [
  criteriaArtefact,
  evidenceArtefact,
  noPrecedentArtefact,
  pilotLessonArtefact,
  outlineArtefact,
  riskArtefact,
  riskRemovalArtefact,
  optionsArtefact,
  shortlistArtefact,
  fundingArtefact,
  interestArtefact,
  specialistsArtefact,
  signOffArtefact,
  finalArtefact,
  screeningArtefact,
  decisionArtefact,
  measureArtefact,
  measureRemovalArtefact,
  mobilisationArtefact,
  pilotOutcomeArtefact,
] as const;

/** The kinds of the built-in stage artefacts. */
export type ArtefactKind = (typeof STAGE_ARTEFACTS)[number]['kind'];

/** Any declared artefact, whatever its input type (each declaration checks its own). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyArtefact = ArtefactDefinition<string, any>;

/** The artefacts a pilot knows, looked up by kind or stage; the gates, forms and buttons are derived from it. */
export class ArtefactRegistry {
  private readonly byKindMap: ReadonlyMap<string, AnyArtefact>;

  constructor(readonly all: readonly AnyArtefact[]) {
    this.byKindMap = new Map(all.map((a) => [a.kind, a]));
    if (this.byKindMap.size !== all.length) throw new Error('Two stage artefacts share a kind');
    const taken = all.find((a) => (OTHER_FORM_IDS as readonly string[]).includes(a.kind));
    if (taken) throw new Error(`A stage artefact cannot be called "${taken.kind}": that is another form's id`);
  }

  /** The artefact of this kind, if declared. */
  byKind(kind: string): AnyArtefact | undefined {
    return this.byKindMap.get(kind);
  }

  /** The artefacts recorded at a stage or phase (their own, or one they are also offered at), in declaration order. */
  forStage(stage: string): AnyArtefact[] {
    return this.all.filter((a) => a.stage === stage || (a.alsoAt as readonly string[] | undefined)?.includes(stage));
  }

  /**
   * What the gate to leave `phase` still needs: what each of its own artefacts still needs, in order, then
   * what a pilot phase needs beyond its artefacts (figures for every measure, people's views).
   */
  missingAt(phase: Phase, facts: GateFacts): string[] {
    return [
      ...this.all.filter((a) => a.stage === phase).flatMap((a) => a.gate?.(facts) ?? []),
      ...(PHASE_GATES[phase]?.(facts) ?? []),
    ];
  }

  /** A registry with more artefacts (a council's own, or a test's). */
  with(...more: AnyArtefact[]): ArtefactRegistry {
    return new ArtefactRegistry([...this.all, ...more]);
  }
}

/** The built-in stage artefacts. */
export const DEFAULT_ARTEFACTS = new ArtefactRegistry(STAGE_ARTEFACTS);
