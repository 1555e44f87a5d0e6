import type { Reply, ReplyBlock } from './reply.js';
import type { Idea } from '../domain/idea.js';
import { END_STATES, PILOT_PHASES, STAGES, STATUS_LABELS, type Status } from '../domain/reference-data.js';
import { ideaLine } from './format-idea-line.js';
import { cmd, strong } from './inline.js';

/** How many ideas one page of `list` shows (keeps Slack under 50 blocks and Teams cards small). */
export const LIST_PAGE_SIZE = 25;

/** The pipeline: counts per stage, then one page of ideas grouped by stage. */
export function listView(input: {
  title: string;
  counts: Record<Status, number>;
  ideas: Idea[];
  page: number;
  now: Date;
  filterWord: string;
  /** The configured target days; overdue ideas are marked when given. */
  stageDays?: Readonly<Record<string, number>>;
}): Reply {
  const { counts, ideas, page, now } = input;
  const pages = Math.max(1, Math.ceil(ideas.length / LIST_PAGE_SIZE));
  const shown = ideas.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
  const stageCounts = STAGES.map((s) => `${STATUS_LABELS[s]}: ${counts[s]}`);
  const otherCounts = (['on_hold', ...PILOT_PHASES, ...END_STATES] as const).map(
    (s) => `${STATUS_LABELS[s]}: ${counts[s]}`,
  );
  const blocks: ReplyBlock[] = [
    { kind: 'heading', text: input.title },
    { kind: 'context', text: `${stageCounts.join(' · ')}\n${otherCounts.join(' · ')}` },
  ];
  if (ideas.length === 0)
    blocks.push({ kind: 'text', text: `No ideas here yet. Anyone can suggest one with ${cmd('submit')}.` });
  else if (page > pages) blocks.push({ kind: 'text', text: `There are only ${pages} page${pages === 1 ? '' : 's'}.` });
  else {
    const groups = new Map<Status, string[]>();
    for (const idea of shown)
      groups.set(idea.status, [
        ...(groups.get(idea.status) ?? []),
        ideaLine(idea, now, { withStage: false, stageDays: input.stageDays }),
      ]);
    for (const [status, lines] of groups) {
      blocks.push({ kind: 'text', text: strong(STATUS_LABELS[status]) });
      blocks.push({ kind: 'list', items: lines });
    }
  }
  if (pages > 1)
    blocks.push({
      kind: 'context',
      text: `Page ${Math.min(page, pages)} of ${pages} (${ideas.length} ideas). Next: ${cmd(`list ${input.filterWord} ${Math.min(page + 1, pages)}`)}, or narrow it: ${cmd('list <stage>')}, ${cmd('list mine')}.`,
    });
  return {
    visibility: 'private',
    text: `${input.title}: ${ideas.length} idea${ideas.length === 1 ? '' : 's'}`,
    blocks,
  };
}
