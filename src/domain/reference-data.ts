/** Reference data from the council's source reports (SPEC 2.1): stages, criteria, outcomes, priorities, roles. */

/** The eight stages, in order. */
export const STAGES = [
  'longlist',
  'review',
  'outline',
  'shortlist',
  'funding',
  'provider_scoping',
  'specialist_engagement',
  'final_proposal',
] as const;
export type Stage = (typeof STAGES)[number];

/**
 * After the JCC approves it, an idea is a pilot (SPEC 2.2): approved, then mobilising (provider contracted,
 * cohort identified), live (running; check-ins due), evaluated (results and people's views recorded), and
 * extended (a further period, back to live). Each is a phase with a gate, as the eight stages are.
 */
export const PILOT_PHASES = ['approved', 'mobilising', 'live', 'evaluated', 'extended'] as const;
export type PilotPhase = (typeof PILOT_PHASES)[number];

/** Where an idea can end up: before approval (rejected, withdrawn), or as a pilot (mainstreamed, stopped). */
export const END_STATES = ['mainstreamed', 'stopped', 'rejected', 'withdrawn'] as const;
export type EndState = (typeof END_STATES)[number];

/** Every status of an idea the JCC approved: its pilot's phases and how the pilot ended. */
export const APPROVED_STATUSES = [...PILOT_PHASES, 'mainstreamed', 'stopped'] as const;

/** A stage or a pilot phase: where an idea is worked on, with a gate to leave it. */
export type Phase = Stage | PilotPhase;

/** Every status an idea can have: a stage, on hold, a pilot phase, or an end state. */
export const STATUSES = [...STAGES, 'on_hold', ...PILOT_PHASES, ...END_STATES] as const;
export type Status = (typeof STATUSES)[number];

/** Names people read for each status. */
export const STATUS_LABELS: Record<Status, string> = {
  longlist: '1. Longlist',
  review: '2. Review of similar work',
  outline: '3. Outline proposal',
  shortlist: '4. Shortlist',
  funding: '5. Funding',
  provider_scoping: '6. Provider scoping',
  specialist_engagement: '7. Specialist engagement',
  final_proposal: '8. Final proposal',
  on_hold: 'On hold',
  approved: 'Approved by the JCC',
  mobilising: 'Pilot: getting ready',
  live: 'Pilot: running',
  evaluated: 'Pilot: evaluated',
  extended: 'Pilot: extended',
  mainstreamed: 'Pilot mainstreamed',
  stopped: 'Pilot stopped',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

/** True for a pilot phase (approved and after, not on hold or ended). */
export function isPilotPhase(status: string): status is PilotPhase {
  return (PILOT_PHASES as readonly string[]).includes(status);
}

/** How a pilot ends once evaluated, and the phase or end state each leads to. */
export const PILOT_OUTCOMES = ['mainstream', 'extend', 'stop'] as const;
export type PilotOutcome = (typeof PILOT_OUTCOMES)[number];
export const PILOT_OUTCOME_LABELS: Record<PilotOutcome, string> = {
  mainstream: 'Mainstream it: adopt it into the service specification',
  extend: 'Extend it: run it for a further period',
  stop: 'Stop it: it did not work as hoped (a valid outcome)',
};

/** The basic criteria a PM confirms at stage 1. */
export const BASIC_CRITERIA = [
  { id: 'independence', label: 'Supports people to live independently at home' },
  { id: 'outcomes_focus', label: 'Focused on outcomes rather than time and task' },
  { id: 'small_cohort', label: 'Can start with a small cohort' },
  { id: 'framework_scope', label: "Fits the framework's scope (CQC-regulated homecare in the area)" },
  { id: 'service_user_involvement', label: 'Service users can be kept involved' },
] as const;
export type CriterionId = (typeof BASIC_CRITERIA)[number]['id'];
export const CRITERION_IDS = BASIC_CRITERIA.map((c) => c.id) as [CriterionId, ...CriterionId[]];

/** Outcomes an idea can target (Appendix 1 of the source report), grouped. */
export const OUTCOMES = [
  { id: 'person_home_longer', group: 'person', label: 'Stay living at home for longer' },
  { id: 'person_own_plan', group: 'person', label: 'Set their own care plan and goals with their provider' },
  { id: 'person_family_involved', group: 'person', label: 'Family, carers and friends stay involved' },
  { id: 'person_independence', group: 'person', label: 'Improved independence and daily tasks' },
  { id: 'person_flexibility', group: 'person', label: 'More flexibility' },
  { id: 'person_goals', group: 'person', label: 'Supported to achieve goals' },
  { id: 'person_community_options', group: 'person', label: 'A range of community options' },
  { id: 'services_trained_workers', group: 'services', label: 'Care workers well trained and supported' },
  { id: 'services_recruitment', group: 'services', label: 'More people want to work in care' },
  { id: 'services_consistent_workforce', group: 'services', label: 'A more consistent workforce' },
  { id: 'services_know_clients', group: 'services', label: 'Care workers know their clients better' },
  { id: 'services_joint_working', group: 'services', label: 'Commissioners and providers work better together' },
  {
    id: 'services_partnership',
    group: 'services',
    label: 'Better partnership between care workers, social workers and health staff',
  },
  { id: 'community_voluntary', group: 'community', label: 'Bigger role for voluntary and mainstream services' },
  { id: 'community_less_acute', group: 'community', label: 'Less pressure on acute NHS services' },
  { id: 'community_greatest_need', group: 'community', label: 'Paid-for care available for those with greatest need' },
  { id: 'community_sustainable_market', group: 'community', label: 'A more sustainable care market' },
  { id: 'community_information', group: 'community', label: 'Better information to choose care' },
] as const;
export type OutcomeId = (typeof OUTCOMES)[number]['id'];
export const OUTCOME_IDS = OUTCOMES.map((o) => o.id) as [OutcomeId, ...OutcomeId[]];
export const OUTCOME_GROUP_LABELS = {
  person: 'For the person',
  services: 'For services',
  community: 'For the community',
} as const;

/** Where an idea came from. */
export const IDEA_SOURCES = [
  { id: 'stakeholder', label: 'Stakeholder' },
  { id: 'carers_group', label: 'Carers group' },
  { id: 'provider_forum', label: 'Provider forum' },
  { id: 'experts_by_experience', label: 'Experts by experience' },
  { id: 'staff', label: 'Staff' },
] as const;
export type IdeaSource = (typeof IDEA_SOURCES)[number]['id'];
export const IDEA_SOURCE_IDS = IDEA_SOURCES.map((s) => s.id) as [IdeaSource, ...IdeaSource[]];

/** Default system and strategic priorities for shortlist scoring (equal weights). */
/** A strategic priority voters score: the council's formal label, a short everyday form, and its weight. */
export interface Priority {
  id: string;
  label: string;
  short?: string;
  weight: number;
}

export const DEFAULT_PRIORITIES: Priority[] = [
  {
    id: 'independence',
    label: 'Maximises independence and reduces demand on formal care',
    short: 'Helps people stay independent',
    weight: 1,
  },
  {
    id: 'capacity',
    label: 'Makes best use of existing capacity through flexible delivery',
    short: 'Makes good use of the care we have',
    weight: 1,
  },
  {
    id: 'workforce',
    label: 'Supports the care workforce (recruitment, retention, professional profile)',
    short: 'Good for care workers',
    weight: 1,
  },
  {
    id: 'discharge',
    label: 'Supports hospital discharge and avoids admission',
    short: 'Helps people get home from hospital',
    weight: 1,
  },
  {
    id: 'access',
    label: 'Improves access where care is hard to source (rural areas)',
    short: 'Care where it is hard to find',
    weight: 1,
  },
  { id: 'value', label: 'Value for money at a fair price of care', short: 'Good value for money', weight: 1 },
  {
    id: 'coproduction',
    label: 'Co-produced with people who use services and their carers',
    short: 'Made with people who use care',
    weight: 1,
  },
];

/** Pilot principles shown in the outline form and the business case. */
export const PILOT_PRINCIPLES = [
  'Start with small cohorts',
  'Keep it simple',
  'Progress at an agreed pace with stakeholders',
  'Service users understand, agree and stay involved',
  'It is acceptable to test ideas that do not work',
];

/** Specialist areas that sign off at stage 7. */
export const SPECIALIST_AREAS = ['procurement', 'finance', 'social_work', 'applications'] as const;
export type SpecialistArea = (typeof SPECIALIST_AREAS)[number];
export const SPECIALIST_LABELS: Record<SpecialistArea, string> = {
  procurement: 'Procurement',
  finance: 'Finance',
  social_work: 'Social work',
  applications: 'Applications / IT',
};

/** How likely a risk is, and how much harm it would do: a risk register's three levels. */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** Roles a person can hold. */
export const ROLES = ['admin', 'pm', 'expert', 'provider', 'facilitator', 'committee', ...SPECIALIST_AREAS] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  pm: 'Project manager',
  expert: 'Expert by experience',
  provider: 'Provider',
  facilitator: 'Facilitator',
  committee: 'Committee member',
  procurement: 'Procurement specialist',
  finance: 'Finance specialist',
  social_work: 'Social work specialist',
  applications: 'Applications / IT specialist',
};

/** Funding sources offered at stage 5. */
export const FUNDING_SOURCES = [
  { id: 'bcf', label: 'Better Care Fund' },
  { id: 'ibcf', label: 'Improved Better Care Fund' },
  { id: 'council', label: 'Council budget' },
  { id: 'ccg', label: 'CCG' },
  { id: 'grant', label: 'Grant' },
  { id: 'other', label: 'Other' },
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number]['id'];
export const FUNDING_SOURCE_IDS = FUNDING_SOURCES.map((f) => f.id) as [FundingSource, ...FundingSource[]];

/** Voting constituencies: tallies and quorum are kept per constituency. */
export const CONSTITUENCIES = ['experts', 'providers', 'others'] as const;
export type Constituency = (typeof CONSTITUENCIES)[number];
export const CONSTITUENCY_LABELS: Record<Constituency, string> = {
  experts: 'Experts by experience',
  providers: 'Providers',
  others: 'Others',
};
