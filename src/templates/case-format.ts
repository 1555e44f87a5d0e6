/** Display formatting shared by the business-case data, the Markdown template and the .docx renderer. */

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

const MONEY_FORMAT = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});

/** `2026-03-03T10:00:00Z` → `3 March 2026` (UK time, as a committee paper writes dates). */
export function formatDate(value: string | Date): string {
  return DATE_FORMAT.format(typeof value === 'string' ? new Date(value) : value);
}

/** `12500` → `£12,500`; pence are shown only when there are some. */
export function formatMoney(amount: number): string {
  return MONEY_FORMAT.format(amount);
}

/** A person's display name from the names map, falling back to their id. */
export function displayName(names: Record<string, string>, personId: string): string {
  const name = names[personId]?.trim();
  return name ? name : personId;
}

/** `1` → `1 person`, `2` → `2 people`, given both forms. */
export function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A number with at most one decimal place: `3.75` → `3.8`, `4` → `4`. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
