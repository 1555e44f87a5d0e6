import { renderPilotChart } from '../reports/render-pilot-chart.js';
import type { DocumentFeatures } from '../bot/core/pilot-services.js';
import { caseDraftView, meetingPackView } from '../views/case-views.js';
import { markdownToDocx } from '../templates/markdown-docx.js';
import { exportCsv } from '../reports/export-csv.js';
import { buildReport, renderFunnelChart, renderReportText } from '../reports/pipeline-report.js';
import { renderCaseDocx } from '../templates/render-case.js';
import type { TemplateSet } from '../templates/template-set.js';
import type { ServiceDeps } from '../workflows/deps.js';
import { type CaseRenderer, CaseService } from '../workflows/case-service.js';

/** The business case, report and export, over the store, rendered with the given templates. */
export function documentFeatures(templates: TemplateSet): (deps: ServiceDeps) => DocumentFeatures {
  const renderer = caseRenderer(templates);
  return (deps) => ({
    async businessCase(ideaId, actorId) {
      return caseDraftView(await new CaseService(deps, renderer).draft(ideaId, actorId));
    },
    async meetingPack(day, actorId) {
      return meetingPackView(day, await new CaseService(deps, renderer).pack(day, actorId));
    },
    async report(now) {
      const report = buildReport(
        await deps.store.listIdeas(),
        await deps.store.listRounds(),
        now,
        deps.rules.stageDays,
      );
      const chart = renderFunnelChart(report, { png: true });
      const pilotChart = renderPilotChart(report.pilots);
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
          ...(pilotChart?.png
            ? [
                {
                  filename: 'pilot-measures.png',
                  mimeType: 'image/png',
                  title: 'Pilots: each measure against its target',
                  content: pilotChart.png,
                },
              ]
            : []),
        ],
      };
    },
    async exportCsv() {
      const [ideas, rounds, people] = await Promise.all([
        deps.store.listIdeas(),
        deps.store.listRounds(),
        deps.store.listPeople(),
      ]);
      const csv = exportCsv(ideas, rounds, { people });
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

/** How business cases are rendered with the given templates (chat and the read-only board share it). */
export function caseRenderer(templates: TemplateSet): CaseRenderer {
  return {
    docx: (data, markdown) => renderCaseDocx(data, templates, markdown),
    markdown: templates.businessCase,
    summary: templates.caseSummary,
    pack: markdownToDocx,
  };
}
