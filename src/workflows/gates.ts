import { type ArtefactRegistry, DEFAULT_ARTEFACTS } from '../artefacts/artefact-registry.js';
import type { Artefacts } from '../domain/artefacts.js';
import type { AuditEvent } from '../domain/audit.js';
import type { Phase } from '../domain/reference-data.js';
import type { Engagement } from '../domain/engagement.js';
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
  /** Offline engagement logged on the idea (a live pilot's gate looks for the views of people who used it). */
  engagements?: readonly Engagement[];
  /** The idea's feedback rounds (support votes opened while the pilot was running), as far as a gate needs them. */
  feedbackRounds?: readonly Pick<Round, 'id' | 'status' | 'openedAt' | 'result'>[];
  /** Today (UTC date, YYYY-MM-DD): an extended pilot's new review date must be after it. */
  today?: string;
}

/** What the gate to leave a stage or pilot phase still needs, in words a PM understands; empty when it holds. */
export function missingForGate(phase: Phase, facts: GateFacts): string[] {
  return (facts.registry ?? DEFAULT_ARTEFACTS).missingAt(phase, facts);
}

/**
 * What the final-proposal gate needs before a JCC approval can be recorded: `facts` hold the idea's
 * artefacts with the approval in them, so this is everything else stage 8 needs.
 */
export function missingBeforeDecision(facts: GateFacts): string[] {
  return missingForGate('final_proposal', facts);
}
