/**
 * Short strings that recur across ideas and rounds (person ids, roles, statuses, priority labels, event
 * types), kept once: a freshly parsed record holds its own copy of each, and ten thousand ideas hold these
 * strings hundreds of thousands of times. Timestamps are left alone (each is nearly always unique).
 */
const interned = new Map<string, string>();
const INTERN_MAX_LENGTH = 64;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT/;

/** The one kept copy of a short recurring string (the string itself when it is not worth keeping once). */
function intern(text: string): string {
  if (text.length > INTERN_MAX_LENGTH || TIMESTAMP.test(text)) return text;
  const kept = interned.get(text);
  if (kept !== undefined) return kept;
  interned.set(text, text);
  return text;
}

/** Freezes a JSON-like value and everything inside it (already-frozen parts are skipped), then returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * As {@link deepFreeze}, replacing short strings by their interned copies on the way. For ideas and rounds
 * only: the interned copies live as long as the process, so nothing that storage must be able to forget
 * (ballots, people's names) goes through here. The value must be freshly parsed and not yet shared: its
 * properties are rewritten in place before it is frozen.
 */
export function deepFreezeInterned<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (typeof child === 'string') record[key] = intern(child);
    else deepFreezeInterned(child);
  }
  return Object.freeze(value);
}
