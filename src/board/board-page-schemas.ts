import { z } from 'zod';
import { caseRoundSchema } from '../templates/case-data-schema.js';

const text = z.string();
const maybe = z.string().nullable();

/** One idea in a list: enough to recognise it and follow the link. */
export const ideaLineSchema = z.object({ id: text, title: text, summary: text, stage: text });
export type IdeaLine = z.infer<typeof ideaLineSchema>;

/** The data of `pipeline.hbs`: the funnel, ideas by stage (a page of them), pilots in delivery and the packs. */
export const pipelinePageSchema = z.object({
  funnel: z.array(z.object({ label: text, count: z.number().int().nonnegative() })),
  total: z.number().int().nonnegative(),
  stages: z.array(z.object({ label: text, ideas: z.array(ideaLineSchema) })),
  page: z.number().int().positive(),
  pages: z.number().int().positive(),
  shown: z.number().int().nonnegative(),
  pilots: z.array(ideaLineSchema.extend({ phase: text, measures: maybe, progress: z.array(text) })),
  /** Null for visitors who may not see the packs (the section is left out). */
  packs: z.array(z.object({ day: text, label: text, ideas: z.array(ideaLineSchema) })).nullable(),
});
export type PipelinePage = z.infer<typeof pipelinePageSchema>;

/** The data of `idea.hbs`. */
export const ideaPageSchema = z.object({
  idea: ideaLineSchema.extend({ problem: text, approach: text, beneficiaries: text, since: text }),
  timeline: z.array(z.object({ when: text, what: text, by: maybe, reason: maybe, to: maybe })),
  /** Closed rounds from their frozen, disclosed results only (SPEC 3.1), as the business case shows them. */
  rounds: z.array(caseRoundSchema),
  openRounds: z.array(z.object({ kind: text, closes: text })),
  /** Decisions and their reasons: shortlisting (and any override of the vote), then the committee's. */
  decisions: z.array(z.object({ what: text, when: text, by: maybe, reason: maybe })),
  caseAvailable: z.boolean(),
});
export type IdeaPage = z.infer<typeof ideaPageSchema>;
