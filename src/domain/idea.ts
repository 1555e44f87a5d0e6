import { z } from 'zod';
import { artefactsSchema } from './artefacts.js';
import { auditEventSchema } from './audit.js';
import { engagementSchema } from './engagement.js';
import { IDEA_SOURCE_IDS, OUTCOME_IDS, PILOT_PHASES, STAGES, STATUSES } from './reference-data.js';
import { isoDate, optionalText, personIdSchema, requiredText } from './text.js';

/** Idea ids are `IP-<n>`; input is case-insensitive. */
export const ideaIdSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(/^IP-[1-9][0-9]{0,8}$/, { error: 'Idea ids look like IP-12.' }));

/** What a person types into the submission form. */
export const submissionSchema = z.object({
  title: requiredText('A title', 120),
  summary: requiredText('A plain-language summary', 600),
  problem: requiredText('The problem it solves', 4000),
  approach: requiredText('The proposed approach', 4000),
  beneficiaries: requiredText('Who benefits', 2000),
  source: z.enum(IDEA_SOURCE_IDS, { error: 'Choose where the idea came from.' }),
  outcomes: z
    .array(z.enum(OUTCOME_IDS, { error: 'Choose outcomes from the list.' }))
    .min(1, { error: 'Choose at least one outcome the idea targets.' })
    .max(OUTCOME_IDS.length),
});
export type Submission = z.infer<typeof submissionSchema>;

/** A comment in an idea's discussion. */
export const commentSchema = z.object({
  authorId: personIdSchema,
  text: requiredText('The comment', 3000),
  at: isoDate,
});
export type Comment = z.infer<typeof commentSchema>;

/** The stored idea: submission, stage, machine snapshot, artefacts, discussion, audit history. */
export const ideaSchema = submissionSchema.extend({
  id: z.string().regex(/^IP-[1-9][0-9]*$/),
  number: z.number().int().positive(),
  submitterId: personIdSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
  status: z.enum(STATUSES),
  /** The stage an idea on hold resumes to; also the last stage of an ended idea. */
  lastStage: z.enum(STAGES),
  statusSince: isoDate,
  /** A pilot's phase (approved and after): the one a held pilot resumes to. Absent before approval. */
  pilotPhase: z.enum(PILOT_PHASES).optional(),
  /** Persisted XState snapshot of the pipeline machine. */
  snapshot: z.unknown(),
  artefacts: artefactsSchema,
  comments: z.array(commentSchema).default([]),
  /**
   * Offline engagement logged on the idea (`consult`), oldest first. Optional rather than defaulted: the
   * stores hand back ideas as saved, unparsed, and ideas saved before it existed have none.
   */
  engagements: z.array(engagementSchema).optional(),
  /**
   * Target dates a PM set (`due`), UK days (`YYYY-MM-DD`) keyed by the status they were set in; a status without
   * one counts its configured days from `statusSince`. Optional: ideas saved before it existed have none.
   */
  dueDates: z.record(z.string(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).optional(),
  /** Id of the newest voting round on this idea, if any. */
  latestRoundId: z.string().optional(),
  note: optionalText('The note', 2000),
  /** Shown on the read-only board without a link (`publish`); optional: ideas saved before it existed are unpublished. */
  published: z.boolean().optional(),
  version: z.number().int().nonnegative(),
  history: z.array(auditEventSchema).default([]),
});
export type Idea = z.infer<typeof ideaSchema>;

/** Where an idea on hold resumes, or where an ended idea ended: its pilot phase once approved, else its last stage. */
export function lastPlace(idea: Pick<Idea, 'lastStage' | 'pilotPhase'>): Idea['status'] {
  return idea.pilotPhase ?? idea.lastStage;
}
