import { describe, expect, it } from 'vitest';
import { startPlayground } from '../../src/app/playground.js';

describe('the Agents Playground launcher', () => {
  it('starts the Playground from node_modules, gives the address to open, and stops it', async () => {
    const playground = await startPlayground({ botUrl: 'http://127.0.0.1:9', port: 0 });
    expect(playground.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect((await fetch(playground.url)).status).toBe(200);
    playground.stop();
  });

  it('says why when the Playground cannot start, so npm start can carry on', async () => {
    const failed = startPlayground({
      botUrl: 'http://127.0.0.1:9',
      env: { NODE_OPTIONS: '--require ./no-such-module.cjs' },
    });
    await expect(failed).rejects.toThrow(/stopped straight away/);
  });
});
