import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackKit } from '../slack/slack-kit.js';
import { BOARD_SECRET, BoardClient, linkIn, PUBLIC_URL } from './board-kit.js';
import { seedBoard, VOTERS } from './board-seed.js';

// The read-only board over HTTP (SPEC 6.1): sign-in links and sessions, what each visitor sees, and the
// headers. The engine's clock is simulated, so nothing here depends on today's date.

let kit: SlackKit;
const { experts: EXPERTS, expertNames: EXPERT_NAMES, expertReasons: EXPERT_REASONS } = VOTERS;
const { provider: PROVIDER, providerReason: PROVIDER_REASON } = VOTERS;

async function say(user: string, text: string): Promise<string> {
  return (await kit.answer(await kit.command(user, text))).text;
}

beforeAll(async () => {
  kit = await SlackKit.start({
    PILOT_BOARD_SECRET: BOARD_SECRET,
    PILOT_PUBLIC_URL: PUBLIC_URL,
    PILOT_QUORUM_EXPERTS: '0',
    PILOT_QUORUM_PROVIDERS: '0',
  });
  await seedBoard(kit);
});
afterAll(async () => kit.close());

describe('anonymous visitors', () => {
  it('see only published ideas, and the funnel counts', async () => {
    const visitor = new BoardClient(kit);
    expect((await visitor.get('/board')).body).toContain('No ideas have been published yet');
    expect(await say('UADMIN', 'publish IP-2')).toContain('IP-2 is now published');
    const audit = await kit.bot.store.listAudit({ ideaId: 'IP-2' });
    expect(audit.map((e) => e.type)).toContain('idea.published');
    const page = await visitor.get('/board');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Befriending calls');
    expect(page.body).toContain('Befriending calls: a small pilot to help people stay at home.');
    expect(page.body).not.toContain('Rural reablement');
    expect(page.body).not.toContain('Night sitting');
    expect(page.body).not.toContain('Meeting packs');
    expect(page.body).toMatch(/Stage 8: Final proposal<\/th><td class="num">1</);
    expect((await visitor.get('/board/ideas/IP-2')).status).toBe(200);
    expect((await visitor.get('/board/ideas/ip-2')).status).toBe(200);
    const hidden = await visitor.get('/board/ideas/IP-1');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toContain('Page not found');
    expect((await visitor.get('/board/ideas/IP-1/business-case.docx')).status).toBe(404);
    expect((await visitor.get('/board/packs/2027-03-15.docx')).status).toBe(404);
  });

  it('get a 404 page for an unknown idea or address, never a stack trace', async () => {
    const visitor = new BoardClient(kit);
    for (const path of ['/board/ideas/IP-999', '/board/ideas/nonsense', '/board/nowhere', '/board/ideas/IP-1/x']) {
      const page = await visitor.get(path);
      expect(page.status, path).toBe(404);
      expect(page.headers.get('content-type'), path).toContain('text/html');
      expect(page.body, path).toContain('Page not found');
    }
    expect((await visitor.get('/board?page=banana')).status).toBe(200);
  });

  it('an unpublished idea leaves the public board (audited)', async () => {
    expect(await say('UADMIN', 'publish IP-3')).toContain('IP-3 is now published');
    expect((await new BoardClient(kit).get('/board/ideas/IP-3')).status).toBe(200);
    expect(await say('UADMIN', 'unpublish IP-3')).toContain('no longer published');
    expect((await new BoardClient(kit).get('/board/ideas/IP-3')).status).toBe(404);
    const types = (await kit.bot.store.listAudit({ ideaId: 'IP-3' })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['idea.published', 'idea.unpublished']));
    expect(await say('UPM', 'publish IP-3')).toContain('is for admins');
  });
});

describe('a committee member without a chat account', () => {
  let link: string;
  const member = new (class {
    client!: BoardClient;
  })();

  it('gets a personal link through a signed Slack command', async () => {
    expect(await say('UADMIN', 'people add Jo Bloggs committee')).toContain('P-1');
    const text = await say('UADMIN', 'board link person:P-1');
    link = linkIn(text);
    expect(link.startsWith(`${PUBLIC_URL}/board/link?token=`)).toBe(true);
    expect(text).toContain('works once');
    expect(await say('UNOBODY', 'board link')).toContain('is for admins or project managers');
  });

  it('opens the link: a button first (nothing used up), then a session cookie and a redirect without the token', async () => {
    member.client = new BoardClient(kit);
    const landing = await member.client.get(link);
    expect(landing.status).toBe(200);
    expect(landing.body).toContain('<form method="post" action="/board/link">');
    expect(landing.headers.get('referrer-policy')).toBe('no-referrer');
    const used = await member.client.useLink(link);
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe('/board');
    const cookie = used.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pilot_board=[^;]+; Path=\/board; Max-Age=28800; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('sees unpublished ideas at stage 8 and their meeting pack, but nothing else unpublished', async () => {
    const page = await member.client.get('/board');
    expect(page.body).toContain('Rural reablement');
    expect(page.body).toContain('Befriending calls');
    expect(page.body).not.toContain('Night sitting');
    expect(page.body).toContain('Meeting packs by committee date');
    expect(page.body).toContain('/board/packs/2027-03-15.docx');
    expect(page.body).toContain('You are signed in until');
    const idea = await member.client.get('/board/ideas/IP-1');
    expect(idea.status).toBe(200);
    expect(idea.body).toContain('Stage 8: Final proposal');
    expect(idea.body).toContain('Worth a small test'); // the shortlisting override's reason
    const pack = await member.client.get('/board/packs/2027-03-15.docx');
    expect(pack.status).toBe(200);
    expect((await member.client.get('/board/ideas/IP-3')).status).toBe(404);
  });

  it('downloads the business case as a Word document, and reading it records nothing', async () => {
    const before = (await kit.bot.store.getIdea('IP-1'))!.version;
    const res = await fetch(`${kit.bot.url}/board/ideas/IP-1/business-case.docx`, {
      headers: { cookie: member.client.cookie! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('IP-1-business-case.docx');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip: .docx
    expect((await kit.bot.store.getIdea('IP-1'))!.version).toBe(before);
  });

  it('never shows an individual choice or voter of the anonymous round', async () => {
    const page = (await member.client.get('/board/ideas/IP-1')).body;
    expect(page).toContain('Support vote');
    expect(page).toContain('fewer than 3 voted: not shown');
    for (const reason of EXPERT_REASONS) expect(page).toContain(reason);
    expect(page).not.toContain(PROVIDER_REASON);
    for (const id of [...EXPERTS, PROVIDER, 'USUB']) expect(page).not.toContain(id);
    for (const name of EXPERT_NAMES) expect(page).not.toContain(name);
    expect(page).not.toMatch(/slack:|person:P-/);
    // The reasons do not follow voting order: they are sorted.
    const at = EXPERT_REASONS.map((r) => page.indexOf(r));
    expect([...at].sort((a, b) => a - b)).toEqual([...EXPERT_REASONS].sort().map((r) => page.indexOf(r)));
    // Not on the staff view either.
    const admin = new BoardClient(kit);
    await admin.useLink(linkIn(await say('UADMIN', 'board link')));
    const staffPage = (await admin.get('/board/ideas/IP-1')).body;
    expect(staffPage).not.toContain(PROVIDER_REASON);
    for (const name of EXPERT_NAMES) expect(staffPage).not.toContain(name);
    expect((await admin.get('/board/ideas/IP-3')).status).toBe(200);
  });

  it('cannot use the same link twice', async () => {
    const again = await new BoardClient(kit).useLink(link);
    expect(again.status).toBe(403);
    expect(again.body).toContain('already been used');
  });

  it('loses the session after 8 hours', async () => {
    kit.clock.advanceHours(8.01);
    const page = await member.client.get('/board');
    expect(page.body).not.toContain('Rural reablement');
    expect((await member.client.get('/board/ideas/IP-1')).status).toBe(404);
  });
});

describe('expired, revoked and forged links', () => {
  it('a link older than 7 days is refused', async () => {
    const link = linkIn(await say('UADMIN', 'board link person:P-1'));
    kit.clock.advanceHours(7 * 24 + 1);
    const res = await new BoardClient(kit).useLink(link);
    expect(res.status).toBe(403);
    expect(res.body).toContain('expired');
  });

  it('board revoke ends the person’s sessions and unused links', async () => {
    const first = new BoardClient(kit);
    expect((await first.useLink(linkIn(await say('UPM', 'board link person:P-1')))).status).toBe(303);
    expect((await first.get('/board/ideas/IP-1')).status).toBe(200);
    const unused = linkIn(await say('UPM', 'board link person:P-1'));
    expect(await say('UPM', 'board revoke person:P-1')).toContain('has ended');
    expect((await first.get('/board/ideas/IP-1')).status).toBe(404);
    const refused = await new BoardClient(kit).useLink(unused);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('withdrawn');
    expect((await kit.bot.store.listAudit()).map((e) => e.type)).toContain('board.revoked');
    // A new link after the revocation works again.
    expect((await new BoardClient(kit).useLink(linkIn(await say('UPM', 'board link P-1')))).status).toBe(303);
  });

  it('a forged token or cookie gets nothing', async () => {
    const link = linkIn(await say('UADMIN', 'board link person:P-1'));
    const token = new URL(link).searchParams.get('token')!;
    const [body] = token.split('.');
    const forged = `${body}.${'A'.repeat(43)}`;
    expect((await new BoardClient(kit).useLink(`${PUBLIC_URL}/board/link?token=${forged}`)).status).toBe(403);
    const visitor = new BoardClient(kit);
    visitor.cookie = `pilot_board=${token}`; // a link is not a session
    expect((await visitor.get('/board/ideas/IP-1')).status).toBe(404);
  });
});

describe('the headers', () => {
  it('set a strict policy, no framing, no sniffing and no referrer on every board answer', async () => {
    for (const path of ['/board', '/board/ideas/IP-2', '/board/ideas/IP-999', '/board/board.css']) {
      const { headers } = await new BoardClient(kit).get(path);
      expect(headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    const funnel = await fetch(`${kit.bot.url}/board/funnel.png`);
    expect(funnel.headers.get('content-type')).toMatch(/image\/(png|svg)/);
  });
});
