import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../scripts/package-teams.js';
import { readPngHeader } from '../../scripts/png.js';
import { PilotCore } from '../../src/bot/core/pilot-core.js';
import { readZip } from '../templates/read-zip.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the manifest is read as loose JSON.
type Json = any;

const dir = new URL('../../manifest/teams/', import.meta.url);
const manifest: Json = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));

/**
 * The subcommands of SPEC section 5, in its order. Teams allows one menu of at most 10 commands per scope
 * (3 × 10 slots) and there are 27, so the menus are full: the personal chat holds the day-to-day moves,
 * `agenda`, `due` and `board` (a personal sign-in link belongs in a personal chat), the team menu the forum
 * and role commands, and the group chat menu the committee's (case, pack, decision) with `resume`, `reject`
 * and `withdraw`. A command missing from a menu can still be typed (see NOT_IN_MENUS).
 */
const SPEC_SUBCOMMANDS = [
  'help',
  'submit',
  'list',
  'show',
  'advance',
  'return',
  'hold',
  'resume',
  'reject',
  'withdraw',
  'vote',
  'comment',
  'case',
  'decision',
  'role',
  'roles',
  'forum',
  'report',
  'export',
  'people',
  'consult',
  'pack',
  'agenda',
  'due',
  'board',
  'publish',
  'unpublish',
];

/**
 * Subcommands left out of the command menus: Teams allows at most 10 commands per menu and one menu per
 * scope (30 in all, and help, list, show and vote belong in more than one), so rare admin commands are
 * typed rather than picked. They still work as words in every scope.
 */
const NOT_IN_MENUS = ['publish', 'unpublish'];

/** Decodes a PNG we wrote (filter 0 rows) into RGBA pixels. */
function pixels(png: Buffer): Uint8Array {
  const { width, height } = readPngHeader(png);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    out.set(rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return out;
}

describe('the Teams app manifest', () => {
  it('has the required fields, within Teams’ limits', () => {
    expect(manifest.$schema).toMatch(
      /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\/MicrosoftTeams\.schema\.json$/,
    );
    expect(manifest.$schema).toContain(`v${manifest.manifestVersion}/`);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toBe('{{TEAMS_APP_ID}}');
    for (const key of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl'])
      expect(manifest.developer[key]).toBeTruthy();
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
  });

  it('declares one bot for personal chats, teams and group chats', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe('{{BOT_ID}}');
    expect([...manifest.bots[0].scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('lists every SPEC 5 subcommand in its command menus (one menu per scope, at most 10 each)', () => {
    const lists: Json[] = manifest.bots[0].commandLists;
    expect(lists.length).toBeLessThanOrEqual(3);
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      // Full: every slot is used, so nothing a person could have found in a menu is left out.
      expect(list.commands.length).toBe(10);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    const titles = new Set(lists.flatMap((l) => l.commands.map((c: Json) => c.title)));
    expect([...titles].sort()).toEqual(SPEC_SUBCOMMANDS.filter((c) => !NOT_IN_MENUS.includes(c)).sort());
    const registry = new PilotCore({} as never).commands.map((c) => c.name);
    expect([...registry].sort()).toEqual([...SPEC_SUBCOMMANDS].sort());
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = readFileSync(new URL('color.png', dir));
    const outline = readFileSync(new URL('outline.png', dir));
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192, bitDepth: 8 });
    expect(readPngHeader(outline)).toEqual({ width: 32, height: 32, bitDepth: 8, colourType: 6 });
    const px = pixels(outline);
    let transparent = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) transparent++;
      else expect([px[i], px[i + 1], px[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(200);
  });
});

describe('npm run package:teams', () => {
  const env = { clientId: '0f0e0d0c-0b0a-4999-8888-777766665555', PILOT_PUBLIC_URL: 'https://pilot.council.example/' };

  it('fills every placeholder from the settings and zips the manifest with its icons', () => {
    const { manifest: filled, files } = buildTeamsPackage(env);
    expect(JSON.stringify(filled)).not.toContain('{{');
    expect(filled).toMatchObject({
      id: env.clientId,
      bots: [{ botId: env.clientId }],
      validDomains: ['pilot.council.example'],
    });
    expect((filled as Json).developer.privacyUrl).toBe('https://pilot.council.example/privacy');
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
  });

  it('writes a zip that unpacks to the same files, in order, and the same bytes every time', async () => {
    const { writeZip } = await import('../../scripts/zip.js');
    const { files } = buildTeamsPackage(env);
    const zip = writeZip(files);
    const unpacked = readZip(zip);
    expect([...unpacked.keys()]).toEqual([...files.keys()]);
    for (const [name, bytes] of files) expect(unpacked.get(name)?.equals(Buffer.from(bytes))).toBe(true);
    expect(writeZip(buildTeamsPackage(env).files).equals(zip)).toBe(true);
  });

  it('says which setting is missing', () => {
    expect(() => buildTeamsPackage({})).toThrow(/clientId/);
    expect(() => buildTeamsPackage({ clientId: env.clientId })).toThrow(/PILOT_PUBLIC_URL/);
  });
});
