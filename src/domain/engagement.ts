import { z } from 'zod';
import { isoDate, personIdSchema, requiredText } from './text.js';

/** Kinds of offline engagement a facilitator or PM can log (SPEC 3.1), with the words people read. */
export const ENGAGEMENT_KINDS = [
  { id: 'workshop', label: 'Workshop' },
  { id: 'focus_group', label: 'Focus group' },
  { id: 'survey', label: 'Survey' },
  { id: 'visit', label: 'Visit' },
  { id: 'phone', label: 'Phone calls' },
] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number]['id'];
export const ENGAGEMENT_KIND_IDS = ENGAGEMENT_KINDS.map((k) => k.id) as [EngagementKind, ...EngagementKind[]];

/** Who took part: `label` on the form, `short` in sentences ("14 people (carers, care providers)"). */
export const ENGAGEMENT_GROUPS = [
  {
    id: 'experts_by_experience',
    label: 'Experts by experience (people who draw on care)',
    short: 'experts by experience',
  },
  { id: 'carers', label: 'Carers', short: 'carers' },
  { id: 'providers', label: 'Care providers', short: 'care providers' },
  { id: 'staff', label: 'Council and NHS staff', short: 'council and NHS staff' },
  { id: 'community', label: 'Voluntary and community groups', short: 'voluntary and community groups' },
  { id: 'others', label: 'Others', short: 'others' },
] as const;
export type EngagementGroup = (typeof ENGAGEMENT_GROUPS)[number]['id'];
export const ENGAGEMENT_GROUP_IDS = ENGAGEMENT_GROUPS.map((g) => g.id) as [EngagementGroup, ...EngagementGroup[]];

/** The kind of a session in words ("Focus group"). */
export function engagementKindLabel(kind: string): string {
  return ENGAGEMENT_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** Who took part, in words for a sentence ("experts by experience, carers"). */
export function engagementGroupWords(groups: readonly string[]): string {
  return groups.map((g) => ENGAGEMENT_GROUPS.find((x) => x.id === g)?.short ?? g).join(', ');
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` naming a day that exists (no 30 February). */
function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** A day as stored: `YYYY-MM-DD`, a real calendar date. */
const calendarDay = z
  .string({ error: 'The date is needed.' })
  .trim()
  .regex(DAY, { error: 'Please give the date as year-month-day, for example 2026-03-12.' })
  .refine(isCalendarDay, { error: 'That date does not exist. Please check the day and the month.' });

/** One session of offline engagement on an idea, as stored. */
export const engagementSchema = z.object({
  kind: z.enum(ENGAGEMENT_KIND_IDS, { error: 'Choose what kind of engagement it was.' }),
  date: calendarDay,
  numberOfPeople: z
    .number({ error: 'Please give how many people took part, as a number.' })
    .int({ error: 'Please give how many people took part as a whole number.' })
    .min(1, { error: 'At least 1 person must have taken part.' })
    .max(100_000, { error: 'That is more people than we can log at once: at most 100,000, please.' }),
  groups: z
    .array(z.enum(ENGAGEMENT_GROUP_IDS, { error: 'Choose who took part from the list.' }))
    .min(1, { error: 'Choose at least one group who took part.' })
    .max(ENGAGEMENT_GROUP_IDS.length)
    .transform((groups) => ENGAGEMENT_GROUP_IDS.filter((g) => groups.includes(g))),
  whatTheySaid: requiredText('What they said', 4000),
  recordedBy: personIdSchema,
  recordedAt: isoDate,
});
export type Engagement = z.infer<typeof engagementSchema>;

/** The London calendar day of a moment, `YYYY-MM-DD` (the council's day, as its papers date things). */
export function londonDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
}

/**
 * What a person enters on the `consult` form. The engagement has happened, so its date may not be
 * after `today` (the council's day, from the injected clock).
 */
export function engagementInputSchema(today: string) {
  return engagementSchema.omit({ recordedBy: true, recordedAt: true }).extend({
    date: calendarDay.refine((day) => day <= today, {
      error: 'That date is in the future. Please log a session once it has taken place.',
    }),
  });
}
export type EngagementInput = z.infer<ReturnType<typeof engagementInputSchema>>;
