import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector API. */
export interface ConnectorCall {
  method: string;
  /** The path as sent (the SDK does not URL-encode conversation ids; botbuilder did). */
  path: string;
  /** Decoded conversation id, when the path names one. */
  conversationId?: string;
  /** Decoded activity id (a reply's parent or the updated message), when the path names one. */
  activityId?: string;
  /** `send` (new message), `reply`, `update`, `create` (a new conversation), `member` or `other`. */
  kind: 'send' | 'reply' | 'update' | 'create' | 'member' | 'other';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies are arbitrary JSON read by tests.
  body: any;
  /** The id the fake answered with. */
  id?: string;
  status: number;
}

/**
 * A local server playing the Bot Connector API (`/v3/conversations/...`): records every call with
 * its body, answers with ids, creates 1:1 chats (`a:dm:<member id>`), and can answer 429 on demand.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Members returned by GET .../members/<id>, by member id. */
  readonly members = new Map<string, { id: string; name?: string; aadObjectId?: string }>();
  private server: Server | null = null;
  private throttle = 0;
  /** When true, creating a conversation (a 1:1 chat) is refused with 403, as Teams does for people outside the team. */
  refuseNewChats = false;
  private seq = 0;
  url = '';

  /** Starts listening on a free port; `url` ends with a slash, as Teams' serviceUrl does. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.answer(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** Answers the next `times` calls with 429 Too Many Requests (Retry-After: 0). */
  throttleNext(times = 1): void {
    this.throttle = times;
  }

  /** Messages the bot sent (new messages and replies) to one conversation, or to all. */
  messages(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) =>
        (c.kind === 'send' || c.kind === 'reply') &&
        c.status < 300 &&
        (!conversationId || c.conversationId === conversationId),
    );
  }

  /** Waits until a recorded call matches, or fails after `timeoutMs`. */
  async waitFor(match: (call: ConnectorCall) => boolean, timeoutMs = 3000): Promise<ConnectorCall> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find(match);
      if (found) return found;
      if (Date.now() > until)
        throw new Error(`no matching Connector call; saw ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Forgets the recorded calls. */
  clear(): void {
    this.calls.length = 0;
  }

  private async answer(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      body: raw ? JSON.parse(raw) : undefined,
      status: 200,
      ...decode(path, req.method ?? 'GET'),
    };
    this.calls.push(call);
    if (this.throttle > 0) {
      this.throttle--;
      call.status = 429;
      return {
        status: 429,
        body: { error: { code: 'Throttled', message: 'Too many requests' } },
        headers: { 'retry-after': '0' },
      };
    }
    if (call.kind === 'member') {
      const member = this.members.get(call.activityId ?? '');
      call.status = member ? 200 : 404;
      return member ? { status: 200, body: member } : { status: 404, body: { error: { code: 'NotFound' } } };
    }
    if (call.kind === 'create') {
      if (this.refuseNewChats) {
        call.status = 403;
        return {
          status: 403,
          body: { error: { code: 'Forbidden', message: 'The bot is not part of the conversation roster.' } },
        };
      }
      call.id = `a:dm:${call.body?.members?.[0]?.id ?? 'someone'}`;
      return { status: 201, body: { id: call.id } };
    }
    call.id = call.kind === 'update' ? call.activityId : `m-${++this.seq}`;
    return { status: 200, body: { id: call.id } };
  }
}

function decode(path: string, method: string): Pick<ConnectorCall, 'kind' | 'conversationId' | 'activityId'> {
  const clean = path.replace(/\/{2,}/g, '/');
  if (clean === '/v3/conversations' && method === 'POST') return { kind: 'create' };
  const members = /^\/v3\/conversations\/(.+)\/members\/([^/]+)$/.exec(clean);
  if (members?.[1] && members[2])
    return { kind: 'member', conversationId: safeDecode(members[1]), activityId: safeDecode(members[2]) };
  const match = /^\/v3\/conversations\/(.+)\/activities(?:\/([^/]+))?$/.exec(clean);
  if (!match?.[1]) return { kind: 'other' };
  const conversationId = safeDecode(match[1]);
  const activityId = match[2] ? safeDecode(match[2]) : undefined;
  const kind = method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
  return { kind, conversationId, activityId };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
