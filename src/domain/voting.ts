import { z } from 'zod';
import { CONSTITUENCIES, type Constituency, ROLES } from './reference-data.js';
import { isoDate, optionalText } from './text.js';

/** Round kinds: support/neutral/oppose, or 1-5 per strategic priority. */
export const ROUND_KINDS = ['support', 'score'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const SUPPORT_CHOICES = ['support', 'neutral', 'oppose'] as const;
export type SupportChoice = (typeof SUPPORT_CHOICES)[number];

/** Tally of one constituency in a round. */
export const constituencyTallySchema = z.object({
  voters: z.number().int().nonnegative(),
  support: z.number().int().nonnegative(),
  neutral: z.number().int().nonnegative(),
  oppose: z.number().int().nonnegative(),
  /** Per-priority mean score (score rounds). */
  meanScores: z.record(z.string(), z.number()),
  /** Weighted mean over priorities, 1-5 (score rounds). */
  weightedScore: z.number().nullable(),
  conflicts: z.number().int().nonnegative(),
  quorum: z.number().int().nonnegative(),
  quorumReached: z.boolean(),
  /**
   * Anonymous rounds: fewer people voted in this group than the round's minimum group size, so its
   * choices are not kept (support/neutral/oppose are 0, no scores): only how many took part.
   */
  withheld: z.boolean().optional(),
});
export type ConstituencyTally = z.infer<typeof constituencyTallySchema>;

/** A round's result, frozen when it closes. */
export const roundResultSchema = z.object({
  byConstituency: z.record(z.enum(CONSTITUENCIES), constituencyTallySchema),
  /** Weighted score across all counted voters (score rounds), or support share (support rounds), 0-1 or 1-5. Null when withheld. */
  overallScore: z.number().nullable(),
  /** True when a group's choices are withheld (too few voters), so the overall figure is withheld too. */
  overallWithheld: z.boolean().optional(),
  quorumReached: z.boolean(),
  /** Declared conflicts of interest (text only, sorted: never who declared them, never in voting order). */
  conflicts: z.array(z.string()),
  /** Reasons given with support votes (text only, sorted, never in voting order; none from a withheld group). */
  reasons: z.array(z.string()),
  participants: z.array(z.string()),
  computedAt: isoDate,
});
export type RoundResult = z.infer<typeof roundResultSchema>;

/** A voting round on an idea. */
export const roundSchema = z.object({
  id: z.string().regex(/^R-[1-9][0-9]*$/),
  ideaId: z.string(),
  kind: z.enum(ROUND_KINDS),
  status: z.enum(['open', 'closed']),
  anonymous: z.boolean(),
  hideResultsUntilClose: z.boolean(),
  eligibleRoles: z.array(z.enum(ROLES)),
  /** Priorities (with weights) as they were when the round opened. */
  priorities: z.array(
    z.object({ id: z.string(), label: z.string(), short: z.string().optional(), weight: z.number().positive() }),
  ),
  quorum: z.record(z.enum(CONSTITUENCIES), z.number().int().nonnegative()),
  openedBy: z.string(),
  openedAt: isoDate,
  closesAt: isoDate,
  remindAt: isoDate.optional(),
  closedAt: isoDate.optional(),
  closedBy: z.string().optional(),
  /** Secret that turns a person id into an anonymous vote key; erased at close so votes can no longer be linked. */
  salt: z.string().optional(),
  /**
   * Anonymous rounds: a group with fewer voters than this has its choices withheld (PILOT_MIN_GROUP_SIZE
   * when the round opened; rounds from release 0.1 get the setting at start-up).
   */
  minGroupSize: z.number().int().min(1).optional(),
  /**
   * Anonymous rounds: the individual ballots were reduced to the frozen result and erased from storage,
   * with the participation times (set after close; absent on an open round or one still to be sealed).
   */
  sealed: z.boolean().optional(),
  result: roundResultSchema.optional(),
  snapshot: z.unknown(),
  /** Where the round's message was posted on each platform, so the adapters can update it. */
  posts: z.array(z.object({ platform: z.string(), channel: z.string(), messageId: z.string() })).default([]),
  version: z.number().int().nonnegative(),
});
export type Round = z.infer<typeof roundSchema>;

/** How the person whose vote a facilitator records gave their consent (SPEC 3.1). */
export const CONSENT_WAYS = [
  { id: 'in_person', label: 'In person' },
  { id: 'phone', label: 'By phone' },
  { id: 'paper', label: 'On paper' },
  { id: 'carer', label: 'Through a carer' },
] as const;
export type ConsentWay = (typeof CONSENT_WAYS)[number]['id'];
export const consentSchema = z.enum(CONSENT_WAYS.map((c) => c.id) as [ConsentWay, ...ConsentWay[]], {
  error: 'Please choose how they gave their consent.',
});

/** A person's ballot, as they submit it. */
export const ballotSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('support'),
    choice: z.enum(SUPPORT_CHOICES, { error: 'Choose support, neutral or oppose.' }),
    reason: optionalText('The reason', 1000),
    conflict: optionalText('The conflict of interest', 1000),
  }),
  z.object({
    kind: z.literal('score'),
    scores: z.record(
      z.string(),
      z
        .number({ error: 'Each score is a number from 1 to 5.' })
        .int({ error: 'Each score is a whole number from 1 to 5.' })
        .min(1, { error: 'Each score is from 1 to 5.' })
        .max(5, { error: 'Each score is from 1 to 5.' }),
    ),
    conflict: optionalText('The conflict of interest', 1000),
  }),
]);
export type Ballot = z.infer<typeof ballotSchema>;

/**
 * The stored current vote of one voter in one round; `voterKey` is the person id, or a salted hash in
 * anonymous rounds. Its ballot carries no conflict declaration (those are stored apart, see
 * ConflictDeclaration). An anonymous round's votes are erased when it closes.
 */
export const voteSchema = z.object({
  roundId: z.string(),
  voterKey: z.string(),
  constituency: z.enum(CONSTITUENCIES),
  ballot: ballotSchema,
  castAt: isoDate,
});
export type Vote = z.infer<typeof voteSchema>;

/**
 * That a person took part in a round (kept for every round; it never says how they voted). `at` is
 * kept for named rounds only: in an anonymous round a time could be matched with a ballot's.
 */
export const participationSchema = z.object({
  roundId: z.string(),
  personId: z.string(),
  constituency: z.enum(CONSTITUENCIES),
  at: isoDate.optional(),
  /**
   * A vote recorded for someone without a chat account: the facilitator who recorded it (SPEC 3.1), so
   * only they correct it and decisions reach the person through them. Never shown in public output.
   */
  recordedBy: z.string().optional(),
});
export type Participation = z.infer<typeof participationSchema>;

/**
 * A person's answer to "Do you have a conflict of interest in this idea?" in one round, stored apart
 * from the ballot and without the choice or a time (SPEC 3.1). `detail` is the conflict, or null.
 * `answered: true` marks an answer given: with a null detail it means "none". Declarations an earlier
 * build wrote for every voter, asked or not, have no `answered`: there a null detail only means nothing
 * was declared.
 */
export const conflictDeclarationSchema = z.object({
  ideaId: z.string(),
  roundId: z.string(),
  personId: z.string(),
  constituency: z.enum(CONSTITUENCIES),
  detail: z.string().nullable(),
  answered: z.boolean().optional(),
});
export type ConflictDeclaration = z.infer<typeof conflictDeclarationSchema>;

/** True when the declaration is an answer to the question ("none" included), not a voter who was never asked. */
export function isAnswered(declaration: ConflictDeclaration): boolean {
  return declaration.answered === true || declaration.detail !== null;
}

/** Who must answer the conflict question with their first vote in a round (SPEC 3.1: providers declare). */
export function mustDeclareConflict(constituency: Constituency): boolean {
  return constituency === 'providers';
}

/**
 * The conflict answer sent with a vote: `hasConflict` from the question ("No, none" / "Yes"), and
 * `conflict`, what it is. A conflict typed without the question (the optional box others see) counts as
 * "yes"; neither means the voter was not asked.
 */
export const conflictAnswerSchema = z
  .object({
    hasConflict: z.boolean({ error: 'Please choose “No, none” or “Yes”.' }).optional(),
    conflict: optionalText('The conflict of interest', 1000),
  })
  .refine((v) => v.hasConflict !== true || v.conflict !== undefined, {
    error: 'Please say in a few words what the conflict is.',
    path: ['conflict'],
  })
  .refine((v) => v.hasConflict !== false || v.conflict === undefined, {
    error: 'You chose “No, none” but wrote a conflict. Please choose “Yes”, or clear the box.',
    path: ['conflict'],
  });
export type ConflictAnswer = z.infer<typeof conflictAnswerSchema>;

/** The declaration an answer makes ("none" is a null detail), or null when the voter gave none. */
export function declarationOf(answer: ConflictAnswer): Pick<ConflictDeclaration, 'detail' | 'answered'> | null {
  if (answer.hasConflict === false) return { detail: null, answered: true };
  if (answer.conflict !== undefined) return { detail: answer.conflict, answered: true };
  return null;
}
