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

/** The services the command layer runs commands through. */
export interface PilotServices {
  deps: ServiceDeps;
  pipeline: PipelineService;
  artefacts: ArtefactService;
  voting: VotingService;
  people: PeopleService;
  documents?: DocumentFeatures;
}
