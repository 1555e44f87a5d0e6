import { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import { escapeMarkdown } from './card-text.js';
import { newCard, textBlock } from './card-types.js';
import { cardMessage, type TeamsDeps } from './reply-delivery.js';
import { deliveryKeyOf, isGroupConversation } from './teams-identity.js';

/** Says hello when the bot is added to a personal chat, a group chat or a team. */
export async function welcome(ctx: TurnContext, deps: TeamsDeps): Promise<void> {
  const activity = ctx.activity;
  const added = activity.membersAdded ?? [];
  if (!added.some((m) => m.id === activity.recipient?.id)) return;
  const { store, clock } = deps.pilot.deps;
  // Teams may resend the event; say hello once.
  const key = deliveryKeyOf(activity);
  if (key && !(await store.claimDelivery(key, clock(), 24 * 3_600_000))) return;
  const bot = escapeMarkdown(activity.recipient?.name || 'Pilot');
  const intro =
    'I help run the council’s selection of innovation pilots for homecare. Anyone can suggest an idea, follow it through the eight stages and share their view when a vote is open.';
  const lines = isGroupConversation(activity)
    ? [
        `Hello everyone! ${intro}`,
        `Mention me with a command, for example **@${bot} list** to see the ideas, **@${bot} agenda** to see what waits on you, or **@${bot} submit** to suggest one. **@${bot} help** shows everything you can do.`,
        `An admin can make this channel a voting forum with **@${bot} forum experts** or **@${bot} forum providers**.`,
      ]
    : [
        `Hello${activity.from?.name ? ` ${escapeMarkdown(activity.from.name.split(' ')[0] ?? '')}` : ''}! ${intro}`,
        'Type **agenda** to see what waits on you, **help** to see what you can do, **list** to see the ideas, or **submit** to suggest one.',
      ];
  const card = newCard(
    lines.map((l, i) => textBlock(l, i === 0 ? { weight: 'Bolder' } : {})),
    lines[0] ?? intro,
  );
  await ctx.sendActivity(Activity.fromObject(cardMessage(card, lines[0] ?? intro)));
}
