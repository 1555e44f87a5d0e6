import { PilotError } from '../../domain/pilot-error.js';
import type { Role } from '../../domain/reference-data.js';
import { buttonAction } from './button-actions.js';
import { type CommandContext, type CommandEntry, permit } from './command.js';
import { adminCommands } from './commands/admin-commands.js';
import { boardCommands } from './commands/board-commands.js';
import { decisionCommand } from './commands/decision-command.js';
import { documentCommands } from './commands/document-commands.js';
import { helpCommand } from './commands/help-command.js';
import { ideaCommands } from './commands/idea-commands.js';
import { moveCommands } from './commands/move-commands.js';
import { pacingCommands } from './commands/pacing-commands.js';
import { peopleCommand } from './commands/people-commands.js';
import { voteCommands } from './commands/vote-commands.js';
import { openForm, submitForm } from './form-actions.js';
import type { PilotServices } from './pilot-services.js';
import { renderError } from './render-error.js';
import type { Action, Caller, Reply } from '../../views/reply.js';
import { suggest } from './suggest.js';
import { splitWords, unmarkAction } from './words.js';
import { cmd } from '../../views/inline.js';
import type { Logger } from '../../workflows/deps.js';

/** Roles as a refusal names their holders. */
const ROLE_PLURALS: Partial<Record<Role, string>> = {
  pm: 'project managers',
  admin: 'admins',
  facilitator: 'facilitators',
};

/** The refusal of a command to someone without its roles, with its usage. */
function refusalFor(command: CommandEntry): string {
  const roles = command.who === 'anyone' ? [] : command.who;
  const names = roles.map((r) => ROLE_PLURALS[r] ?? r).join(' or ');
  return `Sorry, ${cmd(command.name)} is for ${names}. Ask an admin if you need that role. Usage: ${cmd(command.usage)}`;
}

/** How long a delivery key (Slack retry, Teams resend) is remembered. */
const DELIVERY_TTL_MS = 24 * 3_600_000;

/**
 * The one command layer every front end calls: parses, checks roles, runs through the services and
 * answers with a neutral Reply. Errors become clear private replies; nothing here knows a platform.
 */
export class PilotCore {
  readonly commands: CommandEntry[];

  constructor(readonly services: PilotServices) {
    const help = helpCommand(() => this.commands);
    this.commands = [
      help,
      ...ideaCommands,
      ...moveCommands,
      ...pacingCommands,
      decisionCommand,
      ...voteCommands,
      ...documentCommands,
      ...adminCommands,
      ...boardCommands,
      peopleCommand,
    ];
  }

  /**
   * Handles one action. With a delivery key, a key seen before returns null (already handled). A bug is
   * logged with `logger` when given (the adapter's, which carries the delivery's request id).
   */
  async handle(
    caller: Caller,
    action: Action,
    options: { deliveryKey?: string; logger?: Logger } = {},
  ): Promise<Reply | null> {
    const { store, clock } = this.services.deps;
    const logger = options.logger ?? this.services.deps.logger;
    try {
      if (options.deliveryKey && !(await store.claimDelivery(options.deliveryKey, clock(), DELIVERY_TTL_MS)))
        return null;
      const ctx: CommandContext = {
        caller,
        roles: await this.services.people.rolesOf(caller.personId),
        services: this.services,
        rules: this.services.deps.rules,
        now: clock(),
      };
      return await this.dispatch(ctx, unmarkAction(action), logger);
    } catch (error) {
      return renderError(error, logger, { personId: caller.personId, action: action.kind });
    }
  }

  private async dispatch(ctx: CommandContext, action: Action, logger: Logger): Promise<Reply> {
    if (action.kind === 'text') return this.runText(ctx, action.text);
    if (action.kind === 'form')
      return this.runForm(ctx, action.formId, action.values ?? {}, action.context ?? {}, logger);
    return this.runButton(ctx, action.actionId, action.value, logger);
  }

  /** A form submission; an error the person can fix on the form comes back with the form to show again. */
  private async runForm(
    ctx: CommandContext,
    formId: string,
    values: Record<string, unknown>,
    context: Record<string, string>,
    logger: Logger,
  ): Promise<Reply> {
    try {
      return await submitForm(ctx, formId, values, context);
    } catch (error) {
      const reply = renderError(error, logger, { personId: ctx.caller.personId, action: 'form' });
      if (!reply.fixable) return reply;
      return { ...reply, reopen: (await openForm(ctx, formId, context, { again: true })).form };
    }
  }

  private async runText(ctx: CommandContext, text: string): Promise<Reply> {
    const cleaned = text.replace(/^\s*\/?pilot\b/i, '').trim();
    if (cleaned.length > 10_000)
      throw new PilotError('invalid_argument', 'That message is too long for a command. Long text goes in the forms.');
    const [first, ...words] = splitWords(cleaned);
    const name = (first ?? 'help').toLowerCase();
    const command = this.commands.find((c) => c.name === name);
    if (!command) {
      const close = suggest(
        name,
        this.commands.map((c) => c.name),
      );
      throw new PilotError(
        'unknown_command',
        `I don’t know the command “${name.slice(0, 40)}”.${close ? ` Did you mean ${cmd(close)}?` : ''} Try ${cmd('help')} to see what you can do.`,
      );
    }
    permit(ctx, command.who, refusalFor(command));
    const rest = cleaned.slice(first?.length ?? 0);
    return command.invoke(ctx, words, rest);
  }

  private async runButton(ctx: CommandContext, actionId: string, value: string, logger: Logger): Promise<Reply> {
    const button = buttonAction(actionId);
    if (!button)
      throw new PilotError('invalid_input', 'That button is not one I know any more. Please use a fresh message.');
    permit(ctx, button.who, button.refusal ?? 'Sorry, that button is not for you.');
    const args = button.read(value);
    const roundId = button.roundOf?.(args);
    if (!roundId) return button.run(ctx, args, (text) => this.runText(ctx, text));
    // A vote button's answer, even a refusal, says which round's message the clicker should see again.
    let reply: Reply;
    try {
      reply = await button.run(ctx, args, (text) => this.runText(ctx, text));
    } catch (error) {
      reply = renderError(error, logger, { personId: ctx.caller.personId, action: 'button' });
    }
    // A form to fill in first (a provider's conflict question) is shown as it is.
    return reply.form ? reply : { ...reply, refreshTo: { roundId } };
  }
}
