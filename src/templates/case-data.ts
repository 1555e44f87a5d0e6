import { type ArtefactRegistry, DEFAULT_ARTEFACTS } from '../artefacts/artefact-registry.js';
import { engagementGroupWords, engagementKindLabel } from '../domain/engagement.js';
import type { Idea } from '../domain/idea.js';
import {
  IDEA_SOURCES,
  OUTCOME_GROUP_LABELS,
  OUTCOMES,
  PILOT_PRINCIPLES,
  STATUS_LABELS,
} from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';
import { type CaseData, caseDataSchema } from './case-data-schema.js';
import { displayName, formatDate } from './case-format.js';
import { buildCaseRounds } from './case-rounds.js';
import { findGaps } from './find-gaps.js';

export { type CaseData, caseDataSchema } from './case-data-schema.js';

/** What a business case is built from: the idea, all rounds (only its closed ones are used), names and a clock. */
export interface CaseInput {
  idea: Idea;
  rounds: Round[];
  /** The stage artefacts whose data the paper carries (the built-in ones by default). */
  artefacts?: ArtefactRegistry;
  /** Person id → display name; unknown ids are shown as the id. */
  names: Record<string, string>;
  /** Who the paper is prepared by (display text). */
  author: string;
  now: Date;
  /** Configured priorities, used to label score-round means when a round lacks its own labels. */
  priorities: { id: string; label: string; weight: number }[];
}

/** Maps only what is recorded on the idea to CaseData; every missing piece is `null` or empty and listed in `gaps`. */
export function buildCaseData(input: CaseInput): CaseData {
  const { idea, names } = input;
  const a = idea.artefacts;
  const who = (id: string) => displayName(names, id);
  const by = (id: string, at: string) => ({ recordedBy: who(id), recordedOn: formatDate(at) });
  const rounds = buildCaseRounds(idea.id, input.rounds, input.priorities);
  // Each stage artefact hands over its own part of the template's data (src/artefacts).
  const fromArtefacts: Partial<CaseData> = {};
  for (const artefact of (input.artefacts ?? DEFAULT_ARTEFACTS).all) {
    const { recorded, ...part } = artefact.caseData?.(idea, { who, by }) ?? {};
    Object.assign(fromArtefacts, part);
    if (recorded) fromArtefacts.recorded = { ...fromArtefacts.recorded, ...recorded };
  }
  const providers = fromArtefacts.providers ?? [];
  // People, not ballots: someone who voted in two rounds is one voter.
  const voters = new Set(
    input.rounds
      .filter((r) => r.ideaId === idea.id && rounds.some((c) => c.id === r.id))
      .flatMap((r) => r.result?.participants ?? []),
  ).size;
  const engagements = [...(idea.engagements ?? [])].sort((x, y) => x.date.localeCompare(y.date));
  const consultation = {
    rounds: rounds.length,
    voters,
    comments: idea.comments.length,
    interests: providers.length,
    engagements: engagements.length,
    engagementPeople: engagements.reduce((n, e) => n + e.numberOfPeople, 0),
  };
  const heard = rounds.length + consultation.comments + consultation.interests + consultation.engagements;
  const data: CaseData = {
    meta: {
      ideaId: idea.id,
      title: idea.title,
      author: input.author,
      preparedOn: formatDate(input.now),
      status: STATUS_LABELS[idea.status],
      submitter: who(idea.submitterId),
      submittedOn: formatDate(idea.createdAt),
      source: IDEA_SOURCES.find((s) => s.id === idea.source)?.label ?? idea.source,
      caseDraftedOn: a.caseDraftedAt ? formatDate(a.caseDraftedAt) : null,
    },
    criteria: null,
    evidence: [],
    noPrecedent: null,
    outline: null,
    shortlist: null,
    funding: null,
    specialists: [],
    finalProposal: null,
    decision: null,
    recorded: {},
    ...fromArtefacts,
    summary: idea.summary,
    problem: idea.problem,
    approach: idea.approach,
    beneficiaries: idea.beneficiaries,
    principles: [...PILOT_PRINCIPLES],
    rounds,
    comments: idea.comments.map((c) => ({ author: who(c.authorId), on: formatDate(c.at), text: c.text })),
    engagements: engagements.map((e) => ({
      kind: engagementKindLabel(e.kind),
      // A day, not a moment: noon UTC is the same day in London, summer or winter.
      date: formatDate(`${e.date}T12:00:00Z`),
      numberOfPeople: e.numberOfPeople,
      groups: engagementGroupWords(e.groups),
      whatTheySaid: e.whatTheySaid,
      ...by(e.recordedBy, e.recordedAt),
    })),
    consultation: heard > 0 ? consultation : null,
    outcomes: Object.entries(OUTCOME_GROUP_LABELS)
      .map(([group, label]) => ({
        group: label,
        items: OUTCOMES.filter((o) => o.group === group && idea.outcomes.includes(o.id)).map((o) => o.label),
      }))
      .filter((g) => g.items.length > 0),
    providers,
    conflicts: [
      ...rounds.flatMap((r) => r.conflicts.map((detail) => ({ from: `Voting round ${r.id}`, detail }))),
      ...providers.filter((p) => p.conflict).map((p) => ({ from: p.name, detail: p.conflict! })),
    ],
    gaps: [],
  };
  data.gaps = findGaps(data);
  return caseDataSchema.parse(data);
}
