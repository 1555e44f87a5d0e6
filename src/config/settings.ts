import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_PRIORITIES, ROLES } from '../domain/reference-data.js';
import { DEFAULT_STAGE_DAYS } from '../domain/stage-targets.js';

/** Days of the week, as the digest setting names them. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** When the weekly digest goes out: a day, a local time and the zone that time is in. */
export const digestScheduleSchema = z.object({
  day: z.enum(WEEKDAYS, { error: `use a day of the week: ${WEEKDAYS.join(', ')}` }).default('monday'),
  time: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'use a 24-hour time like 09:00' })
    .default('09:00'),
  timeZone: z
    .string()
    .refine(isTimeZone, { error: 'use a time zone name like Europe/London' })
    .default('Europe/London'),
});
export type DigestSchedule = z.infer<typeof digestScheduleSchema>;

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { error: 'use true or false' })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const num = (min: number, max: number) => z.coerce.number({ error: 'must be a number' }).min(min).max(max);

/** How much the bot logs (`LOG_LEVEL`): a level keeps its own lines and the more severe ones; `silent` keeps none. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The pipeline rules a council can configure (from a JSON file or environment variables). */
export const pipelineRulesSchema = z.object({
  priorities: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, { error: 'priority ids are lower_snake_case' }),
        label: z.string().min(3).max(200),
        /** A short everyday form of the label, shown to voters beside the formal one (SPEC 3.1). */
        short: z.string().min(3).max(60).optional(),
        weight: z.number().positive().max(100),
      }),
    )
    .min(1)
    .max(12)
    .refine((list) => new Set(list.map((p) => p.id)).size === list.length, { error: 'priority ids must be unique' })
    .default(DEFAULT_PRIORITIES),
  quorum: z
    .object({
      experts: z.number().int().min(0).max(1000).default(3),
      providers: z.number().int().min(0).max(1000).default(2),
      others: z.number().int().min(0).max(1000).default(0),
    })
    .default({ experts: 3, providers: 2, others: 0 }),
  eligibleRoles: z
    .array(z.enum(ROLES))
    .min(1)
    // SPEC 3.1: the people the votes are for. Staff and specialists vote only if a council configures it.
    .default(['expert', 'provider']),
  similarityThreshold: z.number().min(0.05).max(1).default(0.3),
  lowScoreThreshold: z.number().min(1).max(5).default(3),
  roundHours: z
    .number()
    .positive()
    .max(24 * 60)
    .default(72),
  reminderHoursBeforeClose: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  anonymousVotes: z.boolean().default(true),
  hideResultsUntilClose: z.boolean().default(false),
  /** Anonymous rounds: a group with fewer voters than this has its choices withheld (SPEC 3.1). */
  minGroupSize: z.number().int().min(2).max(100).default(3),
  /**
   * Days an idea may spend in a status before it is overdue, keyed by status (`review`, ...); the file's
   * entries are laid over the defaults, so naming one stage keeps the others' defaults.
   */
  stageDays: z
    .record(
      z.string().regex(/^[a-z][a-z_]{0,40}$/, { error: 'keys are statuses like review or provider_scoping' }),
      z.number({ error: 'days must be a number' }).int().min(1).max(3650),
    )
    .default({})
    .transform((days) => ({ ...DEFAULT_STAGE_DAYS, ...days })),
  /** The weekly digest to the PMs and the committee channel (default Monday 09:00, Europe/London). */
  digest: digestScheduleSchema.default({ day: 'monday', time: '09:00', timeZone: 'Europe/London' }),
});
export type PipelineRules = z.infer<typeof pipelineRulesSchema>;

/** Environment variables the bot reads (SPEC 6), each validated with a message naming it. */
const envSchema = z.object({
  PORT: num(0, 65535).int().default(3978),
  DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, { error: 'must start with mongodb:// or mongodb+srv://' })
    .optional(),
  NODE_ENV: z.string().optional(),
  PILOT_ADMINS: csv
    .pipe(z.array(z.string().regex(/^(slack|teams|local):\S+$/, { error: 'ids look like slack:U123 or teams:<id>' })))
    .default([]),
  PILOT_EXPERTS_FORUM: z
    .string()
    .regex(/^slack:[CG][A-Z0-9]+$/, { error: 'a Slack channel id like slack:C123' })
    .optional(),
  PILOT_PROVIDERS_FORUM: z
    .string()
    .regex(/^slack:[CG][A-Z0-9]+$/, { error: 'a Slack channel id like slack:C123' })
    .optional(),
  PILOT_COMMITTEE_CHANNEL: csv
    .pipe(
      z.array(
        z.string().regex(/^(slack:[CG][A-Z0-9]+|teams:\S+)$/, {
          error: 'channel ids look like slack:C123 or teams:<conversation id>, separated by commas',
        }),
      ),
    )
    .default([]),
  PILOT_CONFIG_FILE: z.string().optional(),
  PILOT_QUORUM_EXPERTS: num(0, 1000).int().optional(),
  PILOT_QUORUM_PROVIDERS: num(0, 1000).int().optional(),
  PILOT_QUORUM_OTHERS: num(0, 1000).int().optional(),
  PILOT_SIMILARITY_THRESHOLD: num(0.05, 1).optional(),
  PILOT_LOW_SCORE_THRESHOLD: num(1, 5).optional(),
  PILOT_ROUND_HOURS: num(0.01, 24 * 60).optional(),
  PILOT_REMINDER_HOURS: num(0, 24 * 30).optional(),
  PILOT_ANONYMOUS_VOTES: flag.optional(),
  PILOT_HIDE_RESULTS: flag.optional(),
  PILOT_MIN_GROUP_SIZE: num(2, 100).int().optional(),
  PILOT_DEMO_DATA: flag.default(true),
  PILOT_TEMPLATE_DIR: z.string().optional(),
  PILOT_BOARD_SECRET: z
    .string()
    .min(32, { error: 'use at least 32 random characters (for example: openssl rand -hex 32)' })
    .optional(),
  PILOT_PUBLIC_URL: z.url({ error: 'must be a URL like https://bot.example.org' }).optional(),
  PLAYGROUND: flag.default(true),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xox[bp]-/, { error: 'Slack bot tokens start with xoxb-' })
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, { error: 'Slack app-level tokens start with xapp-' })
    .optional(),
  SLACK_API_URL: z.url().optional(),
  SLACK_TEAM_ID: z.string().optional(),
  clientId: z.string().optional(),
  tenantId: z.string().optional(),
  PILOT_TEAMS_AUTH: z.enum(['on', 'off'], { error: 'use off (testing only) or leave it unset' }).default('on'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `use one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  PILOT_SHUTDOWN_SECONDS: num(0, 600).default(10),
});

/** Everything the process needs, validated once at start-up. */
export interface Settings {
  port: number;
  dataDir: string;
  mongodbUri?: string;
  production: boolean;
  admins: string[];
  forums: { experts?: string; providers?: string };
  /** Where the weekly digest is posted besides the PMs' direct messages (`PILOT_COMMITTEE_CHANNEL`), platform-qualified. */
  committeeChannels: string[];
  rules: PipelineRules;
  demoData: boolean;
  templateDir?: string;
  publicUrl?: string;
  /** Signs board links and sessions (`PILOT_BOARD_SECRET`); the same on every replica. Required in production. */
  boardSecret?: string;
  playground: boolean;
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string; teamId?: string };
  /** Teams: the Entra app (`clientId`, `tenantId`, as the Agents SDK reads them) and whether tokens may go unchecked. */
  teams: { clientId?: string; tenantId?: string; authOff: boolean };
  /** The least severe log lines kept (`LOG_LEVEL`). */
  logLevel: LogLevel;
  /** How long a shutdown may finish in-flight work before abandoning it (`PILOT_SHUTDOWN_SECONDS`, default 10). */
  shutdownSeconds: number;
}

/** A setting that stops start-up, with a message naming it. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Reads and validates settings from the environment (and PILOT_CONFIG_FILE); throws SettingsError naming a bad one. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) throw new SettingsError(describe(parsed.error, ''));
  const e = parsed.data;
  const fileRules = e.PILOT_CONFIG_FILE ? readRulesFile(e.PILOT_CONFIG_FILE) : {};
  const overrides = {
    ...fileRules,
    quorum: {
      ...(fileRules.quorum as object | undefined),
      ...defined({
        experts: e.PILOT_QUORUM_EXPERTS,
        providers: e.PILOT_QUORUM_PROVIDERS,
        others: e.PILOT_QUORUM_OTHERS,
      }),
    },
    ...defined({
      similarityThreshold: e.PILOT_SIMILARITY_THRESHOLD,
      lowScoreThreshold: e.PILOT_LOW_SCORE_THRESHOLD,
      roundHours: e.PILOT_ROUND_HOURS,
      reminderHoursBeforeClose: e.PILOT_REMINDER_HOURS,
      anonymousVotes: e.PILOT_ANONYMOUS_VOTES,
      hideResultsUntilClose: e.PILOT_HIDE_RESULTS,
      minGroupSize: e.PILOT_MIN_GROUP_SIZE,
    }),
  };
  const rules = pipelineRulesSchema.safeParse(overrides);
  if (!rules.success)
    throw new SettingsError(describe(rules.error, e.PILOT_CONFIG_FILE ? `${e.PILOT_CONFIG_FILE}: ` : 'rules: '));
  if (e.SLACK_SIGNING_SECRET && !e.SLACK_BOT_TOKEN)
    throw new SettingsError('SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: set both to run in Slack.');
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN)
    throw new SettingsError(
      'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP) nor SLACK_APP_TOKEN (Socket Mode) is.',
    );
  checkTeamsAuth(e);
  if (e.NODE_ENV === 'production' && !e.PILOT_BOARD_SECRET)
    throw new SettingsError(
      'PILOT_BOARD_SECRET is not set: it signs the board’s links and sessions. Set it to the same long random value (openssl rand -hex 32) on every replica.',
    );
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    mongodbUri: e.MONGODB_URI,
    production: e.NODE_ENV === 'production',
    admins: e.PILOT_ADMINS,
    forums: { experts: e.PILOT_EXPERTS_FORUM, providers: e.PILOT_PROVIDERS_FORUM },
    committeeChannels: e.PILOT_COMMITTEE_CHANNEL,
    rules: rules.data,
    demoData: e.PILOT_DEMO_DATA,
    templateDir: e.PILOT_TEMPLATE_DIR,
    publicUrl: e.PILOT_PUBLIC_URL,
    boardSecret: e.PILOT_BOARD_SECRET,
    playground: e.PLAYGROUND,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
          teamId: e.SLACK_TEAM_ID,
        }
      : undefined,
    teams: { clientId: e.clientId, tenantId: e.tenantId, authOff: e.PILOT_TEAMS_AUTH === 'off' },
    logLevel: e.LOG_LEVEL,
    shutdownSeconds: e.PILOT_SHUTDOWN_SECONDS,
  };
}

/** PILOT_TEAMS_AUTH=off is for testing: never in production, and never beside a client id it would silently ignore. */
function checkTeamsAuth(e: z.infer<typeof envSchema>): void {
  if (e.PILOT_TEAMS_AUTH !== 'off') return;
  if (e.NODE_ENV === 'production')
    throw new SettingsError(
      'PILOT_TEAMS_AUTH=off is refused when NODE_ENV=production: Teams requests must be signed there. Remove PILOT_TEAMS_AUTH and set clientId, clientSecret and tenantId.',
    );
  if (e.clientId)
    throw new SettingsError(
      'PILOT_TEAMS_AUTH=off and clientId are both set: remove PILOT_TEAMS_AUTH to check Teams tokens, or clientId to test without them.',
    );
}

function readRulesFile(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new SettingsError(`PILOT_CONFIG_FILE (${path}) could not be read as JSON: ${(error as Error).message}`);
  }
}

function describe(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  const name = issue?.path.join('.') || 'settings';
  return `Bad setting ${prefix}${name}: ${issue?.message ?? 'invalid'}. Fix it and start again.`;
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]?.trim()));
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
