import { z } from 'zod';
import { GAP_TEXT, type GapKey } from './case-gaps.js';

const text = z.string();
const maybe = z.string().nullable();
/** Who recorded something and when (display name, formatted date). */
const recorded = { recordedBy: text, recordedOn: text };

/** A table ready to print: column headings, then rows of a label and one cell per column. */
export const caseTableSchema = z.object({
  columns: z.array(text),
  rows: z.array(z.object({ label: text, cells: z.array(text) })),
});
export type CaseTable = z.infer<typeof caseTableSchema>;

/** One closed voting round, from its frozen result only (never individual votes). */
export const caseRoundSchema = z.object({
  id: text,
  kind: z.enum(['support', 'score']),
  kindLabel: text,
  anonymous: z.boolean(),
  openedOn: text,
  closedOn: text,
  overall: maybe,
  quorumReached: z.boolean(),
  voters: z.number(),
  tally: caseTableSchema,
  conflicts: z.array(text),
  reasons: z.array(text),
});
export type CaseRound = z.infer<typeof caseRoundSchema>;

/** One answer of the equality, health inequalities and public engagement screening (stage 8). */
const screeningAnswerSchema = z.object({
  applicable: z.boolean(),
  /** `Applicable` or `Not applicable`, as the paper prints it. */
  answer: text,
  reason: text,
});

const gapKeys = Object.keys(GAP_TEXT) as [GapKey, ...GapKey[]];

/** The data behind a business case (and the `business-case.md.hbs` / `case-summary.md.hbs` templates). */
export const caseDataSchema = z.object({
  meta: z.object({
    ideaId: text,
    title: text,
    author: text,
    preparedOn: text,
    status: text,
    submitter: text,
    submittedOn: text,
    source: text,
    caseDraftedOn: maybe,
    /** The report author's role ("Project manager, innovation pilots"). */
    authorRole: text,
    /** The committee the paper goes to. */
    committee: text,
    /** The meeting date (the final proposal's committee date), or null: a gap. */
    meetingDate: maybe,
    /** The UK financial year of the meeting ("2026/27"), or null. */
    financialYear: maybe,
    /** When the pilot reports back to the committee (meeting date plus its duration), or null. */
    reportBackBy: maybe,
  }),
  /** The vote in one sentence for the summary (SPEC 4), from the latest closed round's fair result; null without one. */
  voteHeadline: maybe,
  /** Why the recommendation is made, from what was recorded (the vote, the shortlisting reason, evidence); null: a gap. */
  rationale: maybe,
  /** Where each part of the paper came from: who recorded it and when (the audit appendix). */
  provenance: z.array(z.object({ what: text, ...recorded })),
  summary: text,
  problem: text,
  approach: text,
  beneficiaries: text,
  principles: z.array(text),
  criteria: z.object({ met: z.array(text), notMet: z.array(text), note: maybe, ...recorded }).nullable(),
  evidence: z.array(z.object({ source: text, whatHappened: text, lesson: text, ...recorded })),
  noPrecedent: z.object({ note: text, ...recorded }).nullable(),
  outline: z
    .object({
      objectives: text,
      cohort: text,
      cohortSize: z.number(),
      durationMonths: z.number(),
      approach: text,
      /**
       * The risks as one text, for templates written before the risk register: the register's risks
       * (one paragraph each), then any `risksNote`. Templates that know `risks` below should use it instead.
       */
      risks: text,
      /** The outline's own risks text, kept from outlines written before the risk register; null otherwise. */
      risksNote: maybe,
      ...recorded,
    })
    .nullable(),
  /** The risk register (stage 3), oldest first; levels as the paper prints them (`Low`, `Medium`, `High`). */
  risks: z.array(z.object({ risk: text, likelihood: text, impact: text, mitigation: text, owner: text, ...recorded })),
  /** The other options considered, doing nothing among them (stage 3). */
  options: z.object({ doNothing: text, alternatives: text, ...recorded }).nullable(),
  shortlist: z
    .object({ shortlisted: z.boolean(), override: z.boolean(), reason: maybe, roundId: text, ...recorded })
    .nullable(),
  rounds: z.array(caseRoundSchema),
  comments: z.array(z.object({ author: text, on: text, text })),
  /** Offline engagement logged by facilitators and PMs (SPEC 3.1), in the order it took place. */
  engagements: z.array(
    z.object({
      kind: text,
      date: text,
      numberOfPeople: z.number(),
      /** Who took part, in words ("experts by experience, carers"). */
      groups: text,
      whatTheySaid: text,
      ...recorded,
    }),
  ),
  consultation: z
    .object({
      rounds: z.number(),
      voters: z.number(),
      comments: z.number(),
      interests: z.number(),
      /** Offline engagement sessions, and the people taking part summed over them (a head count per session). */
      engagements: z.number(),
      engagementPeople: z.number(),
    })
    .nullable(),
  outcomes: z.array(z.object({ group: text, items: z.array(text) })),
  funding: z
    .object({ source: text, detail: maybe, amount: text, amountValue: z.number(), budgetHolder: text, ...recorded })
    .nullable(),
  providers: z.array(
    z.object({
      name: text,
      contact: maybe,
      summary: text,
      hasConflict: z.boolean(),
      conflict: maybe,
      /** Set when whoever sent it had declared a conflict on the idea when voting (SPEC 3.1's flag). */
      flag: maybe,
      ...recorded,
    }),
  ),
  conflicts: z.array(z.object({ from: text, detail: text })),
  specialists: z.array(z.object({ area: text, required: z.boolean(), signedBy: maybe, signedOn: maybe, note: maybe })),
  finalProposal: z
    .object({
      evaluation: text,
      benefits: text,
      successCriteria: text,
      /** The committee meeting's day as the paper prints it (`15 March 2027`); null on proposals saved before it was asked. */
      committeeDate: maybe,
      ...recorded,
    })
    .nullable(),
  /** The equality, health inequalities and public engagement screening (stage 8). */
  screening: z
    .object({
      equality: screeningAnswerSchema,
      healthInequalities: screeningAnswerSchema,
      publicEngagement: screeningAnswerSchema,
      ...recorded,
    })
    .nullable(),
  decision: z.object({ decision: text, note: maybe, ...recorded }).nullable(),
  /** Data of the stage artefacts a council declared itself, by kind (built-in ones have their own fields above). */
  recorded: z.record(z.string(), z.unknown()).default({}),
  /** The open gaps, in the order of the paper (listed first, so the officer sees what is left to do). */
  gaps: z.array(z.enum(gapKeys)),
});
export type CaseData = z.infer<typeof caseDataSchema>;
