import type { AdapterStore } from '../../ports/platform-adapter.js';
import { mentionedIds, renderMentions } from '../../views/mention.js';
import type { Reply, ReplyBlock } from '../../views/reply.js';

/**
 * Replaces the people the core named in a reply (marked with `mention()`) with the names people know
 * each other by, where the bot has seen that person; ids it has never seen stay as bare ids. Ids a user
 * typed into a title or comment are not marked, so they stay as typed and cannot pass for a person.
 */
export async function nameThePeople(reply: Reply, store: AdapterStore): Promise<Reply> {
  const texts = [reply.text, ...reply.blocks.flatMap(textsOf)];
  const ids = [...new Set(texts.flatMap(mentionedIds))].slice(0, 50);
  const names = new Map<string, string>();
  for (const id of ids) {
    const person = await store.getPerson(id).catch(() => null);
    if (person?.displayName) names.set(id, person.displayName);
  }
  const swap = (text: string) => renderMentions(text, (id) => names.get(id) ?? id);
  return { ...reply, text: swap(reply.text), blocks: reply.blocks.map((b) => mapBlock(b, swap)) };
}

function textsOf(block: ReplyBlock): string[] {
  if (block.kind === 'fields') return block.fields.map((f) => f.value);
  if (block.kind === 'list') return block.items;
  if (block.kind === 'heading' || block.kind === 'text' || block.kind === 'context') return [block.text];
  return [];
}

function mapBlock(block: ReplyBlock, swap: (text: string) => string): ReplyBlock {
  if (block.kind === 'fields') return { ...block, fields: block.fields.map((f) => ({ ...f, value: swap(f.value) })) };
  if (block.kind === 'list') return { ...block, items: block.items.map(swap) };
  if (block.kind === 'heading' || block.kind === 'text' || block.kind === 'context')
    return { ...block, text: swap(block.text) };
  return block;
}
