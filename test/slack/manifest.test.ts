import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../src/bot/slack/slack-http-receiver.js';

const manifest = readFileSync(new URL('../../manifest/slack.yaml', import.meta.url), 'utf8');

it('the Slack manifest points commands, interactivity and events at the one endpoint the bot serves', () => {
  expect(manifest.match(new RegExp(`url: https://YOUR-HOST${SLACK_EVENTS_PATH}$`, 'gm'))).toHaveLength(3);
  expect(manifest).toMatch(/- command: \/pilot\n\s+url: /);
  expect(manifest).toMatch(/usage_hint: .+/);
  expect(manifest).toMatch(/should_escape: true/);
  expect(manifest).toMatch(/home_tab_enabled: true/);
  expect(manifest).toMatch(/bot_events:\n\s+- app_home_opened\n/);
});

it('asks for the minimum scopes the adapter uses', () => {
  const scopes = [...manifest.matchAll(/^\s+- ([a-z]+:?[a-z.]*)$/gm)]
    .map((m) => m[1])
    .filter((s) => s !== 'app_home_opened');
  expect(scopes.sort()).toEqual(['chat:write', 'chat:write.public', 'commands', 'files:write', 'im:write']);
});
