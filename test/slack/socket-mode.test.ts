import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startBot } from '../../src/app/start-bot.js';
import { silentLogger } from '../../src/workflows/deps.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { TestClock } from '../support/pilot-harness.js';

it('with SLACK_APP_TOKEN the bot starts at once and connects over Socket Mode in the background', async () => {
  const fake = await startFakeSlack();
  const dir = mkdtempSync(join(tmpdir(), 'pilot-socket-'));
  const env = {
    PORT: '0',
    DATA_DIR: dir,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-test',
    SLACK_API_URL: fake.apiUrl,
    PILOT_DEMO_DATA: 'false',
  };
  const bot = await startBot({ env, scheduler: false, logger: silentLogger, clock: new TestClock().now });
  try {
    expect(bot.adapters.map((a) => a.name)).toContain('slack');
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    // No HTTP endpoint in Socket Mode.
    expect((await fetch(`${bot.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    await fake.waitFor(() => fake.callsTo('apps.connections.open').length > 0);
  } finally {
    await bot.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
