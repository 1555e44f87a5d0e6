import type { Stage } from '../domain/reference-data.js';
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

/** The stage artefacts of SPEC 2, in the order their buttons appear on an idea. */
export const STAGE_ARTEFACTS = [
  criteriaArtefact,
  evidenceArtefact,
  noPrecedentArtefact,
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

  /** The artefacts recorded at a stage, in declaration order. */
  forStage(stage: string): AnyArtefact[] {
    return this.all.filter((a) => a.stage === stage);
  }

  /** What the gate to leave `stage` still needs: what each of its artefacts still needs, in order. */
  missingAt(stage: Stage, facts: GateFacts): string[] {
    return this.forStage(stage).flatMap((a) => a.gate?.(facts) ?? []);
  }

  /** A registry with more artefacts (a council's own, or a test's). */
  with(...more: AnyArtefact[]): ArtefactRegistry {
    return new ArtefactRegistry([...this.all, ...more]);
  }
}

/** The built-in stage artefacts. */
export const DEFAULT_ARTEFACTS = new ArtefactRegistry(STAGE_ARTEFACTS);
