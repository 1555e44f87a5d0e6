import type { Decision } from '../domain/decision.js';
import type { Idea } from '../domain/idea.js';
import { STATUS_LABELS, type Status } from '../domain/reference-data.js';
import { clip, who } from './format.js';
import type { Reply, ReplyBlock } from './reply.js';

// Said once wherever the committee is named: people who draw on care may not know it.
const JCC = 'the Joint Commissioning Committee. This is the group that decides which pilots go ahead';
const STOPPED = 'Work on this idea has stopped. Thank you for helping us decide.';

/**
 * The forum post after a decision on an idea people voted on (SPEC 3.1 "You said, we did"): what was
 * decided, the reason given, what happens next, and whom to ask. It never says how anyone voted.
 */
export function decisionForumMessage(idea: Idea, decision: Decision, pm: string | undefined): Reply {
  const intro = `Thank you to everyone who voted on the idea ${idea.id} “${idea.title}”. Here is what we decided, and why.`;
  return decisionMessage('public', idea, decision, pm, intro);
}

/** The same news as a direct message to one person who took part in a vote on the idea. */
export function decisionDirectMessage(idea: Idea, decision: Decision, pm: string | undefined): Reply {
  const intro = `Thank you for voting on the idea ${idea.id} “${idea.title}”. Here is what we decided, and why.`;
  const message = decisionMessage('private', idea, decision, pm, intro);
  return {
    ...message,
    blocks: [
      ...message.blocks.slice(0, -1),
      { kind: 'context', text: 'We send this to everyone who voted on this idea.' },
      ...message.blocks.slice(-1),
    ],
  };
}

/**
 * The same news for a facilitator who recorded votes on the idea for people without a chat account
 * (SPEC 3.1): who they are (numbers and the names the facilitator typed), so the facilitator can tell them.
 */
export function decisionFacilitatorMessage(
  idea: Idea,
  decision: Decision,
  pm: string | undefined,
  people: { id: string; displayName?: string }[],
): Reply {
  const count = people.length === 1 ? 'someone' : `${people.length} people`;
  const intro = `You recorded the vote of ${count} on the idea ${idea.id} “${idea.title}”. Here is what we decided, and why. Please let them know.`;
  const message = decisionMessage('private', idea, decision, pm, intro);
  const names = people.map((p) => `${p.id.slice('person:'.length)}${p.displayName ? ` ${p.displayName}` : ''}`);
  return {
    ...message,
    blocks: [
      ...message.blocks.slice(0, -1),
      { kind: 'text', text: 'The people whose votes you recorded:' },
      { kind: 'list', items: names },
      ...message.blocks.slice(-1),
    ],
  };
}

function decisionMessage(
  visibility: Reply['visibility'],
  idea: Idea,
  decision: Decision,
  pm: string | undefined,
  intro: string,
): Reply {
  const { what, next } = words(decision);
  const reason = decision.reason?.trim();
  const blocks: ReplyBlock[] = [
    { kind: 'heading', text: `You said, we did: “${idea.title}”` },
    { kind: 'text', text: intro },
    { kind: 'text', text: what },
    ...(reason ? [{ kind: 'text' as const, text: `The reason given: ${clip(reason, 600)}` }] : []),
    { kind: 'text', text: `What happens next? ${next}` },
    {
      kind: 'text',
      text: `If you have questions, contact ${pm ? who(pm) : 'any of the project managers'}.`,
    },
    { kind: 'buttons', buttons: [{ label: 'See the idea', actionId: 'idea.show', value: idea.id }] },
  ];
  return { visibility, text: `You said, we did: ${idea.id} “${idea.title}”. ${what}`, blocks };
}

/** What was decided and what happens next, in short plain sentences. */
function words(decision: Decision): { what: string; next: string } {
  switch (decision.kind) {
    case 'shortlisted':
      return {
        what: decision.override
          ? 'It has been put on the shortlist. The vote alone did not settle this, so the project manager made the choice and gave a reason.'
          : 'It has been put on the shortlist.',
        next: 'We look for the money to run it.',
      };
    case 'not_shortlisted':
      return {
        what: 'It has not been put on the shortlist.',
        next: 'It will not move on for now. The project manager will say if that changes.',
      };
    case 'returned':
      return {
        what: `It has been sent back to the ${stageName(decision.to)} stage for more work.`,
        next: 'When that work is done, it can move on again.',
      };
    case 'held':
      return {
        what: `It has been put on hold at the ${stageName(decision.at)} stage.`,
        next: 'It will carry on from there when it starts again.',
      };
    case 'rejected':
      return { what: 'It will not be taken forward.', next: STOPPED };
    case 'jcc':
      switch (decision.outcome) {
        case 'approved':
          return { what: `It has been approved by ${JCC}.`, next: 'The pilot can now be set up.' };
        case 'deferred':
          return {
            what: `It is waiting for a decision from ${JCC}. They have put off their decision for now.`,
            next: 'It will go back to the committee at a later meeting.',
          };
        case 'rejected':
          return { what: `It has been turned down by ${JCC}.`, next: STOPPED };
      }
  }
}

/** A stage's name in a sentence: "outline proposal" for "3. Outline proposal". */
function stageName(status: Status): string {
  return STATUS_LABELS[status].replace(/^\d+\.\s*/, '').toLowerCase();
}
