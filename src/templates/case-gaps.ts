/** The clearly marked placeholders a business case shows where the record has nothing yet. */

/** What each gap says: what is missing and where in the process it gets recorded. */
export const GAP_TEXT = {
  criteria: 'basic criteria not confirmed yet — a PM confirms them at stage 1',
  evidence: 'no evidence from elsewhere recorded yet — add it at stage 2',
  outline: 'no outline proposal recorded yet — add it at stage 3',
  risks: 'no risks recorded yet — add them in the outline proposal at stage 3',
  rounds: 'no closed voting round yet — open and close one at stage 4',
  shortlist: 'no shortlisting decision recorded yet — record it at stage 4',
  funding: 'no funding recorded yet — add it at stage 5',
  providers: 'no provider expression of interest recorded yet — add it at stage 6',
  specialists: 'no specialist areas marked as required and no sign-offs yet — mark them at stage 7',
  signOff: 'not signed off yet — stage 7',
  finalProposal: 'no evaluation approach, benefits or success criteria recorded yet — add them at stage 8',
  recommendation: 'the recommendation needs the outline proposal (stage 3) and the funding (stage 5)',
  consultation: 'no votes, comments, provider interest or offline engagement recorded yet',
  statutory: 'statutory considerations — the report author adds them (the pilot process does not collect them)',
  name: 'name not known — the report author adds it',
  meetingDate: 'no committee date recorded yet — add it to the final proposal at stage 8',
  openOrExempt: 'open or exempt — the report author decides, with the committee clerk',
  authorContact: 'the report author’s contact details — the report author adds them',
  rationale: 'no vote, shortlisting reason or evidence recorded yet — the report author gives the reasons',
  unmetCriteria: 'a basic criterion is not confirmed — a PM confirms it at stage 1, or the report explains why',
  whatChanged: 'what changed as a result of co-production — the report author adds it',
  financialYear: 'the financial year — set once the committee date is recorded',
  clearanceFinance: 'finance (Section 151 officer) clearance — the report author obtains it',
  clearanceLegal: 'monitoring officer (legal) clearance — the report author obtains it',
  climate: 'climate change implications — the report author adds them',
  reportBack: 'the date the pilot reports back — set once the committee date and the pilot’s length are recorded',
  options: 'other options considered, including doing nothing — recorded with the outline at stage 3',
  backgroundPapers: 'any other background papers — the report author lists them',
  equality:
    'no equality, health inequalities and public engagement screening recorded yet — a PM records it at stage 8',
} as const;

/** A gap's name. */
export type GapKey = keyof typeof GAP_TEXT;

/** The placeholder as printed: `[GAP: no funding recorded yet — add it at stage 5]`. */
export function gapText(key: GapKey): string {
  return `[GAP: ${GAP_TEXT[key]}]`;
}

/** Whether a string names a gap (templates pass gap names as strings). */
export function isGapKey(value: unknown): value is GapKey {
  return typeof value === 'string' && Object.hasOwn(GAP_TEXT, value);
}
