import type { CaseDraft, MeetingPack } from '../workflows/case-service.js';
import { cmd } from './inline.js';
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

/** The reply to `pack <date>`: the pack as one Word document, or a clear answer when no idea is marked for that day. */
export function meetingPackView(day: string, pack: MeetingPack | null): Reply {
  if (!pack) {
    const text = `No idea at stage 8 has ${day} as its committee date, so there is no pack to build. A PM sets the committee date in the idea’s final proposal; ${cmd('list final_proposal')} shows the ideas at stage 8.`;
    return { visibility: 'private', text, blocks: [{ kind: 'text', text }] };
  }
  const count = pack.ideas.length;
  const text = `The meeting pack for the Joint Commissioning Committee on ${pack.day}: ${count} business case${count === 1 ? '' : 's'}, after a contents page.`;
  return {
    visibility: 'private',
    text,
    blocks: [
      { kind: 'text', text },
      { kind: 'list', items: pack.ideas.map((idea) => `${idea.id}: ${idea.title}`) },
      {
        kind: 'context',
        text: 'Each paper lists first the parts still to complete. Check them before sending the pack.',
      },
    ],
    files: [
      {
        filename: `jcc-meeting-pack-${day}.docx`,
        mimeType: DOCX,
        title: `JCC meeting pack ${pack.day}`,
        content: pack.docx,
      },
    ],
  };
}
