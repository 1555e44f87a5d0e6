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
import type { Role } from '../domain/reference-data.js';
import { type CaseData, caseDataSchema } from './case-data-schema.js';
import { formatDate } from './case-format.js';
import { buildCaseRounds, voteHeadline } from './case-rounds.js';
import { publicName, scrubAll } from './public-names.js';
import { findGaps } from './find-gaps.js';

export { type CaseData, caseDataSchema } from './case-data-schema.js';

/** What a business case is built from: the idea, all rounds (only its closed ones are used), names and a clock. */
export interface CaseInput {
  idea: Idea;
  rounds: Round[];
  /** The stage artefacts whose data the paper carries (the built-in ones by default). */
  artefacts?: ArtefactRegistry;
  /** Person id → display name (staff are named; someone without a known name shows as a gap). */
  names: Record<string, string>;
  /** Person id → roles: experts by experience and providers are described, never named (SPEC 4). */
  roles?: Record<string, Role[]>;
  /** Who the paper is prepared by: their person id (named if known, else a gap). */
  authorId: string;
  now: Date;
  /** Configured priorities, used to label score-round means when a round lacks its own labels. */
  priorities: { id: string; label: string; weight: number }[];
}

/** Maps only what is recorded on the idea to CaseData; every missing piece is `null` or empty and listed in `gaps`. */
export function buildCaseData(input: CaseInput): CaseData {
  const { idea, names } = input;
  const a = idea.artefacts;
  // Fit to publish: members of the public described, staff named, no platform ids (SPEC 4).
  const who = (id: string) => publicName(id, names, input.roles ?? {});
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
  // The committee date as stored (YYYY-MM-DD): the paper prints it, and works out the year and report-back from it.
  const meeting = a.finalProposal?.committeeDate ?? null;
  const months = fromArtefacts.outline?.durationMonths;
  const authorRoles = input.roles?.[input.authorId] ?? [];
  const data: CaseData = {
    meta: {
      ideaId: idea.id,
      title: idea.title,
      author: who(input.authorId),
      authorRole: authorRoles.includes('pm') ? 'Project manager, innovation pilots' : 'Report author',
      committee: 'Joint Commissioning Committee',
      meetingDate: meeting ? formatDate(`${meeting}T12:00:00Z`) : null,
      financialYear: meeting ? financialYear(meeting) : null,
      reportBackBy: meeting && months ? formatMonth(addMonths(meeting, months + 3)) : null,
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
    risks: [],
    options: null,
    shortlist: null,
    funding: null,
    specialists: [],
    finalProposal: null,
    screening: null,
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
    voteHeadline: voteHeadline(idea.id, input.rounds),
    rationale: null,
    provenance: [],
    gaps: [],
  };
  data.rationale = rationaleOf(data);
  data.provenance = provenanceOf(data);
  data.gaps = findGaps(data);
  return caseDataSchema.parse(scrubAll(data));
}

/** "2026/27" for a date in the UK financial year that starts on 1 April 2026. */
function financialYear(isoDay: string): string {
  const [year, month] = isoDay.split('-').map(Number) as [number, number];
  const start = month >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

function addMonths(isoDay: string, months: number): Date {
  const [year, month] = isoDay.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 + Math.round(months), 15, 12));
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' });
function formatMonth(date: Date): string {
  return MONTH.format(date);
}

/**
 * Why the recommendation is made, from what was recorded: the vote, the shortlisting reason, the
 * outcomes and the evidence from elsewhere (not the problem statement again). Null when none is recorded.
 */
function rationaleOf(d: CaseData): string | null {
  const parts: string[] = [];
  if (d.voteHeadline) parts.push(`What experts by experience and providers thought: ${d.voteHeadline}`);
  if (d.shortlist?.shortlisted) parts.push(`It was shortlisted${d.shortlist.reason ? `: ${d.shortlist.reason}` : '.'}`);
  const outcomes = d.outcomes.reduce((n, g) => n + g.items.length, 0);
  if (outcomes > 0) parts.push(`It targets ${outcomes} of the framework's outcomes (section on outcomes).`);
  if (d.evidence.length > 0)
    parts.push(`Evidence from ${d.evidence.map((e) => e.source).join(', ')} supports the approach.`);
  return parts.length > 0 ? parts.map((p) => (/[.!?)]$/.test(p) ? p : `${p}.`)).join(' ') : null;
}

const PROVENANCE: Record<string, string> = {
  criteria: 'Basic criteria check',
  noPrecedent: 'No precedent found',
  evidence: 'Evidence from elsewhere',
  outline: 'Outline proposal',
  shortlist: 'Shortlisting decision',
  engagements: 'Offline engagement',
  risks: 'Risk register entry',
  options: 'Other options considered',
  screening: 'Equality, health inequalities and public engagement screening',
  funding: 'Funding',
  providers: 'Provider expression of interest',
  finalProposal: 'Final proposal',
  decision: 'JCC decision',
};

/** Who recorded each part and when, for the audit appendix (kept out of the body of the paper). */
function provenanceOf(d: CaseData): CaseData['provenance'] {
  const out: CaseData['provenance'] = [];
  const add = (what: string, value: unknown) => {
    if (value && typeof value === 'object' && 'recordedBy' in value && 'recordedOn' in value) {
      const v = value as { recordedBy: string; recordedOn: string };
      out.push({ what, recordedBy: v.recordedBy, recordedOn: v.recordedOn });
    }
  };
  for (const [key, what] of Object.entries(PROVENANCE)) {
    const value = (d as Record<string, unknown>)[key];
    if (Array.isArray(value)) for (const item of value) add(what, item);
    else add(what, value);
  }
  for (const s of d.specialists)
    if (s.signedBy && s.signedOn)
      out.push({ what: `Sign-off: ${s.area}`, recordedBy: s.signedBy, recordedOn: s.signedOn });
  return out;
}
