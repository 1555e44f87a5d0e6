import { type Playground, startPlayground } from './app/playground.js';
import { startBot } from './app/start-bot.js';
import { SettingsError } from './config/settings.js';
import { systemClock } from './workflows/deps.js';

/** Starts the bot from the environment; a bad setting stops start-up with a message naming it. */
async function main(): Promise<void> {
  try {
    const bot = await startBot({ clock: systemClock });
    const where = bot.adapters.map((a) => a.name).join(' and ') || 'no chat platform';
    console.log(
      `Pilot pipeline bot listening on ${bot.url} (${where}; store: ${bot.settings.mongodbUri ? 'MongoDB' : `embedded in ${bot.settings.dataDir}`}).`,
    );
    if (bot.localMode)
      console.log(
        'Local mode: no chat credentials are set, so everyone is an admin and a PM, and the Teams endpoint needs no sign-in.',
      );
    let playground: Playground | null = null;
    if (bot.localMode && bot.settings.playground && bot.adapters.some((a) => a.name === 'teams')) {
      try {
        playground = await startPlayground({ botUrl: bot.url });
        console.log(
          `Try it in a browser: open ${playground.url} (the Microsoft 365 Agents Playground, a local Teams-like chat). Type "help" to begin. Set PLAYGROUND=0 to turn this off.`,
        );
      } catch (error) {
        console.log(
          `The Agents Playground did not start (${(error as Error).message}). The bot is still running; you can point any Bot Framework client at ${bot.url}/api/messages.`,
        );
      }
    }
    // SIGTERM (or Ctrl-C): finish or abandon in-flight work within PILOT_SHUTDOWN_SECONDS, close the store, exit.
    // The handlers run once, so a second signal ends the process at once.
    const stop = () => {
      playground?.stop();
      // A backstop in case closing itself hangs (a store that never answers): orchestrators wait only so long.
      setTimeout(() => process.exit(1), bot.settings.shutdownSeconds * 1000 + 5_000).unref();
      void bot.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('exit', () => playground?.stop());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(error instanceof SettingsError ? error.message : `Could not start: ${(error as Error).message}`);
    process.exit(1);
  }
}

void main();
