import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPilot, type Pilot } from '../../src/app/create-pilot.js';
import { documentFeatures } from '../../src/app/document-features.js';
import type { Action, Caller, Reply } from '../../src/views/reply.js';
import { pipelineRulesSchema } from '../../src/config/settings.js';
import { SPECIALIST_AREAS } from '../../src/domain/reference-data.js';
import { loadTemplates } from '../../src/templates/template-set.js';
import { buildForm, FORM_IDS } from '../../src/views/forms.js';
import { silentLogger } from '../../src/workflows/deps.js';
import { type Harness, makeHarness } from '../support/pilot-harness.js';
import { commandLine, junkKey, junkText, junkValue, plausibleOrJunk } from './junk.js';
import { CALLERS, type Seeded, seedPipeline } from './seed-pipeline.js';

// Every command, form and button gets at least 100 generated malformed inputs, each sent as a PM, an
// admin and a nobody (forms and buttons also as a provider-specialist). Each reply must be a user error or a legitimate success, never a
// thrown exception or an `internal` error; a refused input must leave the store exactly as it was.

const SEED = 20261123;
const RUNS = 100;
/** A user error is read in a chat message: it must not echo a huge input back. */
const MAX_ERROR_TEXT = 3000;
const rules = pipelineRulesSchema.parse({ quorum: { experts: 1, providers: 0, others: 0 }, lowScoreThreshold: 1 });

interface Env {
  h: Harness;
  pilot: Pilot;
  seeded: Seeded;
  logs: string[];
}

/** A harness seeded with ideas at several stages, and an engine over it that keeps its error log. */
async function setUp(): Promise<Env> {
  const h = await makeHarness(rules);
  const logs: string[] = [];
  const log = (message: string, context?: Record<string, unknown>) =>
    logs.push(`${message} ${JSON.stringify(context)}${context?.err instanceof Error ? `\n${context.err.stack}` : ''}`);
  const pilot = await createPilot({
    store: h.store,
    rules,
    admins: ['slack:UADMIN'],
    clock: h.clock.now,
    logger: { ...silentLogger, error: log },
    documents: documentFeatures(loadTemplates()),
  });
  return { h, pilot, seeded: await seedPipeline(h), logs };
}

/** Everything a write would change: the journal's size first, then readable counts for the diff. */
async function fingerprint(h: Harness): Promise<unknown> {
  const rounds = await h.store.listRounds();
  return {
    journalBytes: h.store.stats().journalBytes,
    ideas: (await h.store.listIdeas()).map((i) => `${i.id}@${i.version}:${i.status}`),
    countIdeas: await h.store.countIdeas(),
    rounds: await Promise.all(
      rounds.map(
        async (r) =>
          `${r.id}@${r.version}:${r.status} votes=${(await h.store.listVotes(r.id)).length} took=${(await h.store.listParticipation(r.id)).length}`,
      ),
    ),
    people: (await h.store.listPeople()).map((p) => `${p.id}:${p.roles.join(',')}`),
    audit: (await h.store.listAudit()).length,
  };
}

const preview = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
};

/** Sends `action` as every caller and checks each reply. No command needs a specialist's role, only forms do. */
async function expectSafe(env: Env, action: Action): Promise<void> {
  const callers: Caller[] = [CALLERS.pm, CALLERS.admin, CALLERS.nobody];
  if (action.kind !== 'text') callers.push(CALLERS.specialist);
  for (const caller of callers) {
    const before = await fingerprint(env.h);
    const logged = env.logs.length;
    let reply: Reply | null;
    try {
      reply = await env.pilot.core.handle(caller, action);
    } catch (error) {
      throw new Error(`handle threw for ${caller.personId} on ${preview(action)}: ${String(error)}`, { cause: error });
    }
    if (!reply) throw new Error(`no reply for ${caller.personId} on ${preview(action)}`);
    if (reply.errorCode === 'internal')
      throw new Error(
        `internal error for ${caller.personId} on ${preview(action)}: ${env.logs.slice(logged).join('\n')}`,
      );
    if (reply.errorCode) {
      expect(await fingerprint(env.h), `refused (${reply.errorCode}) but wrote: ${preview(action)}`).toEqual(before);
      expect(reply.text.length, `error text too long for ${preview(action)}`).toBeLessThanOrEqual(MAX_ERROR_TEXT);
    }
  }
}

/** Runs a property with a fixed seed. No shrinking: the store changes as runs succeed, so a replay would differ. */
const property = <T>(arbitrary: fc.Arbitrary<T>, toAction: (input: T) => Action, env: () => Env) =>
  fc.assert(
    fc.asyncProperty(arbitrary, (input) => expectSafe(env(), toAction(input))),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );

function ideaIds(s: Seeded): string[] {
  return [s.longlist, s.review, s.onHold, s.withRound, s.finalProposal, 'ip-2', '3', 'IP-0', 'IP-999'];
}
function roundIds(s: Seeded): string[] {
  return [s.supportRound, s.scoreRound, s.closedRound, 'R-0', 'R-999', 'r-1'];
}

/** Every command of SPEC 5, read-only ones first (a fuzzed `withdraw` may legitimately end a seeded idea). */
const COMMANDS = [
  'help',
  'list',
  'show',
  'roles',
  'report',
  'export',
  'case',
  'submit',
  'comment',
  'vote status',
  'vote open',
  'vote close',
  'decision',
  'advance',
  'return',
  'hold',
  'resume',
  'reject',
  'withdraw',
  'role',
  'forum',
] as const;

/** Plausible words per command, mixed with junk by the generator. */
function commandWords(s: Seeded): Record<(typeof COMMANDS)[number], string[]> {
  const ids = ideaIds(s);
  return {
    help: ['me'],
    list: ['active', 'all', 'mine', 'review', 'on_hold', 'hold', 'on-hold', '3', '9', 'page2', '0', '-1', '1.5'],
    show: ids,
    roles: [],
    report: [],
    export: [],
    case: ids,
    submit: ['Night', 'support'],
    comment: [...ids, 'Looks good'],
    'vote status': [...ids, 'open'],
    'vote open': [...ids, 'support', 'score', '48', '0', '1441', '24h', '1e3', '.5', 'close'],
    'vote close': [...ids, 'now'],
    decision: [...ids, 'approved', 'deferred', 'rejected', 'APPROVED'],
    advance: [...ids, 'note'],
    return: [...ids, 'because'],
    hold: [...ids, 'because'],
    resume: ids,
    reject: [...ids, 'because'],
    withdraw: [...ids, 'because'],
    role: ['remove', 'slack:UX1', '<@U999>', '<@W123|bob>', 'pm', 'admin', 'expert,provider', 'pm,,', 'slack:UPM'],
    forum: ['experts', 'providers', 'EXPERTS'],
  };
}

describe('bad input to every command', () => {
  let env: Env;
  beforeAll(async () => {
    env = await setUp();
  });
  afterAll(async () => {
    await env.h.cleanup();
  });

  // The seeded ids are only known after setUp, so each test builds its generator when it runs.
  for (const name of COMMANDS) {
    it(`${name}: ${RUNS} malformed command lines`, async () => {
      await property(
        commandLine(name, commandWords(env.seeded)[name]),
        (text) => ({ kind: 'text', text }),
        () => env,
      );
    });
  }

  it(`an unknown or empty command: ${RUNS} malformed lines`, async () => {
    await property(
      junkText,
      (text) => ({ kind: 'text', text }),
      () => env,
    );
  });
});

describe('bad input to every form', () => {
  let env: Env;
  beforeAll(async () => {
    env = await setUp();
  });
  afterAll(async () => {
    await env.h.cleanup();
  });

  for (const formId of FORM_IDS) {
    it(`${formId}: ${RUNS} malformed submissions`, async () => {
      const s = env.seeded;
      const fields = buildForm(formId, { ideaId: s.review }, rules.priorities).fields;
      const values = fc.record(
        Object.fromEntries(
          fields.map((field) => {
            const options = field.options?.map((o) => o.value) ?? [];
            const plausible =
              field.kind === 'number'
                ? ['12', '£45,000', '6']
                : field.kind === 'checkboxes' || field.kind === 'multiselect'
                  ? [options, options.slice(0, 1), options.join(',')]
                  : field.kind === 'select'
                    ? options
                    : ['Plain words for this field.'];
            return [field.id, plausibleOrJunk(plausible)];
          }),
        ),
        { requiredKeys: [] },
      );
      const extra = fc.dictionary(junkKey, junkValue, { maxKeys: 3, noNullPrototype: true });
      // The context is typed and checked by both adapters as strings; the values are whatever JSON a card sends.
      const text = (plausible: readonly string[]) => fc.oneof(fc.constantFrom(...plausible), junkText);
      const context = fc.record(
        { ideaId: text(ideaIds(s)), roundId: text(roundIds(s)), area: text(SPECIALIST_AREAS), title: junkText },
        { requiredKeys: [] },
      );
      await property(
        fc.tuple(values, extra, context),
        ([v, x, c]) => ({ kind: 'form', formId, values: { ...x, ...v }, context: c }),
        () => env,
      );
    });
  }
});

describe('bad input to every button', () => {
  let env: Env;
  beforeAll(async () => {
    env = await setUp();
  });
  afterAll(async () => {
    await env.h.cleanup();
  });

  const json = (fields: Record<string, fc.Arbitrary<unknown>>) =>
    fc
      .tuple(
        fc.record(fields, { requiredKeys: [] }),
        fc.dictionary(junkKey, junkValue, { maxKeys: 2, noNullPrototype: true }),
      )
      .map(([f, x]) => JSON.stringify({ ...x, ...f }));
  const broken = fc.constantFrom('{"roundId":', '{', 'null', '[]', '1', '"str"', '{"form":null}', 'true');

  const buttons: [string, (s: Seeded) => fc.Arbitrary<string>][] = [
    ['idea.show', (s) => fc.oneof(fc.constantFrom(...ideaIds(s)), junkText)],
    ['idea.advance', (s) => fc.oneof(fc.constantFrom(...ideaIds(s)), junkText)],
    ['idea.resume', (s) => fc.oneof(fc.constantFrom(...ideaIds(s)), junkText)],
    ['idea.withdraw', (s) => fc.oneof(fc.constantFrom(...ideaIds(s)), junkText)],
    [
      'vote.cast',
      (s) =>
        fc.oneof(
          json({ roundId: plausibleOrJunk(roundIds(s)), choice: plausibleOrJunk(['support', 'neutral', 'oppose']) }),
          broken,
          junkText,
        ),
    ],
    ['vote.mine', (s) => fc.oneof(fc.constantFrom(...roundIds(s)), junkText)],
    [
      'form.open',
      (s) =>
        fc.oneof(
          json({
            form: plausibleOrJunk(FORM_IDS),
            ideaId: plausibleOrJunk(ideaIds(s)),
            roundId: plausibleOrJunk(roundIds(s)),
            title: junkText,
            area: junkValue,
          }),
          broken,
          junkText,
        ),
    ],
  ];
  for (const [actionId, value] of buttons) {
    it(`${actionId}: ${RUNS} malformed clicks`, async () => {
      await property(
        value(env.seeded),
        (v) => ({ kind: 'button', actionId, value: v }),
        () => env,
      );
    });
  }

  it(`an unknown button: ${RUNS} malformed clicks`, async () => {
    await property(
      fc.tuple(junkText, junkText),
      ([actionId, value]) => ({ kind: 'button', actionId, value }),
      () => env,
    );
  });
});
