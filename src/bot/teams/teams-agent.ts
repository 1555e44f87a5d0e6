import { Activity } from '@microsoft/agents-activity';
import { AgentApplication, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import { captureReferences } from './conversation-refs.js';
import { answerInvoke, handleInvoke, messageAnswer } from './invoke-handler.js';
import { handleMessage } from './message-handler.js';
import type { TeamsDeps } from './reply-delivery.js';
import type { RetryingCloudAdapter } from './retrying-adapter.js';
import { turnLogger } from './turn-logger.js';
import { welcome } from './welcome.js';

const SORRY =
  'Sorry, something went wrong on our side. Please try again in a moment; if it keeps happening, tell your admin.';

/**
 * The Agents SDK application: every activity first records how to reach its sender and channel,
 * then messages, card clicks and installs go to their handlers. Failures are logged and answered
 * with a short apology (never the SDK's developer-facing default). Each turn logs under its request id.
 */
export function createTeamsAgent(adapter: RetryingCloudAdapter, deps: TeamsDeps): AgentApplication<TurnState> {
  const agent = new AgentApplication<TurnState>({ adapter, removeRecipientMention: true, startTypingTimer: false });
  agent.onTurn('beforeTurn', async (ctx) => {
    await captureReferences(deps.pilot, ctx.activity, deps.localMode).catch((error: unknown) =>
      turnLogger(ctx, deps.logger).warn('could not store a Teams conversation reference', { err: error }),
    );
    return true;
  });
  const forTurn = (ctx: TurnContext): TeamsDeps => ({ ...deps, logger: turnLogger(ctx, deps.logger) });
  const guarded =
    (name: string, run: (ctx: TurnContext, deps: TeamsDeps) => Promise<void>) => async (ctx: TurnContext) => {
      const turn = forTurn(ctx);
      try {
        await run(ctx, turn);
      } catch (error) {
        await apologise(ctx, turn, name, error);
      }
    };
  agent.onActivity('message', guarded('message', handleMessage));
  agent.onActivity('invoke', guarded('invoke', handleInvoke));
  agent.onConversationUpdate('membersAdded', guarded('welcome', welcome));
  agent.onActivity('installationUpdate', async () => {});
  adapter.onTurnError = async (ctx, error) => apologise(ctx, forTurn(ctx), 'turn', error);
  return agent;
}

async function apologise(ctx: TurnContext, deps: TeamsDeps, where: string, error: unknown): Promise<void> {
  const activity = ctx.activity;
  deps.logger.error('Teams turn failed', {
    where,
    type: activity?.type,
    activityId: activity?.id,
    err: error,
  });
  try {
    if (activity?.type === 'invoke') await answerInvoke(ctx, messageAnswer(SORRY));
    else if (activity?.type === 'message')
      await ctx.sendActivity(Activity.fromObject({ type: 'message', text: SORRY }));
  } catch (second) {
    deps.logger.warn('could not tell the person about the failure', { err: second });
  }
}
