import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { ideaIdSchema } from '../domain/idea.js';
import { ideaPm } from '../domain/idea-pm.js';
import type { Person } from '../domain/person.js';
import { calendarDay } from '../domain/text.js';
import { buildReport, renderFunnelChart } from '../reports/pipeline-report.js';
import { CaseService, type CaseRenderer } from '../workflows/case-service.js';
import type { ServiceDeps } from '../workflows/deps.js';
import { type BoardAccess, type BoardViewer, PUBLIC_VIEWER } from './board-access.js';
import { ideaPage, pipelinePage } from './board-pages.js';
import { BoardViews } from './board-views.js';
import { canSee, seesPacks } from './board-visibility.js';
import { RateLimiter } from './rate-limiter.js';

/** The session cookie's name. */
export const BOARD_COOKIE = 'pilot_board';

/** What the board needs: the engine's store, clock and rules, sign-in, and how business cases are rendered. */
export interface BoardOptions {
  deps: ServiceDeps;
  /** Null when PILOT_BOARD_SECRET is missing outside local mode: the board then says it is not set up. */
  access: BoardAccess | null;
  renderer: CaseRenderer;
  /** Mark the cookie `Secure` (the board is reached over HTTPS). */
  secureCookie: boolean;
  views?: BoardViews;
}

/**
 * Security headers on every board answer: a strict Content Security Policy (no scripts at all; styles and
 * images from the bot only), no framing, no MIME sniffing, no referrer (a sign-in link must never leak).
 */
function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader(
    'content-security-policy',
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  // Pages differ by session and may show unpublished papers: never kept by a shared cache.
  res.setHeader('cache-control', 'no-store');
  next();
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1) });
const linkBody = z.object({ token: z.string().min(10).max(1024) });

/** Mounts `GET /board` and its pages on the app (before its 404 handler). */
export function mountBoard(app: Express, options: BoardOptions): void {
  const { deps, access } = options;
  const views = options.views ?? new BoardViews();
  const { store, clock } = deps;
  const cases = new CaseService(deps, options.renderer);
  const limiter = new RateLimiter(10, 10 * 60_000, clock);
  const router = express.Router({ caseSensitive: false, strict: false });
  router.use(securityHeaders);
  // Behind a load balancer on a private network, the client's address (for the rate limit) is in X-Forwarded-For.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');

  const viewerOf = async (req: Request): Promise<BoardViewer> =>
    access ? access.viewer(cookieOf(req, BOARD_COOKIE), clock()) : PUBLIC_VIEWER;
  const html = (res: Response, status: number, body: string) =>
    res.status(status).type('text/html; charset=utf-8').send(body);
  const notFound = (res: Response, viewer: BoardViewer) =>
    html(
      res,
      404,
      views.message(
        {
          heading: 'Page not found',
          paragraphs: [
            'There is no page at this address, or it is not published. If you typed the address, please check it.',
            'If someone sent you a link to an idea, ask them for a new personal link to the board.',
          ],
        },
        viewer,
      ),
    );
  const docx = (res: Response, filename: string, bytes: Uint8Array) =>
    res
      .status(200)
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .setHeader('content-disposition', `attachment; filename="${filename}"`)
      .send(Buffer.from(bytes));

  router.get('/board.css', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('text/css; charset=utf-8').send(views.css);
  });

  router.get('/', async (req, res) => {
    const viewer = await viewerOf(req);
    const { page } = pageQuery.parse(req.query);
    const ideas = await store.listIdeas();
    const report = buildReport(ideas, [], clock());
    html(res, 200, views.pipeline(pipelinePage(ideas, report, viewer, page), viewer));
  });

  router.get('/funnel.png', async (_req, res) => {
    const chart = renderFunnelChart(buildReport(await store.listIdeas(), [], clock()), { png: true });
    if (chart.png) res.type('image/png').send(Buffer.from(chart.png));
    else res.type('image/svg+xml').send(chart.svg);
  });

  router.get('/ideas/:id', async (req, res) => {
    const viewer = await viewerOf(req);
    const id = ideaIdSchema.safeParse(req.params.id);
    const idea = id.success ? await store.getIdea(id.data) : null;
    if (!idea || !canSee(viewer, idea)) return void notFound(res, viewer);
    const [rounds, people] = await Promise.all([store.listRounds({ ideaId: idea.id }), store.listPeople()]);
    const byId = new Map<string, Person>(people.map((p) => [p.id, p]));
    html(res, 200, views.idea(ideaPage(idea, rounds, byId, deps.rules.priorities), viewer));
  });

  router.get('/ideas/:id/business-case.docx', async (req, res) => {
    const viewer = await viewerOf(req);
    const id = ideaIdSchema.safeParse(req.params.id);
    const idea = id.success ? await store.getIdea(id.data) : null;
    if (!idea || !canSee(viewer, idea)) return void notFound(res, viewer);
    try {
      docx(res, `${idea.id}-business-case.docx`, await cases.preview(idea.id, ideaPm(idea) ?? idea.submitterId));
    } catch (error) {
      if ((error as { code?: string }).code !== 'invalid_transition') throw error;
      notFound(res, viewer);
    }
  });

  router.get('/packs/:day.docx', async (req, res) => {
    const viewer = await viewerOf(req);
    const day = calendarDay('The committee date').safeParse(req.params.day);
    if (!seesPacks(viewer) || !day.success) return void notFound(res, viewer);
    const pack = await cases.pack(day.data, 'board');
    if (!pack) return void notFound(res, viewer);
    docx(res, `meeting-pack-${day.data}.docx`, pack.docx);
  });

  // The link exchange. A GET only shows a button: mail scanners and link previews fetch links, and must not
  // use up a single-use link. The button POSTs the token (so it is never in a URL the bot redirects to), and
  // the answer redirects to the board (303), leaving no token in the address bar or history of the board.
  // Neither the page nor a link that works counts towards the limit: committee members at one meeting share
  // an office's address, and only failed tries (guesses, used or expired links) say anything about guessing.
  router.get('/link', async (req, res) => {
    if (limiter.blocked(req.ip ?? 'unknown')) return void tooMany(res);
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    if (!access) return void notSetUp(res);
    html(
      res,
      200,
      views.message(
        {
          heading: 'Open the board',
          paragraphs: [
            'This is your personal link to the innovation pilots board. It works once, and then you stay signed in on this device for 8 hours.',
            'Please do not forward it.',
          ],
          action: { url: '/board/link', token, label: 'Open the board' },
        },
        await viewerOf(req),
      ),
    );
  });

  router.post('/link', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    if (limiter.blocked(req.ip ?? 'unknown')) return void tooMany(res);
    if (!access) return void notSetUp(res);
    const body = linkBody.safeParse(req.body);
    const result = await access.exchange(body.success ? body.data.token : undefined, clock());
    if (!result.ok) {
      limiter.allow(req.ip ?? 'unknown');
      const why = {
        invalid: 'This link has expired or is not complete. Links work for 7 days.',
        used: 'This link has already been used. Each link works once.',
        revoked: 'This link has been withdrawn.',
      }[result.why];
      return void html(
        res,
        403,
        views.message(
          { heading: 'This link does not work', paragraphs: [why, 'Please ask the project team for a new link.'] },
          await viewerOf(req),
        ),
      );
    }
    const maxAge = Math.round((result.expiresAt.getTime() - clock().getTime()) / 1000);
    res.setHeader(
      'set-cookie',
      `${BOARD_COOKIE}=${result.session}; Path=/board; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${options.secureCookie ? '; Secure' : ''}`,
    );
    res.redirect(303, '/board');
  });

  router.use(async (req, res) => notFound(res, await viewerOf(req)));

  function tooMany(res: Response): void {
    res.setHeader('retry-after', '600');
    html(
      res,
      429,
      views.message(
        { heading: 'Too many tries', paragraphs: ['Please wait 10 minutes and try your link again.'] },
        PUBLIC_VIEWER,
      ),
    );
  }
  function notSetUp(res: Response): void {
    html(
      res,
      503,
      views.message(
        {
          heading: 'Sign-in is not set up yet',
          paragraphs: ['Personal links to the board are not switched on here yet. Please tell the project team.'],
        },
        PUBLIC_VIEWER,
      ),
    );
  }

  app.use('/board', router);
}
