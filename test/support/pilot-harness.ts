import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPilot, type Pilot } from '../../src/app/create-pilot.js';
import type { ArtefactRegistry } from '../../src/artefacts/artefact-registry.js';
import { documentFeatures } from '../../src/app/document-features.js';
import type { Action, Caller, Reply } from '../../src/views/reply.js';
import { type PipelineRules, pipelineRulesSchema } from '../../src/config/settings.js';
import type { Role } from '../../src/domain/reference-data.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { loadTemplates } from '../../src/templates/template-set.js';
import { RecordingNotifier } from '../../src/workflows/notifier.js';

/** A simulated clock tests can move forward. */
export class TestClock {
  constructor(public current = new Date('2026-11-23T09:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.current);
  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }
}

/** A pilot engine over a fresh embedded store, with a simulated clock and a recording notifier. */
export interface Harness {
  pilot: Pilot;
  store: EmbeddedStore;
  clock: TestClock;
  notifier: RecordingNotifier;
  dir: string;
  /** Runs an action as a person (id like `slack:U1`); roles are given first if listed. */
  as(personId: string, action: Action | string, roles?: Role[]): Promise<Reply>;
  reopen(): Promise<Harness>;
  cleanup(): Promise<void>;
}

/** Builds a harness; `rules` override the defaults. */
export async function makeHarness(
  rules: Partial<PipelineRules> = {},
  dir?: string,
  clock = new TestClock(),
  options: { artefacts?: ArtefactRegistry } = {},
): Promise<Harness> {
  const dataDir = dir ?? (await mkdtemp(join(tmpdir(), 'pilot-test-')));
  const store = await EmbeddedStore.open(dataDir);
  const parsedRules = pipelineRulesSchema.parse({ quorum: { experts: 1, providers: 1, others: 0 }, ...rules });
  const pilot = await createPilot({
    store,
    rules: parsedRules,
    admins: ['slack:UADMIN'],
    clock: clock.now,
    documents: documentFeatures(loadTemplates()),
    artefacts: options.artefacts,
  });
  const notifier = new RecordingNotifier();
  pilot.addNotifier(notifier);
  const harness: Harness = {
    pilot,
    store,
    clock,
    notifier,
    dir: dataDir,
    async as(personId, action, roles) {
      if (roles && roles.length > 0) await pilot.people.assign('slack:UADMIN', personId, roles);
      const caller: Caller = {
        personId,
        platform: personId.startsWith('teams:') ? 'teams' : 'slack',
        channelId: 'slack:CGENERAL',
      };
      const reply = await pilot.core.handle(
        caller,
        typeof action === 'string' ? { kind: 'text', text: action } : action,
      );
      if (!reply) throw new Error('duplicate delivery');
      return reply;
    },
    async reopen() {
      await store.close();
      return makeHarness(rules, dataDir, clock, options);
    },
    async cleanup() {
      await store.close().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A valid submission form's values. */
export function submissionValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Reablement home care service',
    summary: 'Short-term homecare that helps people relearn daily tasks after a hospital stay.',
    problem: 'People leave hospital and lose confidence at home.',
    approach: 'A small team of reablement workers for six weeks after discharge.',
    beneficiaries: 'Older people leaving hospital and their carers.',
    source: 'staff',
    outcomes: ['person_independence', 'person_home_longer'],
    ...overrides,
  };
}

/** Submits an idea through the command layer and returns its id. */
export async function submitIdea(
  h: Harness,
  personId = 'slack:USUB',
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const reply = await h.as(personId, {
    kind: 'form',
    formId: 'submit',
    values: submissionValues(overrides),
    context: {},
  });
  const id = /IP-\d+/.exec(reply.text)?.[0];
  if (!id) throw new Error(`submission failed: ${reply.text}`);
  return id;
}

/** All the text of a reply, for assertions. */
export function textOf(reply: Reply): string {
  return [reply.text, ...reply.blocks.map((b) => JSON.stringify(b))].join('\n');
}

/** The criteria form, every basic criterion ticked, for an idea. */
export function allCriteriaMet(ideaId: string): Action {
  return {
    kind: 'form',
    formId: 'criteria',
    values: { met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'] },
    context: { ideaId },
  };
}

/** A valid outline form's values (its risks go in the register: see `riskValues`). */
export function outlineValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    objectives: 'Fewer readmissions',
    cohort: 'People leaving the RUH',
    cohortSize: '12',
    durationMonths: '6',
    approach: 'Six weeks of reablement',
    ...overrides,
  };
}

/** A valid risk form's values: one risk for the register. */
export function riskValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    risk: 'Not enough care workers in the winter months',
    likelihood: 'medium',
    impact: 'high',
    mitigation: 'Agree winter cover with the providers before the pilot starts',
    owner: 'Commissioning manager',
    ...overrides,
  };
}

/** A valid "other options" form's values. */
export function optionsValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    doNothing: 'People keep going back into hospital; care packages keep growing.',
    alternatives: 'A council-run team: ruled out, as it could not recruit in time.',
    ...overrides,
  };
}

/** A valid final proposal form's values, with a committee date (a fixed day: tests never depend on today). */
export function finalValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    evaluation: 'Readmissions at 90 days',
    benefits: 'Fewer readmissions',
    successCriteria: '20% fewer readmissions',
    committeeDate: '2027-03-15',
    ...overrides,
  };
}

/** A valid equality screening form's values. */
export function screeningValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    equalityApplicable: 'yes',
    equalityWhy: 'Most people in the cohort are older or disabled.',
    healthInequalitiesApplicable: 'yes',
    healthInequalitiesWhy: 'It reaches rural parishes where care is hardest to find.',
    publicEngagementApplicable: 'no',
    publicEngagementWhy: 'No change to services the public use.',
    ...overrides,
  };
}

/** The forms the outline stage's gate needs, as a PM sends them: the outline, one risk and the other options. */
export function outlineForms(ideaId: string): Action[] {
  return [
    { kind: 'form', formId: 'outline', values: outlineValues(), context: { ideaId } },
    { kind: 'form', formId: 'risk', values: riskValues(), context: { ideaId } },
    { kind: 'form', formId: 'options', values: optionsValues(), context: { ideaId } },
  ];
}

/** The forms stage 8 needs before its business case: the final proposal and the equality screening. */
export function finalForms(ideaId: string): Action[] {
  return [
    { kind: 'form', formId: 'final', values: finalValues(), context: { ideaId } },
    { kind: 'form', formId: 'screening', values: screeningValues(), context: { ideaId } },
  ];
}
