import type { ConversationReference } from '@microsoft/agents-activity';
import type { ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import type { AgentIdentity, RetryingCloudAdapter } from './retrying-adapter.js';

/** How the bot identifies itself when it speaks first: its client id, or anonymous in local mode. */
export function botIdentity(clientId: string | undefined): string | AgentIdentity {
  return clientId ? clientId : {};
}

/**
 * Runs `logic` in a conversation the bot was not just messaged in, from a stored reference, and
 * lets its failures reach the caller (the adapter's turn-error handler would otherwise swallow them).
 */
export async function inConversation<T>(
  adapter: RetryingCloudAdapter,
  identity: string | AgentIdentity,
  reference: ConversationReference,
  logic: (ctx: TurnContext, client: ConnectorClient) => Promise<T>,
): Promise<T> {
  const outcome: { done: boolean; value?: T; error?: unknown } = {
    done: false,
    error: new Error('the conversation did not run'),
  };
  await adapter.continueConversation(identity, reference, async (ctx) => {
    try {
      outcome.value = await logic(ctx, ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey));
      outcome.done = true;
    } catch (error) {
      outcome.error = error;
    }
  });
  if (!outcome.done) throw outcome.error;
  return outcome.value as T;
}
