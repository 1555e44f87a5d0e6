import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Playground, startPlayground } from '../../src/app/playground.js';
import { type RunningBot, startBot } from '../../src/app/start-bot.js';
import { silentLogger } from '../../src/workflows/deps.js';
import { TestClock } from '../support/pilot-harness.js';

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here (git-ignored) so a person can look at what a commissioner would see. */
export const SHOTS = join(process.cwd(), '.tmp', 'e2e');

let bot: RunningBot;
let playground: Playground;
let context: BrowserContext;
let page: Page;
const dirs: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Types a message into the Playground's compose box (a rich-text editor, not an input) and sends it. */
async function say(text: string): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"]');
  await box.fill(text);
  await box.press('Enter');
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!existsSync(CHROMIUM))('the Agents Playground, driven headless (local mode)', () => {
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pilot-e2e-data-'));
    const profile = await mkdtemp(join(tmpdir(), 'pilot-e2e-browser-'));
    dirs.push(dataDir, profile);
    await mkdir(SHOTS, { recursive: true });
    bot = await startBot({
      env: { PORT: '0', DATA_DIR: dataDir, PLAYGROUND: '0' },
      scheduler: false,
      logger: silentLogger,
      clock: new TestClock().now,
    });
    playground = await startPlayground({ botUrl: bot.url, port: await freePort() });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(playground.url, { waitUntil: 'load' });
    await page.getByText('Hello').first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    playground?.stop();
    await bot?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('submits an idea through the card', async () => {
    await say('submit Befriending calls for carers');
    await page.getByRole('button', { name: 'Submit idea' }).waitFor();
    await page
      .getByLabel('Plain-language summary')
      .fill('Trained volunteers phone unpaid carers each week, so they feel less alone and get help early.');
    await page
      .getByLabel('What problem does it solve?')
      .fill('Carers become isolated and reach crisis before anyone notices.');
    await page
      .getByLabel('What is the proposed approach?')
      .fill('A small rota of volunteers, supported by the carers centre, calling 30 carers for six months.');
    await page.getByLabel('Who benefits?').fill('Unpaid carers and the people they look after.');
    await page.getByRole('combobox', { name: /come from/ }).click();
    await page.getByRole('option', { name: 'Carers group' }).click();
    await page.getByRole('combobox', { name: /outcomes/ }).click();
    await page.getByRole('menuitemcheckbox', { name: /Family, carers and friends stay involved/ }).click();
    await page.keyboard.press('Escape');
    await shot('1-submission-form');
    await page.getByRole('button', { name: 'Submit idea' }).click();
    await page.getByText(/Thank you! Your idea is IP-11/).waitFor();
    await shot('2-submitted');
    expect((await bot.store.getIdea('IP-11'))?.title).toBe('Befriending calls for carers');
  });

  it('sees it in list', async () => {
    await say('list');
    await page.getByText(/IP-11 · Befriending calls for carers/).waitFor();
    await shot('3-list');
  });

  it('checks the basic criteria and advances it as a PM', async () => {
    await say('show IP-11');
    await page.getByRole('button', { name: 'Check criteria' }).last().click();
    await page.getByRole('button', { name: 'Save check' }).waitFor();
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await shot('4-criteria-form');
    await page.getByRole('button', { name: 'Save check' }).click();
    await page
      .getByText(/a PM can advance it/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'See the idea' }).last().click();
    await page
      .getByText(/everything this stage needs is in place/i)
      .first()
      .waitFor();
    await shot('5-idea-ready');
    await page.getByRole('button', { name: 'Advance' }).last().click();
    await page
      .getByText(/has been moved on to 2\. Review/)
      .first()
      .waitFor();
    await shot('6-advanced');
    expect((await bot.store.getIdea('IP-11'))?.status).toBe('review');
  });

  it('makes a channel the experts’ forum, opens a vote there and records a click', async () => {
    await page.getByText('General').first().click();
    const post = page.locator('[data-lexical-editor="true"]').first();
    await post.click();
    // In a channel the bot only hears messages that @mention it, as in Teams.
    await page.keyboard.type('@Test');
    await page.getByRole('menuitem', { name: /Bot/ }).first().click();
    await page.keyboard.type(' forum experts');
    await page.getByRole('button', { name: 'Post' }).click();
    await page.getByText(/now the experts by experience’ forum/).waitFor();
    await page.getByText('Personal Chat').first().click();
    // Only experts by experience and providers vote (SPEC 3.1): the admin trying it out takes the expert role.
    await say('role me expert');
    await page.getByText(/now holds: .*Expert by experience/i).waitFor();
    await say('vote open IP-11 support 48');
    await page.getByText(/support vote \(R-\d+\) is open on IP-11/).waitFor();
    await page.getByText('General').first().click();
    await page
      .getByText(/Your view is wanted: IP-11/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Support' }).first().click();
    await page
      .getByText(/your vote has been recorded/)
      .first()
      .waitFor();
    await shot('7-forum-vote');
    const round = await bot.store.getRound((await bot.store.getIdea('IP-11'))?.latestRoundId ?? '');
    expect(round?.posts).toHaveLength(1);
    expect(await bot.store.listParticipation(round?.id ?? '')).toHaveLength(1);
  });

  it('moves it to the outline and adds a risk to its risk register through the card', async () => {
    await page.getByText('Personal Chat').first().click();
    await say('show IP-11');
    await page.getByRole('button', { name: 'No precedent found' }).last().click();
    await page.getByRole('button', { name: 'Record' }).waitFor();
    await page.getByLabel('Where did you look?').fill('The LGA case studies and the carers centre’s contacts.');
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByRole('button', { name: 'See the idea' }).last().click();
    await page.getByRole('button', { name: 'Advance' }).last().click();
    await page
      .getByText(/has been moved on to 3\. Outline/)
      .first()
      .waitFor();
    await say('show IP-11');
    await page.getByRole('button', { name: 'Add a risk' }).last().click();
    await page.getByRole('button', { name: 'Add risk' }).waitFor();
    await page.getByLabel('What is the risk?').fill('Not enough volunteers over the summer holidays');
    // Three choices show as radio buttons: how likely (the first group on the card), then how serious.
    await page.getByRole('radio', { name: 'Medium' }).nth(-2).check();
    await page.getByRole('radio', { name: 'High' }).last().check();
    await page.getByLabel(/What will be done/).fill('Recruit a second group of volunteers through the carers centre.');
    await page.getByLabel('Who looks after this risk?').fill('Carers centre manager');
    await shot('8-risk-form');
    await page.getByRole('button', { name: 'Add risk' }).click();
    await page
      .getByText(/Saved for IP-11/)
      .first()
      .waitFor();
    await shot('9-risk-saved');
    expect((await bot.store.getIdea('IP-11'))?.artefacts.risks).toMatchObject([
      { likelihood: 'medium', impact: 'high', owner: 'Carers centre manager' },
    ]);
  });
});
