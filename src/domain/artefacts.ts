import { z } from 'zod';
import { CRITERION_IDS, FUNDING_SOURCE_IDS, PILOT_OUTCOMES, RISK_LEVELS, SPECIALIST_AREAS } from './reference-data.js';
import { calendarDay, isoDate, optionalText, personIdSchema, requiredText } from './text.js';

/** Stage 1: the PM's basic-criteria check. */
export const criteriaCheckSchema = z.object({
  met: z.array(z.enum(CRITERION_IDS)),
  note: optionalText('The note', 2000),
  confirmedBy: personIdSchema,
  confirmedAt: isoDate,
});
export type CriteriaCheck = z.infer<typeof criteriaCheckSchema>;

/** Stage 2: one example of similar work elsewhere. */
export const evidenceEntrySchema = z.object({
  source: requiredText('Where it happened (the source)', 500),
  whatHappened: requiredText('What happened', 4000),
  lesson: requiredText('The lesson learnt', 4000),
  addedBy: personIdSchema,
  addedAt: isoDate,
});
export type EvidenceEntry = z.infer<typeof evidenceEntrySchema>;

/** Stage 2: a recorded "no precedent found". */
export const noPrecedentSchema = z.object({
  note: requiredText('What was searched', 2000),
  recordedBy: personIdSchema,
  recordedAt: isoDate,
});
export type NoPrecedent = z.infer<typeof noPrecedentSchema>;

/** Stage 3: the outline proposal. */
export const outlineSchema = z.object({
  objectives: requiredText('Objectives', 4000),
  cohort: requiredText('Cohort (who)', 2000),
  cohortSize: z.number().int().positive({ error: 'Cohort size must be a whole number above 0.' }).max(1_000_000),
  durationMonths: z.number().int().positive({ error: 'Duration must be a whole number of months above 0.' }).max(120),
  approach: requiredText('Approach', 4000),
  /**
   * The risks as one text, as outlines written before the risk register (`risks` on the artefacts) had
   * them. No longer asked; kept, so those outlines load and their text still reaches the paper.
   */
  risks: optionalText('Risks', 4000),
  updatedBy: personIdSchema,
  updatedAt: isoDate,
});
export type Outline = z.infer<typeof outlineSchema>;

/** Stage 3: one risk in the risk register (each form sent adds one). */
export const riskSchema = z.object({
  risk: requiredText('The risk', 1000),
  likelihood: z.enum(RISK_LEVELS, { error: 'Choose how likely it is: low, medium or high.' }),
  impact: z.enum(RISK_LEVELS, { error: 'Choose how serious it would be: low, medium or high.' }),
  mitigation: requiredText('What will be done about it (the mitigation)', 2000),
  /** A role or a team ("Commissioning manager"), never a person id: people change jobs, roles stay. */
  owner: requiredText('Who owns it (a role or team)', 200),
  addedBy: personIdSchema,
  addedAt: isoDate,
});
export type Risk = z.infer<typeof riskSchema>;

/** Stage 3: the other options considered, doing nothing among them (recording it again replaces it). */
export const optionsSchema = z.object({
  doNothing: requiredText('What would happen if we did nothing', 4000),
  alternatives: requiredText('The other options considered, and why they were not chosen', 4000),
  recordedBy: personIdSchema,
  recordedAt: isoDate,
});
export type OptionsConsidered = z.infer<typeof optionsSchema>;

/** Stage 4: the PM's shortlisting decision (an override of a low score needs a reason). */
export const shortlistDecisionSchema = z.object({
  shortlisted: z.boolean(),
  roundId: z.string(),
  override: z.boolean(),
  reason: optionalText('The reason', 2000),
  decidedBy: personIdSchema,
  decidedAt: isoDate,
});
export type ShortlistDecision = z.infer<typeof shortlistDecisionSchema>;

/** Stage 5: funding. */
export const fundingSchema = z.object({
  source: z.enum(FUNDING_SOURCE_IDS, { error: 'Choose a funding source from the list.' }),
  sourceDetail: optionalText('The funding detail', 500),
  amount: z.number().positive({ error: 'The amount must be above £0.' }).max(1_000_000_000),
  budgetHolder: requiredText('Budget holder', 200),
  recordedBy: personIdSchema,
  recordedAt: isoDate,
});
export type Funding = z.infer<typeof fundingSchema>;

/** Stage 6: a provider's expression of interest, with its conflict-of-interest declaration. */
export const providerInterestSchema = z.object({
  providerName: requiredText('Provider name', 200),
  contact: optionalText('Contact', 200),
  summary: requiredText('What the provider could offer', 4000),
  hasConflict: z.boolean(),
  conflictDetail: optionalText('The conflict of interest', 2000),
  declaredBy: personIdSchema,
  declaredAt: isoDate,
  /**
   * The votes on this idea (round ids) in which whoever sent it had declared a conflict of interest
   * before: the interest is flagged to the PM (SPEC 3.1). Absent when there were none.
   */
  declaredConflictIn: z.array(z.string()).optional(),
});
export type ProviderInterest = z.infer<typeof providerInterestSchema>;

/** Stage 7: one specialist area's sign-off. */
export const signOffSchema = z.object({
  area: z.enum(SPECIALIST_AREAS),
  note: optionalText('The note', 2000),
  signedBy: personIdSchema,
  signedAt: isoDate,
});
export type SignOff = z.infer<typeof signOffSchema>;

/** Stage 8: the final proposal. */
export const finalProposalSchema = z.object({
  evaluation: requiredText('Evaluation approach', 4000),
  benefits: requiredText('Benefits', 4000),
  successCriteria: requiredText('Measurable success criteria', 4000),
  /**
   * The day of the committee meeting that decides on it (`YYYY-MM-DD`). Asked of every new final
   * proposal; those saved by earlier releases have none, and the stage's gate asks for it.
   */
  committeeDate: calendarDay('The committee date').optional(),
  updatedBy: personIdSchema,
  updatedAt: isoDate,
});
export type FinalProposal = z.infer<typeof finalProposalSchema>;

/**
 * Stage 8: the equality, health inequalities and public engagement screening: for each, whether it
 * applies to the pilot, and why (a reason either way).
 */
export const screeningSchema = z.object({
  equalityApplicable: z.boolean({ error: 'Choose yes or no for the equality impact.' }),
  equalityWhy: requiredText('A reason for the equality impact answer', 2000),
  healthInequalitiesApplicable: z.boolean({ error: 'Choose yes or no for health inequalities.' }),
  healthInequalitiesWhy: requiredText('A reason for the health inequalities answer', 2000),
  publicEngagementApplicable: z.boolean({ error: 'Choose yes or no for public engagement.' }),
  publicEngagementWhy: requiredText('A reason for the public engagement answer', 2000),
  recordedBy: personIdSchema,
  recordedAt: isoDate,
});
export type Screening = z.infer<typeof screeningSchema>;

/** Stage 8: the Joint Commissioning Committee's decision. */
export const jccDecisionSchema = z.object({
  decision: z.enum(['approved', 'deferred', 'rejected']),
  note: optionalText('The note', 2000),
  recordedBy: personIdSchema,
  recordedAt: isoDate,
});
export type JccDecision = z.infer<typeof jccDecisionSchema>;

/** Everything gathered for an idea along the stages. */
/** A figure recorded for a pilot's measure at a check-in. */
export const measureResultSchema = z.object({
  value: z.number({ error: 'Please give the figure as a number.' }).finite(),
  comment: optionalText('The comment', 2000),
  recordedBy: z.string(),
  recordedAt: isoDate,
});
export type MeasureResult = z.infer<typeof measureResultSchema>;

/** A success criterion as a measure (SPEC 2.2): from a baseline to a target, with an owner and review dates. */
export const measureSchema = z.object({
  /** `M1`, `M2`, ... on its idea; never reused, so a check-in names the measure it was for. */
  id: z.string().regex(/^M[1-9][0-9]{0,3}$/),
  name: requiredText('What is measured', 300),
  baseline: z.number({ error: 'Please give the baseline as a number.' }).finite(),
  target: z.number({ error: 'Please give the target as a number.' }).finite(),
  unit: requiredText('The unit', 60),
  /** A person the bot knows (a chat account, or someone registered without one: the PM is then reminded). */
  owner: z.string().min(1).max(210),
  reviewDates: z.array(calendarDay('A review date')).min(1).max(12),
  results: z.array(measureResultSchema).optional(),
  addedBy: z.string(),
  addedAt: isoDate,
});
export type Measure = z.infer<typeof measureSchema>;

/** Getting a pilot ready: the contracted provider and when the first people start. */
export const mobilisationSchema = z.object({
  provider: requiredText('The contracted provider', 200),
  contractedOn: calendarDay('The date the contract was signed'),
  cohortStart: calendarDay('The cohort start date'),
  cohortSize: z.number({ error: 'Please give how many people as a number.' }).int().positive().max(100000).optional(),
  recordedBy: z.string(),
  recordedAt: isoDate,
});
export type Mobilisation = z.infer<typeof mobilisationSchema>;

/** What the evaluation decided, why, and what was learnt (a stopped pilot is a valid, recorded outcome). */
export const pilotOutcomeSchema = z.object({
  outcome: z.enum(PILOT_OUTCOMES, { error: 'Choose mainstream, extend or stop.' }),
  reason: requiredText('Why (the reason)', 4000),
  lessons: requiredText('The lessons learnt', 4000),
  /** For an extension: when the measures are next reviewed. */
  nextReviewDate: calendarDay('The next review date').optional(),
  recordedBy: z.string(),
  recordedAt: isoDate,
});
export type PilotOutcomeRecord = z.infer<typeof pilotOutcomeSchema>;

export const artefactsSchema = z.object({
  criteria: criteriaCheckSchema.optional(),
  evidence: z.array(evidenceEntrySchema).default([]),
  noPrecedent: noPrecedentSchema.optional(),
  outline: outlineSchema.optional(),
  /** The risk register; absent on ideas stored before it (stored data is read as it is, without defaults). */
  risks: z.array(riskSchema).optional(),
  options: optionsSchema.optional(),
  shortlist: shortlistDecisionSchema.optional(),
  funding: fundingSchema.optional(),
  interests: z.array(providerInterestSchema).default([]),
  requiredSpecialists: z.array(z.enum(SPECIALIST_AREAS)).default([]),
  /** When the PM marked which specialist areas must sign off (an empty list is a valid answer once marked). */
  specialistsMarkedAt: isoDate.optional(),
  signOffs: z.array(signOffSchema).default([]),
  finalProposal: finalProposalSchema.optional(),
  screening: screeningSchema.optional(),
  caseDraftedAt: isoDate.optional(),
  decision: jccDecisionSchema.optional(),
  /** The pilot's measures (SPEC 2.2), its mobilisation and the evaluation's outcome; absent before approval. */
  measures: z.array(measureSchema).optional(),
  mobilisation: mobilisationSchema.optional(),
  pilotOutcome: pilotOutcomeSchema.optional(),
  /** Stage artefacts a council declared itself (src/artefacts), by kind. */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type Artefacts = z.infer<typeof artefactsSchema>;
