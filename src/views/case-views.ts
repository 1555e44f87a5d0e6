import type { CaseDraft } from '../workflows/case-service.js';
import type { Reply } from './reply.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The reply to `case <ID>`: the council's summary (its `case-summary.md.hbs`, the one place its wording
 * lives) and the draft attached as a Word document and as Markdown.
 */
export function caseDraftView(draft: CaseDraft): Reply {
  const { idea, data } = draft;
  const gaps = data.gaps.length;
  return {
    visibility: 'private',
    text: `Business case draft for ${idea.id} “${idea.title}” for the Joint Commissioning Committee. ${gaps > 0 ? `${gaps} gap${gaps === 1 ? '' : 's'} to fill.` : 'No gaps in the recorded data.'}`,
    blocks: [
      { kind: 'markdown', text: draft.summary },
      {
        kind: 'context',
        text: 'Gaps are marked [GAP: …] in the draft and say who fills them; nothing has been invented.',
      },
    ],
    files: [
      {
        filename: `${idea.id}-business-case.docx`,
        mimeType: DOCX,
        title: `Business case draft ${idea.id}`,
        content: draft.docx,
      },
      {
        filename: `${idea.id}-business-case.md`,
        mimeType: 'text/markdown',
        title: `Business case draft ${idea.id} (Markdown)`,
        content: new TextEncoder().encode(draft.markdown),
      },
    ],
  };
}
