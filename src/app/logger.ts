import pino from 'pino';
import type { LogLevel } from '../config/settings.js';
import type { Logger } from '../workflows/deps.js';

/** What a secret becomes in a log line, whether found by its key or by its value. */
export const REDACTED = '[redacted]';

/** Keys whose values never reach a log line, at the top of the context or one level down. */
const SECRET_KEYS = [
  'token',
  'password',
  'secret',
  'clientSecret',
  'signingSecret',
  'botToken',
  'appToken',
  'authorization',
  'cookie',
];
const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  ...['authorization', 'Authorization', 'cookie', 'Cookie'].flatMap((h) => [`headers.${h}`, `*.headers.${h}`]),
];

/** Settings whose names end like this hold secrets: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, clientSecret, ... */
const SECRET_NAME = /(secret|token|password|passwd|_key|apikey)$/i;

/**
 * Shorter values are not looked for in log lines: they would mask ordinary words (and every secret the bot
 * is given is longer: Slack's tokens and signing secret, Entra client secrets).
 */
const MIN_SECRET_LENGTH = 8;

/** The secret values in an environment: every setting named like a secret, and the password in MONGODB_URI. */
export function secretsIn(env: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(env))
    if (value && SECRET_NAME.test(name)) found.add(value).add(value.trim());
  const password = /^mongodb(?:\+srv)?:\/\/[^:@/]*:([^@/]+)@/.exec(env.MONGODB_URI ?? '')?.[1];
  if (password) {
    found.add(password);
    try {
      found.add(decodeURIComponent(password));
    } catch {}
  }
  return [...found].filter((value) => value.length >= MIN_SECRET_LENGTH);
}

/**
 * The bot's logger: one JSON line per message (`level`, `time`, `msg`, then the context) on stderr, which
 * keeps stdout for what start-up tells the person running it. An error under `err` keeps its type, message,
 * stack and causes. Secrets are masked twice: by key (pino's `redact`), and by value wherever they appear
 * in the line, an error's message or stack included, since a library may put a token in either.
 */
export function createLogger(
  options: { level?: LogLevel; destination?: pino.DestinationStream; secrets?: readonly string[] } = {},
): Logger {
  const base = pino(
    {
      level: options.level ?? 'info',
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      // `err` is serialised by `fields` below, before pino sees it (so a thrown `undefined` is said too).
      serializers: { err: (value: unknown) => value },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: masker(options.secrets ?? []) },
    },
    // Synchronous, so the last lines are written before the process exits.
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return wrap(base);
}

function wrap(log: pino.Logger): Logger {
  return {
    info: (message, context) => log.info(fields(context), message),
    warn: (message, context) => log.warn(fields(context), message),
    error: (message, context) => log.error(fields(context), message),
    child: (bindings) => wrap(log.child(bindings)),
  };
}

/** The context as pino takes it, with its `err` serialised. */
function fields(context: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!context || !('err' in context)) return context ?? {};
  return { ...context, err: serializeError(context.err) };
}

/**
 * The fields of an error that are logged besides its type, message and stack: codes and statuses only.
 * Its other fields are left out, as they may hold whole documents: an HTTP client's request body (a
 * vote's confirmation, addressed to the voter), a response, a driver's failed write.
 */
const ERROR_FIELDS = new Set(['type', 'message', 'stack', 'code', 'errno', 'syscall', 'status', 'statusCode']);

/**
 * An error as pino serialises it (type, message and stack, each with its causes), with its codes, and
 * its nested errors (`original`, an AggregateError's) alike. Anything else thrown (a string, a number,
 * an object) is said for what it is.
 */
function serializeError(value: unknown): unknown {
  if (!isErrorLike(value)) return { type: value === null ? 'null' : typeof value, message: describe(value) };
  return keptFields(pino.stdSerializers.err(value as Error) as unknown as Record<string, unknown>);
}

function keptFields(serialized: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(serialized)) {
    if (ERROR_FIELDS.has(key) && (typeof field === 'string' || typeof field === 'number')) kept[key] = field;
    else if (key === 'aggregateErrors' && Array.isArray(field))
      kept[key] = field.map((e: Record<string, unknown>) => keptFields(e));
    else if (isErrorLike(field) && typeof Reflect.get(field, 'stack') === 'string')
      kept[key] = keptFields(field as Record<string, unknown>);
  }
  return kept;
}

function isErrorLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'message') === 'string';
}

/** A thrown value that is not an error: itself, or for an object its field names (its values may be a document). */
function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  return `${Object.prototype.toString.call(value)} with fields: ${Object.keys(value).join(', ') || 'none'}`;
}

/** Replaces each secret, as it reads inside a JSON string, with {@link REDACTED}; longest first, so none is half-masked. */
function masker(secrets: readonly string[]): (line: string) => string {
  const needles = [...new Set(secrets.map((s) => JSON.stringify(s).slice(1, -1)))].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const needle of needles) if (out.includes(needle)) out = out.replaceAll(needle, REDACTED);
    return out;
  };
}
