import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_SECRET, linkIn, PUBLIC_URL } from '../board/board-kit.js';
import { seedBoard, VOTERS } from '../board/board-seed.js';
import { SlackKit } from '../slack/slack-kit.js';

// The read-only board in a real browser (SPEC 6.1): a committee member's link clicked through to the
// business case, an axe-core check of each page kind, keyboard focus, a phone and 200% text.

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here (git-ignored), beside the Playground's, for a person to look at. */
const SHOTS = join(process.cwd(), '.tmp', 'e2e');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let kit: SlackKit;
let context: BrowserContext;
let page: Page;
const dirs: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `board-${name}.png`), fullPage: true });
const local = (link: string) => link.replace(PUBLIC_URL, kit.bot.url);

/** Runs axe-core on the page; returns the serious and critical violations (WCAG 2.0-2.2 A and AA rules). */
async function seriousViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  // A string: the project's TypeScript has no DOM types, and this runs in the page.
  const result = (await page.evaluate(
    `axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })`,
  )) as { violations: unknown[] };
  return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!existsSync(CHROMIUM))('the read-only board, in a browser', () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    kit = await SlackKit.start({
      PILOT_BOARD_SECRET: BOARD_SECRET,
      PILOT_PUBLIC_URL: PUBLIC_URL,
      PILOT_QUORUM_EXPERTS: '0',
      PILOT_QUORUM_PROVIDERS: '0',
    });
    await seedBoard(kit);
    await kit.answer(await kit.command('UADMIN', 'publish IP-2'));
    const profile = await mkdtemp(join(tmpdir(), 'pilot-board-browser-'));
    dirs.push(profile);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 900 },
      acceptDownloads: true,
      // The board's policy forbids every script; axe-core is injected by the test, so the test page bypasses it.
      bypassCSP: true,
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
  });

  afterAll(async () => {
    await context?.close();
    await kit?.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('a committee member follows the link to the pipeline, an idea and its business case', async () => {
    await kit.answer(await kit.command('UADMIN', 'people add Jo Bloggs committee'));
    const link = linkIn((await kit.answer(await kit.command('UADMIN', 'board link person:P-1'))).text);
    await page.goto(local(link));
    await page.getByRole('heading', { name: 'Open the board' }).waitFor();
    await shot('1-link');
    expect(await seriousViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Open the board' }).click();
    await page.getByRole('heading', { name: 'Innovation pilots: the pipeline' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/board');
    expect(page.url()).not.toContain('token');
    await shot('2-pipeline');
    expect(await seriousViolations()).toEqual([]);
    await expect(page.getByText('Meeting packs by committee date')).toBeDefined();

    await page.getByRole('link', { name: 'IP-1: Rural reablement' }).first().click();
    await page.getByRole('heading', { name: 'IP-1: Rural reablement' }).waitFor();
    await shot('3-idea');
    expect(await seriousViolations()).toEqual([]);
    const text = await page.locator('main').innerText();
    expect(text).toContain('fewer than 3 voted: not shown');
    expect(text).not.toContain(VOTERS.providerReason);
    for (const name of VOTERS.expertNames) expect(text).not.toContain(name);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download the business case/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('IP-1-business-case.docx');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('the 404 page and a used link’s page pass the accessibility check too', async () => {
    await page.goto(`${kit.bot.url}/board/ideas/IP-404`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await shot('4-not-found');
    expect(await seriousViolations()).toEqual([]);
    const link = linkIn((await kit.answer(await kit.command('UADMIN', 'board link person:P-1'))).text);
    const other = await context.newPage();
    await other.goto(local(link));
    await other.getByRole('button', { name: 'Open the board' }).click();
    // Closed only once the exchange has answered: closing a page mid-request could cancel it, leaving the link unused.
    await other.waitForURL(/\/board$/);
    await other.close();
    await page.goto(local(link));
    await page.getByRole('button', { name: 'Open the board' }).click();
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    await shot('5-link-used');
    expect(await seriousViolations()).toEqual([]);
  });

  it('works with the keyboard: the skip link first, then every link, each with a visible focus', async () => {
    await page.goto(`${kit.bot.url}/board`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate('document.activeElement?.textContent?.trim()');
    expect(first).toBe('Skip to main content');
    await shot('6-skip-link-focused');
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const focus = (await page.evaluate(`(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { text: el.textContent?.trim() ?? '', outline: style.outlineStyle, width: style.outlineWidth };
      })()`)) as { text: string; outline: string; width: string } | null;
      if (!focus) break; // past the last link, focus leaves the page
      expect(focus.outline, focus.text).not.toBe('none');
      seen.push(focus.text);
    }
    // In reading order: the board's name, then the pack (its idea, its download), then the ideas by stage.
    expect(seen).toEqual([
      'Innovation pilots board',
      'IP-1: Rural reablement',
      'Download the meeting pack for 15 March 2027 (Word document)',
      'IP-2: Befriending calls',
      'IP-1: Rural reablement',
    ]);
    await shot('7-focus');
  });

  it('reads on a phone, and with text at 200%, without scrolling sideways', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${kit.bot.url}/board/ideas/IP-1`);
    await shot('8-phone');
    const wide = async () =>
      (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(await wide()).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${kit.bot.url}/board`);
    // Text-only zoom to 200% (WCAG 1.4.4): the root font size doubles; every size in the stylesheet is in rem/em.
    await page.evaluate(`document.documentElement.style.fontSize = '200%'`);
    await shot('9-text-200');
    expect(await wide()).toBeLessThanOrEqual(0);
  });
});
