import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { formatWhen } from '../views/format.js';
import type { BoardViewer } from './board-access.js';
import { type IdeaPage, ideaPageSchema, type PipelinePage, pipelinePageSchema } from './board-page-schemas.js';

/** Where the board's templates and stylesheet live (copied beside the compiled code by `npm run build`). */
export const BOARD_ASSET_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

/** A plain page: a heading, some paragraphs and, for a sign-in link, the button that uses it. */
export const messageSchema = z.object({
  heading: z.string(),
  paragraphs: z.array(z.string()),
  action: z.object({ url: z.string(), token: z.string(), label: z.string() }).optional(),
});
export type MessagePage = z.infer<typeof messageSchema>;

type Template = (data: unknown) => string;

/** The board's HTML pages, rendered on the server with Handlebars (HTML-escaped), with the stylesheet. */
export class BoardViews {
  readonly css: string;
  private readonly layout: Template;
  private readonly pages: { pipeline: Template; idea: Template; message: Template };

  constructor(dir: string = BOARD_ASSET_DIR) {
    const hb = Handlebars.create();
    hb.registerHelper('one', (n: unknown) => n === 1);
    const compile = (file: string): Template =>
      hb.compile(readFileSync(`${dir}${file}`, 'utf8'), { strict: false, knownHelpersOnly: false });
    this.css = readFileSync(`${dir}board.css`, 'utf8');
    this.layout = compile('layout.hbs');
    this.pages = { pipeline: compile('pipeline.hbs'), idea: compile('idea.hbs'), message: compile('message.hbs') };
  }

  /** The pipeline page. */
  pipeline(data: PipelinePage, viewer: BoardViewer): string {
    const paging = data.pages > 1;
    return this.wrap(
      'The pipeline',
      viewer,
      this.pages.pipeline({
        ...pipelinePageSchema.parse(data),
        paging,
        previous: data.page > 1 ? data.page - 1 : null,
        next: data.page < data.pages ? data.page + 1 : null,
      }),
    );
  }

  /** One idea's page. */
  idea(data: IdeaPage, viewer: BoardViewer): string {
    return this.wrap(`${data.idea.id}: ${data.idea.title}`, viewer, this.pages.idea(ideaPageSchema.parse(data)));
  }

  /** A page with a heading and a few paragraphs (not found, link used, too many tries, ...). */
  message(data: MessagePage, viewer: BoardViewer): string {
    return this.wrap(data.heading, viewer, this.pages.message(messageSchema.parse(data)));
  }

  private wrap(title: string, viewer: BoardViewer, body: string): string {
    return this.layout({
      title,
      body,
      viewer: { personId: viewer.personId, until: viewer.until ? formatWhen(viewer.until.toISOString()) : null },
    });
  }
}
