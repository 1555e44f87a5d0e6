import type { DocumentFeatures } from '../bot/core/pilot-services.js';
import type { Reply } from '../views/reply.js';
import { PilotError } from '../domain/pilot-error.js';
import { STAGES, STATUS_LABELS } from '../domain/reference-data.js';
import { exportCsv } from '../reports/export-csv.js';
import { buildReport, renderFunnelChart, renderReportText } from '../reports/pipeline-report.js';
import { buildCaseData } from '../templates/case-data.js';
import { GAP_TEXT } from '../templates/case-gaps.js';
import { renderCaseDocx } from '../templates/render-case.js';
import type { TemplateSet } from '../templates/template-set.js';
import type { ServiceDeps } from '../workflows/deps.js';
import { loadIdea, mutateIdea } from '../workflows/mutate-idea.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FUNDING_INDEX = STAGES.indexOf('funding');

/** The business case, report and export, over the store, rendered with the given templates. */
export function documentFeatures(templates: TemplateSet): (deps: ServiceDeps) => DocumentFeatures {
  return (deps) => ({
    async businessCase(ideaId, actorId) {
      const current = await loadIdea(deps.store, ideaId);
      const stage = current.status === 'on_hold' || current.status === 'approved' ? current.lastStage : current.status;
      if (
        current.status === 'rejected' ||
        current.status === 'withdrawn' ||
        STAGES.indexOf(stage as (typeof STAGES)[number]) < FUNDING_INDEX
      )
        throw new PilotError(
          'invalid_transition',
          `A business case can be drafted from stage 5 (Funding) onwards; ${current.id} is at ${STATUS_LABELS[current.status]}.`,
        );
      const now = deps.clock();
      const { after: idea } = await mutateIdea(deps.store, ideaId, (latest) => ({
        idea: {
          ...latest,
          artefacts: { ...latest.artefacts, caseDraftedAt: now.toISOString() },
          updatedAt: now.toISOString(),
        },
        events: [{ type: 'case.drafted', at: now.toISOString(), actorId, ideaId }],
      }));
      const rounds = await deps.store.listRounds({ ideaId });
      const people = await deps.store.listPeople();
      const names = Object.fromEntries(people.filter((p) => p.displayName).map((p) => [p.id, p.displayName as string]));
      const data = buildCaseData({
        idea,
        rounds,
        names,
        author: names[actorId] ?? actorId,
        now,
        priorities: deps.rules.priorities,
        artefacts: deps.artefacts,
      });
      const [docx, markdown] = [await renderCaseDocx(data), templates.businessCase(data)];
      const gaps = data.gaps.map((g) => GAP_TEXT[g]);
      const text = `Business case draft for ${idea.id} “${idea.title}” for the Joint Commissioning Committee. ${gaps.length > 0 ? `${gaps.length} gap${gaps.length === 1 ? '' : 's'} to fill.` : 'No gaps in the recorded data.'}`;
      return {
        visibility: 'private',
        text,
        blocks: [
          { kind: 'heading', text: `Business case draft: ${idea.id} “${idea.title}”` },
          { kind: 'text', text: idea.summary },
          {
            kind: 'fields',
            fields: [
              {
                label: 'Funding',
                value: data.funding
                  ? `${data.funding.amount} from ${data.funding.source}, budget holder ${data.funding.budgetHolder}`
                  : 'Not recorded yet',
              },
              {
                label: 'Co-production',
                value: `${data.rounds.length} closed vote${data.rounds.length === 1 ? '' : 's'}, ${idea.comments.length} comment${idea.comments.length === 1 ? '' : 's'}`,
              },
              { label: 'Conflicts of interest declared', value: String(data.conflicts.length) },
            ],
          },
          gaps.length > 0
            ? { kind: 'list', items: gaps.map((g) => `Gap: ${g}`) }
            : { kind: 'text', text: 'No gaps in the recorded data.' },
          {
            kind: 'context',
            text: 'The full draft is attached as a Word document (and as Markdown). Gaps are marked [GAP: …] in the text; nothing has been invented.',
          },
        ],
        files: [
          {
            filename: `${idea.id}-business-case.docx`,
            mimeType: DOCX,
            title: `Business case draft ${idea.id}`,
            content: docx,
          },
          {
            filename: `${idea.id}-business-case.md`,
            mimeType: 'text/markdown',
            title: `Business case draft ${idea.id} (Markdown)`,
            content: new TextEncoder().encode(markdown),
          },
        ],
      } satisfies Reply;
    },
    async report(now) {
      const report = buildReport(await deps.store.listIdeas(), await deps.store.listRounds(), now);
      const chart = renderFunnelChart(report, { png: true });
      const text = renderReportText(report);
      return {
        visibility: 'private',
        text: 'The pipeline funnel',
        blocks: [
          { kind: 'heading', text: 'The pipeline funnel' },
          { kind: 'text', text },
        ],
        files: [
          chart.png
            ? { filename: 'pipeline-funnel.png', mimeType: 'image/png', title: 'Ideas per stage', content: chart.png }
            : {
                filename: 'pipeline-funnel.svg',
                mimeType: 'image/svg+xml',
                title: 'Ideas per stage',
                content: new TextEncoder().encode(chart.svg),
              },
        ],
      };
    },
    async exportCsv() {
      const ideas = await deps.store.listIdeas();
      const csv = exportCsv(ideas, await deps.store.listRounds());
      const text = `The pipeline as a spreadsheet: ${ideas.length} idea${ideas.length === 1 ? '' : 's'}, one row each. Individual votes are never included.`;
      return {
        visibility: 'private',
        text,
        blocks: [{ kind: 'text', text }],
        files: [{ filename: 'pilot-pipeline.csv', mimeType: 'text/csv', title: 'Pipeline export', content: csv }],
      };
    },
  });
}
