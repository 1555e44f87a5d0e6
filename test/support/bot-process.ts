// A whole bot in its own process, for tests that need real replicas or real signals: prints `READY <url>` once
// serving and `STOPPING` when SIGTERM arrives, and on SIGTERM stops as main.ts does (within PILOT_SHUTDOWN_SECONDS).
import { startBot } from '../../src/app/start-bot.js';
import { silentLogger, systemClock } from '../../src/workflows/deps.js';

const bot = await startBot({ logger: silentLogger, clock: systemClock });
console.log(`READY ${bot.url}`);
process.once('SIGTERM', () => {
  console.log('STOPPING');
  setTimeout(() => process.exit(1), bot.settings.shutdownSeconds * 1000 + 5_000).unref();
  void bot.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
