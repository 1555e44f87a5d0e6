import { type ArtefactRegistry, DEFAULT_ARTEFACTS } from '../artefacts/artefact-registry.js';
import type { Artefacts } from '../domain/artefacts.js';
import type { AuditEvent } from '../domain/audit.js';
import type { Stage } from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';

/** What a gate looks at: the idea's artefacts, the round its shortlisting decision rests on, and the thresholds. */
export interface GateFacts {
  artefacts: Artefacts;
  /** The round named by the shortlisting decision, if any. */
  shortlistRound?: Pick<Round, 'id' | 'kind' | 'status' | 'result'>;
  /** A weighted score (1-5) below this is "low": shortlisting it needs an override with a reason. */
  lowScoreThreshold: number;
  /** The idea's audit trail, oldest first: it tells at which stage each sign-off was given. */
  history: readonly AuditEvent[];
  /** The stage artefacts whose checks make up each gate (the built-in ones unless a pilot adds its own). */
  registry?: ArtefactRegistry;
}

/** What the gate to leave `stage` still needs, in words a PM understands; empty when the gate holds. */
export function missingForGate(stage: Stage, facts: GateFacts): string[] {
  return (facts.registry ?? DEFAULT_ARTEFACTS).missingAt(stage, facts);
}

/**
 * What the final-proposal gate needs before a JCC approval can be recorded: `facts` hold the idea's
 * artefacts with the approval in them, so this is everything else stage 8 needs.
 */
export function missingBeforeDecision(facts: GateFacts): string[] {
  return missingForGate('final_proposal', facts);
}
