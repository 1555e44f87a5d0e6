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
