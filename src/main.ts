import { SettingsError } from './config/settings.js';
import { startBot } from './app/start-bot.js';

/** Starts the bot from the environment; a bad setting stops start-up with a message naming it. */
async function main(): Promise<void> {
  try {
    const bot = await startBot();
    const where = bot.adapters.map((a) => a.name).join(' and ') || 'no chat platform';
    console.log(`Pilot pipeline bot listening on ${bot.url} (${where}; store: ${bot.settings.mongodbUri ? 'MongoDB' : `embedded in ${bot.settings.dataDir}`}).`);
    if (bot.localMode) console.log('Local mode: no chat credentials are set, so everyone is an admin and a PM, and the Teams endpoint needs no sign-in.');
    const stop = async () => {
      await bot.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(error instanceof SettingsError ? error.message : `Could not start: ${(error as Error).message}`);
    process.exit(1);
  }
}

void main();
