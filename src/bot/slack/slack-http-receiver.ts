import { randomUUID } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import { type App, type Logger as BoltLogger, HTTPResponseAck, type Receiver, verifySlackRequest } from '@slack/bolt';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../../workflows/deps.js';
import { checkPayload } from './check-payload.js';
import { slackRequestId } from './slack-context.js';

/** Where Slack sends commands, interactivity and events (one URL for all three). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** How far a request's timestamp may be from this server's clock, either way (Slack's own rule is five minutes). */
const MAX_CLOCK_SKEW_S = 5 * 60;

/** The largest body accepted; Slack's own payloads are far smaller. */
const MAX_BODY = '1mb';

/** How a body the parser could not read is answered, by the parser's status. */
const BODY_REFUSALS: Record<number, { status: number; error: string; log: string }> = {
  400: { status: 400, error: 'unreadable_body', log: 'the body could not be read (bad compression?)' },
  413: { status: 413, error: 'payload_too_large', log: `the body is over ${MAX_BODY}` },
  415: { status: 415, error: 'unsupported_encoding', log: 'the body’s content encoding is not supported' },
};

/**
 * A Bolt receiver mounted on the bot's one express app at `POST /slack/events`. It uses Bolt's own
 * signature check and acknowledgement, and adds what the shared server needs: a 400 (never a 500)
 * for a malformed payload, and log lines that tell the operator what to fix. Each request's lines carry
 * a `requestId` (Slack's event or trigger id once the request is verified), which the listeners get too.
 */
export class SlackHttpReceiver implements Receiver {
  /** Mount this on the express app. */
  readonly router: Router = express.Router();
  private bolt?: App;
  private readonly now: () => number;
  /** Requests still being handled: a listener acknowledges at once and goes on working after Slack has its 200. */
  private readonly inFlight = new Set<Promise<void>>();

  /** `now` (milliseconds) is the real time by default: signatures are checked against Slack's clock, not the engine's. */
  constructor(
    private readonly options: { signingSecret: string; logger: Logger; boltLogger: BoltLogger; now?: () => number },
  ) {
    this.now = options.now ?? Date.now;
    this.router.post(SLACK_EVENTS_PATH, express.raw({ type: () => true, limit: MAX_BODY }), (req, res) => {
      const handled = this.handle(req, res);
      this.inFlight.add(handled);
      void handled.finally(() => this.inFlight.delete(handled));
    });
    // The body parser's errors (too large, bad gzip, unknown encoding) get a short answer, never Express's error page.
    this.router.use(SLACK_EVENTS_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(error);
      const status = (error as { status?: unknown }).status;
      const refusal = BODY_REFUSALS[typeof status === 'number' ? status : 400] ?? BODY_REFUSALS[400]!;
      this.unverified().warn(`Slack request refused: ${refusal.log}`, { status: refusal.status });
      res.status(refusal.status).json({ ok: false, error: refusal.error });
    });
  }

  init(app: App): void {
    this.bolt = app;
  }

  /** The shared HTTP server is started by the bot, not by Bolt. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Resolves when no request is being handled, including work its listener does after acknowledging (used on shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The logger for a request refused before its body is read (and its ids trusted): a new request id. */
  private unverified(): Logger {
    return this.options.logger.child({ requestId: randomUUID() });
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const contentType = String(req.headers['content-type'] ?? '');
    // Slack's SSL check carries no payload and is not signed: answer it and do nothing else (as Bolt does).
    if (contentType.startsWith('application/x-www-form-urlencoded') && parseQuery(raw).ssl_check === '1')
      return void res.status(200).end();
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    try {
      // Bolt checks the signature; freshness is checked below, both ways (Bolt only refuses old timestamps).
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: raw,
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
          'x-slack-request-timestamp': timestamp,
        },
        nowMilliseconds: timestamp * 1000,
      });
    } catch (error) {
      this.unverified().warn('Slack request refused: signature mismatch. Check SLACK_SIGNING_SECRET.', {
        reason: (error as Error).message,
      });
      res.status(401).json({ ok: false, error: 'invalid_signature' });
      return;
    }
    // A signed request is good for five minutes either way, so a captured one cannot be replayed later.
    // https://docs.slack.dev/authentication/verifying-requests-from-slack#validating-a-request
    const skew = Math.round(this.now() / 1000 - timestamp);
    if (Math.abs(skew) > MAX_CLOCK_SKEW_S) {
      this.unverified().warn(
        `Slack request timestamp is ${Math.abs(skew)} s off: check the server clock (or the request is a replay).`,
        { direction: skew < 0 ? 'ahead of this server' : 'behind this server' },
      );
      return void res.status(401).json({ ok: false, error: 'invalid_timestamp' });
    }
    const body = parseBody(raw, contentType);
    if (body === undefined) return void res.status(400).json({ ok: false, error: 'unreadable_body' });
    if (body.type === 'url_verification') return void res.json({ challenge: body.challenge });
    const requestId = slackRequestId(body);
    const log = this.options.logger.child({ requestId });
    const verdict = checkPayload(body);
    if (verdict === 'malformed') {
      log.warn('Slack request refused: payload has an unexpected shape', {
        type: String(body.type ?? body.command ?? '?'),
      });
      return void res.status(400).json({ ok: false, error: 'malformed_payload' });
    }
    if (verdict === 'ignore' || !this.bolt) return void res.status(200).end();
    const ack = new HTTPResponseAck({
      logger: this.options.boltLogger,
      processBeforeResponse: false,
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
      // Listeners always ack; if one is too slow, Slack gets an empty 200 rather than a 404.
      unhandledRequestHandler: ({ response }) => {
        log.warn('Slack request not acknowledged within 3 seconds', {
          type: String(body.type ?? body.command),
        });
        if (!response.headersSent) response.writeHead(200).end();
      },
    });
    const retry = req.headers['x-slack-retry-num'];
    try {
      await this.bolt.processEvent({
        body,
        ack: ack.bind(),
        retryNum: retry === undefined ? undefined : Number(retry),
        retryReason: req.headers['x-slack-retry-reason'] as string | undefined,
        customProperties: { requestId },
      });
    } catch (error) {
      log.error('Slack request failed', { err: error });
      if (!res.headersSent) res.status(200).end();
    }
  }
}

function parseBody(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const form = parseQuery(raw);
      const value = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
      return value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    }
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
