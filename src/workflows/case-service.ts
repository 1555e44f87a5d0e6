import type { Idea } from '../domain/idea.js';
import { PilotError } from '../domain/pilot-error.js';
import { STAGES, STATUS_LABELS } from '../domain/reference-data.js';
import type { CaseData } from '../templates/case-data-schema.js';
import { buildCaseData } from '../templates/case-data.js';
import { formatDate } from '../templates/case-format.js';
import type { DocumentMeta } from '../templates/markdown-docx.js';
import { escapeMarkdown } from '../templates/markdown-escape.js';
import type { ServiceDeps } from './deps.js';
import { loadIdea, mutateIdea } from './mutate-idea.js';

/** How a business case is rendered: the council's templates and the Word builder, given by the composition root. */
export interface CaseRenderer {
  /** The full case as a Word document, made from its Markdown (one template is the source of both). */
  docx(data: CaseData, markdown: string): Promise<Uint8Array>;
  /** The full case as Markdown, from the council's template. */
  markdown(data: CaseData): string;
  /** The short summary posted in chat beside the files, from the council's summary template (Markdown). */
  summary(data: CaseData): string;
  /** Several Markdown papers as one Word document, each starting on a new page (a meeting pack). */
  pack(parts: string[], meta: DocumentMeta): Promise<Uint8Array>;
}

/** A drafted business case: the idea as recorded after the draft, the data behind it and its renderings. */
export interface CaseDraft {
  idea: Idea;
  data: CaseData;
  docx: Uint8Array;
  markdown: string;
  summary: string;
}

const FUNDING = STAGES.indexOf('funding');

/** The stage an idea is at, or was at before it was put on hold or approved. */
function stageOf(idea: Idea): string | undefined {
  return (STAGES as readonly string[]).includes(idea.status) ? idea.status : idea.lastStage;
}

/** SPEC 4: a business case can be drafted from stage 5 (Funding) onwards, and not for an idea that has ended. */
export function canDraftCase(idea: Idea): boolean {
  if (idea.status === 'rejected' || idea.status === 'withdrawn') return false;
  return STAGES.indexOf(stageOf(idea) as (typeof STAGES)[number]) >= FUNDING;
}

/** Drafts the business case for the Joint Commissioning Committee (SPEC 4). */
export class CaseService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly renderer: CaseRenderer,
  ) {}

  /**
   * Renders the case from the idea's recorded data, then records that it was drafted (the final
   * proposal's gate asks for it). Nothing is recorded when rendering fails, so a broken template
   * never counts as a drafted case.
   */
  async draft(ideaId: string, actorId: string): Promise<CaseDraft> {
    const current = await loadIdea(this.deps.store, ideaId);
    if (!canDraftCase(current))
      throw new PilotError(
        'invalid_transition',
        `A business case can be drafted from stage 5 (Funding) onwards; ${current.id} is at ${STATUS_LABELS[current.status]}.`,
      );
    const now = this.deps.clock();
    const drafted = (idea: Idea): Idea => ({
      ...idea,
      artefacts: { ...idea.artefacts, caseDraftedAt: now.toISOString() },
      updatedAt: now.toISOString(),
    });
    const data = await this.dataFor(drafted(current), actorId);
    const markdown = this.renderer.markdown(data);
    const docx = await this.renderer.docx(data, markdown);
    const summary = this.renderer.summary(data);
    const { after } = await mutateIdea(this.deps.store, ideaId, (latest) => ({
      idea: drafted(latest),
      events: [{ type: 'case.drafted', at: now.toISOString(), actorId, ideaId }],
    }));
    return { idea: after, data, docx, markdown, summary };
  }

  /**
   * The business case as a Word document for reading (the read-only board): rendered as {@link draft} does,
   * prepared by the idea's PM, but nothing is recorded (reading a case is not drafting one).
   */
  async preview(ideaId: string, authorId: string): Promise<Uint8Array> {
    const idea = await loadIdea(this.deps.store, ideaId);
    if (!canDraftCase(idea))
      throw new PilotError(
        'invalid_transition',
        `${idea.id} has no business case yet: it starts at stage 5 (Funding).`,
      );
    const data = await this.dataFor(idea, authorId);
    return this.renderer.docx(data, this.renderer.markdown(data));
  }

  /**
   * The meeting pack for a committee date (SPEC 4): every idea at stage 8 whose final proposal names that
   * date, each paper in turn after a contents page, in one Word document. Nothing is recorded. Null when
   * no idea is marked for that meeting.
   */
  async pack(day: string, actorId: string): Promise<MeetingPack | null> {
    const ideas = (await this.deps.store.listIdeas({ status: 'final_proposal' })).filter(
      (idea) => idea.artefacts.finalProposal?.committeeDate === day,
    );
    if (ideas.length === 0) return null;
    const papers: { idea: Idea; data: CaseData; markdown: string }[] = [];
    for (const idea of ideas) {
      const data = await this.dataFor(idea, actorId);
      papers.push({ idea, data, markdown: this.renderer.markdown(data) });
    }
    const when = formatDate(`${day}T12:00:00Z`);
    const contents = [
      `# Joint Commissioning Committee: meeting pack`,
      '',
      `**Meeting date:** ${escapeMarkdown(when)}`,
      '',
      `Business cases for innovation pilots, drafted from the records of the pilot selection process. Each paper lists first the parts still to complete.`,
      '',
      '## Contents',
      '',
      ...papers.map(
        (p, i) =>
          `${i + 1}. ${escapeMarkdown(`${p.idea.id}: ${p.idea.title}`)} (${p.data.gaps.length} ${p.data.gaps.length === 1 ? 'part' : 'parts'} to complete)`,
      ),
    ].join('\n');
    const docx = await this.renderer.pack([contents, ...papers.map((p) => p.markdown)], {
      title: `Joint Commissioning Committee meeting pack, ${when}`,
      author: papers.map((p) => p.data.meta.author).find((a) => !a.startsWith('[GAP:')) ?? 'Project manager',
      description: `Business cases for the Joint Commissioning Committee meeting on ${when}`,
      header: `JCC meeting pack — ${when}`,
    });
    return { day: when, ideas: papers.map((p) => p.idea), docx };
  }

  /** The business-case data of an idea, with the people's names and roles, as `authorId` prepares it. */
  private async dataFor(idea: Idea, authorId: string): Promise<CaseData> {
    const [rounds, people] = await Promise.all([
      this.deps.store.listRounds({ ideaId: idea.id }),
      this.deps.store.listPeople(),
    ]);
    const names = Object.fromEntries(people.flatMap((p) => (p.displayName ? [[p.id, p.displayName]] : [])));
    const roles = Object.fromEntries(people.map((p) => [p.id, p.roles]));
    return buildCaseData({
      idea,
      rounds,
      names,
      roles,
      authorId,
      now: this.deps.clock(),
      priorities: this.deps.rules.priorities,
      artefacts: this.deps.artefacts,
    });
  }
}

/** A meeting pack: the meeting day in words, the ideas in it, and the Word document. */
export interface MeetingPack {
  day: string;
  ideas: Idea[];
  docx: Uint8Array;
}
