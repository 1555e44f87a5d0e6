import { z } from 'zod';

/** Trimmed text, not blank, at most `max` characters; messages are written for people filling in forms. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is needed.` })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${label} is needed.` })
        .max(max, { error: `${label} is too long: at most ${max} characters, please.` }),
    );
}

/** Trimmed optional text; blank becomes undefined. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .optional()
    .transform((value) => {
      const trimmed = value?.replace(/\r\n?/g, '\n').trim();
      return trimmed ? trimmed : undefined;
    })
    .pipe(
      z
        .string()
        .max(max, { error: `${label} is too long: at most ${max} characters, please.` })
        .optional(),
    );
}

/** A platform-qualified person id: `slack:U123` or `teams:<aad object id>`. */
export const personIdSchema = z.string().regex(/^(slack|teams|local):[A-Za-z0-9._:@-]{1,200}$/, {
  error: 'A person is written as slack:U123 or teams:<id>.',
});
export type PersonId = z.infer<typeof personIdSchema>;

/** An ISO-8601 timestamp. */
export const isoDate = z.iso.datetime({ offset: true });

/**
 * A calendar day written `YYYY-MM-DD` (a committee date): a real date (no 30 February), any year from
 * 2000 to 2099, past or future. Messages show the format by example, for people filling in forms.
 */
export function calendarDay(label: string) {
  const example = `Please write ${label.toLowerCase()} as year-month-day, for example 2027-03-15.`;
  return z
    .string({ error: `${label} is needed.` })
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(1, { error: `${label} is needed.` })
        .regex(/^20\d\d-\d\d-\d\d$/, { error: example })
        .refine(isRealDay, { error: `That day is not on the calendar. ${example}` }),
    );
}

/** Whether `YYYY-MM-DD` names a day that exists (2027-02-29 does not). */
function isRealDay(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
