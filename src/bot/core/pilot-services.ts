import type { PipelineRules } from '../../config/settings.js';
import type { ArtefactService } from '../../workflows/artefact-service.js';
import type { ServiceDeps } from '../../workflows/deps.js';
import type { PeopleService } from '../../workflows/people-service.js';
import type { PipelineService } from '../../workflows/pipeline-service.js';
import type { VotingService } from '../../workflows/voting-service.js';
import type { Reply } from '../../views/reply.js';

/** The configured pipeline rules, as handlers read them. */
export type PilotRules = PipelineRules;

/** Optional document and report features (they land with the business-case issue). */
export interface DocumentFeatures {
  businessCase(ideaId: string, actorId: string): Promise<Reply>;
  /** The meeting pack for a committee date (`YYYY-MM-DD`). */
  meetingPack(day: string, actorId: string): Promise<Reply>;
  report(now: Date): Promise<Reply>;
  exportCsv(): Promise<Reply>;
}

/** The read-only board's sign-in links (absent when the board is not set up). */
export interface BoardFeatures {
  /** A personal sign-in link for `personId`; throws a PilotError when links cannot be made here (no public address). */
  link(personId: string, now: Date): Promise<{ url: string; expires: string }>;
  /** Ends every link and session `personId` holds, on every replica. */
  revoke(personId: string, actorId: string, now: Date): Promise<void>;
}

/** The services the command layer runs commands through. */
export interface PilotServices {
  deps: ServiceDeps;
  pipeline: PipelineService;
  artefacts: ArtefactService;
  voting: VotingService;
  people: PeopleService;
  documents?: DocumentFeatures;
  board?: BoardFeatures;
}
