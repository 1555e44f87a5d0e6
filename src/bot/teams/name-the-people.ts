import type { Store } from '../../store/store.js';
import type { Reply, ReplyBlock } from '../core/reply.js';

const PERSON_ID = /\b(?:teams|slack|local):[A-Za-z0-9._:@-]*[A-Za-z0-9]/g;

/**
 * Replaces person ids in a reply (`teams:4f1c…`) with the names people know each other by, where
 * the bot has seen that person; ids it has never seen stay as they are.
 */
export async function nameThePeople(reply: Reply, store: Store): Promise<Reply> {
  const texts = reply.blocks.flatMap(textsOf);
  const ids = [...new Set(texts.flatMap((t) => t.match(PERSON_ID) ?? []))].slice(0, 50);
  if (ids.length === 0) return { ...reply, blocks: [...reply.blocks] };
  const names = new Map<string, string>();
  for (const id of ids) {
    const person = await store.getPerson(id).catch(() => null);
    if (person?.displayName) names.set(id, person.displayName);
  }
  const swap = (text: string) =>
    text.replace(PERSON_ID, (id, offset: number) => {
      const name = names.get(id);
      return name && !text.slice(0, offset).endsWith(`${name} (`) ? name : id;
    });
  return { ...reply, blocks: reply.blocks.map((b) => mapBlock(b, swap)) };
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
