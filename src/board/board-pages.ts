import { measureProgressLine, pilotProgress } from '../reports/pilot-progress.js';
import type { Idea } from '../domain/idea.js';
import { isRegisteredId, type Person } from '../domain/person.js';
import { type Role, SPECIALIST_AREAS, STAGES, STATUS_LABELS, STATUSES, type Status } from '../domain/reference-data.js';
import type { Round } from '../domain/voting.js';
import type { ReportData } from '../reports/pipeline-report.js';
import { buildCaseRounds } from '../templates/case-rounds.js';
import { formatDate } from '../templates/case-format.js';
import { scrubText } from '../templates/public-names.js';
import { canDraftCase } from '../workflows/case-service.js';
import type { BoardViewer } from './board-access.js';
import type { IdeaLine, IdeaPage, PipelinePage } from './board-page-schemas.js';
import { canSee, pilotsInDelivery, seesPacks } from './board-visibility.js';

/** Ideas a page of the board lists. */
export const PAGE_SIZE = 50;

const ORDER = new Map<Status, number>(STATUSES.map((s, i) => [s, i]));
/** "Stage 4: Shortlist", or the status's own words (On hold, Approved by the JCC, ...). */
const stageName = (status: Status): string =>
  (STAGES as readonly string[]).includes(status)
    ? `Stage ${STAGES.indexOf(status as (typeof STAGES)[number]) + 1}: ${STATUS_LABELS[status].replace(/^\d+\.\s*/, '')}`
    : STATUS_LABELS[status];

function line(idea: Idea): IdeaLine {
  return { id: idea.id, title: scrubText(idea.title), summary: scrubText(idea.summary), stage: stageName(idea.status) };
}

/** Builds the pipeline page for a viewer; `page` counts from 1 and is clamped to the pages there are. */
export function pipelinePage(
  ideas: readonly Idea[],
  report: ReportData,
  viewer: BoardViewer,
  page: number,
): PipelinePage {
  const visible = ideas.filter((idea) => canSee(viewer, idea));
  const sorted = visible.sort((a, b) => ORDER.get(a.status)! - ORDER.get(b.status)! || a.number - b.number);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const stages: PipelinePage['stages'] = [];
  for (const idea of sorted.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)) {
    const label = stageName(idea.status);
    if (stages.at(-1)?.label !== label) stages.push({ label, ideas: [] });
    stages.at(-1)!.ideas.push(line(idea));
  }
  return {
    // Counts are not personal: every visitor sees how many ideas each stage holds, published or not.
    funnel: report.statuses.map((s) => ({ label: stageName(s.status), count: s.count })),
    total: report.total,
    stages,
    page: current,
    pages,
    shown: sorted.length,
    pilots: pilotsInDelivery(sorted).map((idea) => {
      const [progress] = pilotProgress([idea]);
      return {
        ...line(idea),
        phase: progress?.label ?? stageName(idea.status),
        // Before its measures are set up, what the final proposal said success would look like.
        measures: idea.artefacts.finalProposal ? scrubText(idea.artefacts.finalProposal.successCriteria) : null,
        progress: (progress?.measures ?? []).map((m) => scrubText(measureProgressLine(m))),
      };
    }),
    packs: seesPacks(viewer) ? packsOf(sorted) : null,
  };
}

/** Meeting packs by committee date: the ideas at stage 8 named for each meeting, earliest first. */
function packsOf(ideas: readonly Idea[]): NonNullable<PipelinePage['packs']> {
  const byDay = new Map<string, Idea[]>();
  for (const idea of ideas) {
    const day = idea.status === 'final_proposal' ? idea.artefacts.finalProposal?.committeeDate : undefined;
    if (day) byDay.set(day, [...(byDay.get(day) ?? []), idea]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, list]) => ({ day, label: formatDate(`${day}T12:00:00Z`), ideas: list.map(line) }));
}

/** Roles whose holders are council staff named on the board (SPEC: no other personal data). */
const NAMED_ROLES: readonly Role[] = ['admin', 'pm', ...SPECIALIST_AREAS];

/** A staff member's name, or null for anyone else (members of the public, committee members, unknown ids). */
export function staffName(personId: string, people: ReadonlyMap<string, Person>): string | null {
  const person = people.get(personId);
  if (!person || isRegisteredId(personId) || !person.displayName) return null;
  if (person.roles.includes('expert') || person.roles.includes('provider')) return null;
  return person.roles.some((r) => NAMED_ROLES.includes(r)) ? person.displayName : null;
}

/** History events the board tells, in plain words; anything else (votes, comments, roles) is left out. */
const EVENT_WORDS: Record<string, string> = {
  'idea.submitted': 'Idea submitted',
  'stage.advanced': 'Moved on',
  'stage.returned': 'Sent back a stage',
  'idea.held': 'Put on hold',
  'idea.resumed': 'Taken off hold',
  'idea.rejected': 'Not taken forward',
  'idea.withdrawn': 'Withdrawn',
  'idea.approved': 'Approved',
  'artefact.shortlist': 'Shortlisting decision',
  'artefact.decision': 'Committee decision recorded',
  'round.opened': 'A vote opened',
  'round.closed': 'A vote closed',
  'case.drafted': 'Business case drafted',
  'idea.published': 'Published on this board',
};

/** Builds an idea's page: what happened when, decisions and reasons, tallies under SPEC 3.1, from frozen results only. */
export function ideaPage(
  idea: Idea,
  rounds: readonly Round[],
  people: ReadonlyMap<string, Person>,
  priorities: { id: string; label: string }[],
): IdeaPage {
  const { decision, shortlist } = idea.artefacts;
  return {
    idea: {
      ...line(idea),
      problem: scrubText(idea.problem),
      approach: scrubText(idea.approach),
      beneficiaries: scrubText(idea.beneficiaries),
      since: formatDate(idea.statusSince),
    },
    timeline: idea.history
      .filter((event) => EVENT_WORDS[event.type])
      .map((event) => ({
        when: formatDate(event.at),
        what: EVENT_WORDS[event.type]!,
        by: staffName(event.actorId, people),
        reason: event.reason ? scrubText(event.reason) : null,
        to: event.to && event.type !== 'idea.submitted' ? stageName(event.to) : null,
      })),
    rounds: buildCaseRounds(idea.id, [...rounds], priorities).map((r) => ({
      ...r,
      reasons: r.reasons.map(scrubText),
      conflicts: r.conflicts.map(scrubText),
    })),
    openRounds: rounds
      .filter((r) => r.ideaId === idea.id && r.status === 'open')
      .map((r) => ({
        kind: r.kind === 'support' ? 'Support vote' : 'Scoring against the strategic priorities',
        closes: formatDate(r.closesAt),
      })),
    decisions: [
      ...(shortlist
        ? [
            {
              what: shortlist.shortlisted
                ? shortlist.override
                  ? 'Shortlisted, overriding the vote'
                  : 'Shortlisted'
                : 'Not shortlisted',
              when: formatDate(shortlist.decidedAt),
              by: staffName(shortlist.decidedBy, people),
              reason: shortlist.reason ? scrubText(shortlist.reason) : null,
            },
          ]
        : []),
      ...(decision
        ? [
            {
              what: `The committee’s decision: ${{ approved: 'approved', deferred: 'deferred', rejected: 'not approved' }[decision.decision]}`,
              when: formatDate(decision.recordedAt),
              by: null,
              reason: decision.note ? scrubText(decision.note) : null,
            },
          ]
        : []),
    ],
    caseAvailable: canDraftCase(idea),
  };
}
