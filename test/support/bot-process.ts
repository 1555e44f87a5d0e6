// A whole bot in its own process, for tests that need several replicas: prints `READY <url>` once serving.
import { startBot } from '../../src/app/start-bot.js';
import { silentLogger, systemClock } from '../../src/workflows/deps.js';

const bot = await startBot({ logger: silentLogger, clock: systemClock });
console.log(`READY ${bot.url}`);
process.on('SIGTERM', () => {
  void bot.close().finally(() => process.exit(0));
});
