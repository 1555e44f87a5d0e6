import type { types } from '@slack/bolt';
import type { Reply, ReplyBlock, ReplyButton } from '../../views/reply.js';
import { fitMrkdwn, fitPlain, markdownToMrkdwn, toMrkdwn } from './mrkdwn.js';
import { cmd } from '../../views/inline.js';

type Block = types.KnownBlock;

/** Block Kit limits the renderer keeps to. https://docs.slack.dev/reference/block-kit/blocks */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  field: 2000,
  fieldsPerSection: 10,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonsPerBlock: 25,
  fallbackText: 3000,
} as const;

/** Separates the neutral action id from the suffix that keeps Slack action ids unique in a message. */
const SUFFIX = /#\d+$/;

/** The neutral action id from a Slack `action_id` (drops the uniqueness suffix). */
export function neutralActionId(slackActionId: string): string {
  return slackActionId.replace(SUFFIX, '');
}

/** A reply as `chat.postMessage` / `respond` arguments: escaped fallback text, Block Kit, no unfurls. */
export function renderMessage(reply: Pick<Reply, 'text' | 'blocks'>, maxBlocks: number = SLACK_LIMITS.messageBlocks) {
  return {
    text: fitMrkdwn(toMrkdwn(reply.text), SLACK_LIMITS.fallbackText),
    blocks: renderBlocks(reply.blocks, maxBlocks),
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Neutral blocks → Block Kit, within Slack's limits (long parts split or cut, a note when blocks are left out). */
export function renderBlocks(blocks: ReplyBlock[], maxBlocks: number = SLACK_LIMITS.messageBlocks): Block[] {
  let buttonCount = 0;
  const nextActionId = (button: ReplyButton) => `${button.actionId}#${buttonCount++}`;
  const out = blocks.flatMap((block) => renderBlock(block, nextActionId));
  return capBlocks(out, maxBlocks);
}

function renderBlock(block: ReplyBlock, nextActionId: (b: ReplyButton) => string): Block[] {
  switch (block.kind) {
    case 'heading':
      // A header is plain text and can't be escaped; a heading with markup characters becomes a bold section instead.
      if (/[<>&]/.test(block.text))
        return [section(`*${fitMrkdwn(toMrkdwn(block.text), SLACK_LIMITS.sectionText - 2)}*`)];
      return [
        {
          type: 'header',
          text: { type: 'plain_text', text: fitPlain(block.text, SLACK_LIMITS.header) || ' ', emoji: true },
        },
      ];
    case 'text':
      return chunkLines(toMrkdwn(block.text).split('\n')).map(section);
    case 'list':
      return chunkLines(block.items.map((item) => `• ${toMrkdwn(item)}`)).map(section);
    case 'fields':
      return chunk(block.fields, SLACK_LIMITS.fieldsPerSection).map((fields) => ({
        type: 'section',
        fields: fields.map((f) => ({
          type: 'mrkdwn',
          text: fitMrkdwn(`*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value) || '–'}`, SLACK_LIMITS.field),
        })),
      }));
    case 'markdown':
      return chunkLines(markdownToMrkdwn(block.text).split('\n')).map(section);
    case 'context':
      return [
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: fitMrkdwn(toMrkdwn(block.text), SLACK_LIMITS.sectionText) || ' ' }],
        },
      ];
    case 'buttons': {
      // A value too long for Slack would be cut and unreadable: such a button is left out rather than broken.
      const buttons = block.buttons.filter((b) => b.value.length <= SLACK_LIMITS.buttonValue);
      return chunk(buttons, SLACK_LIMITS.buttonsPerBlock).map((group) => ({
        type: 'actions',
        elements: group.map((b) => ({
          type: 'button',
          text: { type: 'plain_text', text: fitPlain(b.label, SLACK_LIMITS.buttonText), emoji: true },
          action_id: nextActionId(b),
          value: b.value,
          ...(b.style ? { style: b.style } : {}),
        })),
      }));
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: text || ' ' } };
}

/** Joins lines into section-sized texts, splitting at line breaks and cutting any single line that is too long. */
function chunkLines(lines: string[]): string[] {
  const max = SLACK_LIMITS.sectionText;
  const out: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = fitMrkdwn(raw, max);
    if (current && current.length + 1 + line.length > max) {
      out.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current || out.length === 0) out.push(current);
  return out;
}

/** Keeps a message within `max` blocks: the first ones, a note saying what was left out, and the closing buttons. */
function capBlocks(blocks: Block[], max: number): Block[] {
  if (blocks.length <= max) return blocks;
  const last = blocks.at(-1);
  const tail = last?.type === 'actions' ? [last] : [];
  const kept = blocks.slice(0, max - 1 - tail.length);
  const note: Block = {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: toMrkdwn(
          `This answer is too long to show in full here (${blocks.length - kept.length - tail.length} parts left out). Try narrowing it down, for example ${cmd('/pilot list <stage>')} or ${cmd('/pilot list mine')}.`,
        ),
      },
    ],
  };
  return [...kept, note, ...tail];
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
