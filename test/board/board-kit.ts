import { SlackKit } from '../slack/slack-kit.js';

/** A board secret for tests (any 32+ characters). */
export const BOARD_SECRET = 'test-board-secret-0123456789abcdef0123456789';
/** The public address the links name; tests follow them to the bot's own address instead. */
export const PUBLIC_URL = 'https://pilots.example.org';

/** An HTTP answer with its body read. */
export interface Page {
  status: number;
  headers: Headers;
  body: string;
}

/** A small browser for the board: keeps the session cookie by hand. */
export class BoardClient {
  cookie: string | undefined;

  constructor(private readonly kit: SlackKit) {}

  /** GETs a board path (or a full link, whose origin is replaced by the bot's). */
  async get(path: string): Promise<Page> {
    const url = new URL(path, this.kit.bot.url);
    const res = await fetch(`${this.kit.bot.url}${url.pathname}${url.search}`, {
      headers: this.cookie ? { cookie: this.cookie } : {},
      redirect: 'manual',
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  /** Uses a sign-in link as the board's button does: POSTs its token; keeps the cookie it sets. */
  async useLink(link: string): Promise<Page> {
    const token = new URL(link).searchParams.get('token') ?? '';
    const res = await fetch(`${this.kit.bot.url}/board/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return { status: res.status, headers: res.headers, body: await res.text() };
  }
}

/** The link in a `board link` answer. */
export function linkIn(text: string): string {
  const match = /https?:\/\/\S+\/board\/link\?token=[A-Za-z0-9._%-]+/.exec(text);
  if (!match) throw new Error(`no board link in: ${text}`);
  return match[0];
}
