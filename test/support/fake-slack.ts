import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, with its body parsed (JSON, form fields with JSON values decoded, or raw size). */
export interface SlackCall {
  /** Web API method (`chat.postMessage`), or `response_url` / `upload` for those endpoints. */
  method: string;
  path: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Milliseconds since the fake started. */
  at: number;
  /** How the fake answered: `ok`, `rate_limited` (429), or the error it was told to give. */
  outcome: string;
  /** The bytes of a file upload, as Slack would store them. */
  raw?: Buffer;
}

/** A local HTTP server playing Slack's Web API, `response_url`s and file upload URLs; records every call. */
export interface FakeSlack {
  url: string;
  /** Base URL to give the bot as SLACK_API_URL (with the trailing slash Bolt needs). */
  apiUrl: string;
  /** Web API calls, in arrival order. */
  calls: SlackCall[];
  /** Posts to response URLs. */
  responses: SlackCall[];
  uploads: SlackCall[];
  /** Web API calls to one method that the fake answered with `ok: true`. */
  callsTo(method: string): SlackCall[];
  /** A fresh response URL on this fake. */
  responseUrl(): string;
  /** The next call to `method` gets HTTP 429 with Retry-After. */
  rateLimitOnce(method: string, retryAfterSeconds?: number): void;
  /** The next call to `method` (whose body passes `when`, if given) answers `ok: false` with this error. */
  failOnce(method: string, error: string, when?: (body: Record<string, unknown>) => boolean): void;
  /**
   * From now on every Web API call gets this HTTP status (default 503) after `delayMs`: a Slack outage, which the
   * bot's Web API client retries for minutes. Recorded with the outcome `http_<status>`.
   */
  breakWebApi(status?: number, delayMs?: number): void;
  /** Polls until `check` returns something truthy (or throws after the timeout, listing the calls so far). */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Starts a fake Slack on a free local port. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const started = Date.now();
  const calls: SlackCall[] = [];
  const responses: SlackCall[] = [];
  const uploads: SlackCall[] = [];
  const rateLimits = new Map<string, number>();
  const failures = new Map<string, { error: string; when: (body: Record<string, unknown>) => boolean }>();
  let seq = 0;
  let responseSeq = 0;
  let outage: { status: number; delayMs: number } | undefined;

  const server = createServer((req, res) => {
    void read(req).then((raw) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
      const record = (method: string, outcome = 'ok'): SlackCall => ({
        method,
        path,
        body,
        headers: req.headers,
        at: Date.now() - started,
        outcome,
      });
      if (path.startsWith('/response/')) {
        responses.push(record('response_url'));
        return send(res, 200, 'ok');
      }
      if (path.startsWith('/upload/')) {
        uploads.push({ ...record('upload'), raw: uploadedFile(raw, String(req.headers['content-type'] ?? '')) });
        return send(res, 200, 'OK - 1');
      }
      const method = path.replace(/^\/api\//, '');
      if (outage) {
        const { status, delayMs } = outage;
        calls.push(record(method, `http_${status}`));
        return void setTimeout(() => send(res, status, { ok: false, error: 'fatal_error' }), delayMs);
      }
      const limit = rateLimits.get(method);
      if (limit !== undefined) {
        rateLimits.delete(method);
        calls.push(record(method, 'rate_limited'));
        res.writeHead(429, { 'retry-after': String(limit), 'content-type': 'application/json' });
        return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      }
      const failure = failures.get(method);
      const error = failure?.when(body) ? failure.error : undefined;
      calls.push(record(method, error));
      if (error) {
        failures.delete(method);
        return send(res, 200, { ok: false, error });
      }
      seq += 1;
      return send(res, 200, answer(method, body, seq, `http://127.0.0.1:${port()}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port()}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    uploads,
    callsTo: (method) => calls.filter((c) => c.method === method && c.outcome === 'ok'),
    responseUrl: () => `${url}/response/${++responseSeq}`,
    rateLimitOnce: (method, retryAfterSeconds = 1) => void rateLimits.set(method, retryAfterSeconds),
    failOnce: (method, error, when = () => true) => void failures.set(method, { error, when }),
    breakWebApi: (status = 503, delayMs = 0) => void (outage = { status, delayMs }),
    waitFor: async (check, timeoutMs = 8_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = check();
        if (found) return found;
        if (Date.now() > deadline) {
          const seen = [...calls, ...responses]
            .map((c) => `${c.method} ${JSON.stringify(c.body).slice(0, 200)}`)
            .join('\n');
          throw new Error(`fake Slack: timed out waiting. Calls so far:\n${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(method: string, body: Record<string, unknown>, seq: number, base: string): Record<string, unknown> {
  const ts = `${1_800_000_000 + seq}.${String(seq).padStart(6, '0')}`;
  const channel = dmFor(String(body.channel ?? body.channel_id ?? 'C0FAKE'));
  const view = (body.view ?? {}) as Record<string, unknown>;
  switch (method) {
    case 'chat.postMessage':
      return { ok: true, channel, ts, message: { ts, text: body.text, blocks: body.blocks } };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: ts };
    case 'chat.update':
      return { ok: true, channel, ts: body.ts, text: body.text };
    case 'views.open':
    case 'views.push':
    case 'views.update':
    case 'views.publish':
      return { ok: true, view: { ...view, id: `V${seq}`, hash: `h${seq}` } };
    case 'conversations.open':
      return { ok: true, channel: { id: dmFor(String(body.users ?? 'U0')) } };
    case 'files.getUploadURLExternal':
      return { ok: true, upload_url: `${base}/upload/F${seq}`, file_id: `F${seq}` };
    case 'files.completeUploadExternal':
      return { ok: true, files: Array.isArray(body.files) ? body.files : [] };
    case 'auth.test':
      return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
    default:
      return { ok: true };
  }
}

/** Slack answers a post to a user id with their DM channel. */
function dmFor(channel: string): string {
  return /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
}

function parseBody(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString('utf8');
  try {
    if (contentType.startsWith('application/json')) return JSON.parse(text) as Record<string, unknown>;
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of new URLSearchParams(text)) out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
      return out;
    }
  } catch {}
  return { __bytes: raw.length, __contentType: contentType };
}

/** The file's bytes from an upload body: the body itself, or the one part of a multipart form. */
function uploadedFile(raw: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith('multipart/form-data') || !boundary) return raw;
  const start = raw.indexOf('\r\n\r\n') + 4;
  const end = raw.lastIndexOf(`\r\n--${boundary[1] ?? boundary[2]}`);
  return start >= 4 && end > start ? raw.subarray(start, end) : raw;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const isText = typeof body === 'string';
  res.writeHead(status, { 'content-type': isText ? 'text/plain' : 'application/json' });
  res.end(isText ? body : JSON.stringify(body));
}
