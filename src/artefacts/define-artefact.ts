import type { z } from 'zod';
import type { FormField } from '../views/reply.js';
import type { Artefacts } from '../domain/artefacts.js';
import type { Decision } from '../domain/decision.js';
import type { Idea } from '../domain/idea.js';
import { PilotError } from '../domain/pilot-error.js';
import { type Phase, type Role, STATUS_LABELS } from '../domain/reference-data.js';
import type { CaseData } from '../templates/case-data-schema.js';
import type { GateFacts } from '../workflows/gates.js';

/** Who recorded an artefact, when, and on which idea (as it was before the change). */
export interface ArtefactStamp {
  by: string;
  at: string;
  idea: Idea;
  /** The votes on this idea (round ids) in which the recorder had declared a conflict of interest. */
  conflictRounds: readonly string[];
}

/** What `show` lists of an artefact on an idea: a title and one line per item. */
export interface ArtefactLines {
  title: string;
  items: string[];
}

/** What a declaration's business-case data is made with: names for people, and "recorded by … on …". */
export interface CaseHelpers {
  who(personId: string): string;
  by(personId: string, at: string): { recordedBy: string; recordedOn: string };
}

/** Choices a form offers that come from the store: people with a role, lessons from past pilots. */
export interface FormLookups {
  people: { id: string; label: string }[];
  lessons: { id: string; label: string }[];
}

/** How an artefact's form looks; the idea id and the submit context are added around it. */
export interface ArtefactForm {
  title: string;
  submitLabel: string;
  fields: FormField[];
  intro?: string;
}

/**
 * One stage artefact, declared once: what a person enters (schema and form), who may enter it, the
 * button on the idea, how it is recorded, and what the stage's gate needs of it. The service, the
 * form, the idea's buttons and the gate are all derived from these declarations.
 */
export interface ArtefactDefinition<K extends string = string, V = unknown> {
  /** The form id and audit event name (`artefact.<kind>`). */
  kind: K;
  /** What it is, in words for messages ("outline proposal"). */
  what: string;
  /** The stage (or pilot phase) whose idea shows its button, and whose gate its `gate` is part of. */
  stage: Phase;
  /** Further phases whose idea shows its button too (a pilot's measures can be added until it is evaluated). */
  alsoAt?: readonly Phase[];
  /** Store data its form offers as choices (loaded when the form is built). */
  lookups?: readonly (keyof FormLookups)[];
  /** The label of that button. */
  button: string;
  /** Who may record it, and the refusal for anyone else. */
  who: { roles: readonly Role[]; refusal: string };
  /** What a person enters (the recorder and time are added when it is applied). */
  input: z.ZodType<V>;
  form(ideaId: string, context: Record<string, string>, lookups?: FormLookups): ArtefactForm;
  /** Turns the form's coerced strings into the input's types (yes/no selects), when they differ. */
  fromForm?(values: Record<string, unknown>): Record<string, unknown>;
  /** A check that needs the entered values and the person's roles (a specialist signs off only for their area). */
  permit?(values: Record<string, unknown>, roles: readonly Role[]): void;
  /** Reads what the input refers to from the store before it is applied (a past pilot's lessons). */
  resolve?(input: V, store: { getIdea(id: string): Promise<Idea | null> }): Promise<V>;
  /** The idea's artefacts with this one recorded; may refuse with a PilotError. */
  apply(artefacts: Artefacts, input: V, stamp: ArtefactStamp): Artefacts;
  /** What the stage's gate still needs of this artefact (each stage's gate is the union over its artefacts). */
  gate?(facts: GateFacts): string[];
  /** A word for the PMs once it is recorded (a provider's interest after a conflict they declared when voting). */
  alert?(input: V, stamp: ArtefactStamp): string | undefined;
  /** What `show` lists of it on an idea, if anything. */
  shown?(idea: Idea): ArtefactLines | null;
  /** Extra detail for its audit event. */
  auditDetail?(input: V): Record<string, unknown>;
  /**
   * Its part of the business-case template's data, under the template's own field names (`outline`,
   * `funding`, ...); an artefact a council adds puts its data under `recorded.<kind>`.
   */
  caseData?(idea: Idea, helpers: CaseHelpers): Partial<CaseData>;
  /** For a JCC decision: the decision it records, which may move the idea. */
  decides?(input: V): 'approved' | 'deferred' | 'rejected';
  /**
   * For a decision that follows a vote (SPEC 3.1 "You said, we did"): what the forums and the people
   * who voted on the idea are told it decided, and why.
   */
  heard?(input: V): Decision;
}

/** Declares a stage artefact (keeps its kind's literal type and checks `apply` against its input). */
export function defineArtefact<K extends string, V>(definition: ArtefactDefinition<K, V>): ArtefactDefinition<K, V> {
  return definition;
}

/** Refuses an artefact that can only be recorded at `stage` (or one of `also`). */
export function requireStage(idea: Idea, stage: Phase, message?: string, also: readonly Phase[] = []): void {
  if (idea.status === stage || (also as readonly string[]).includes(idea.status)) return;
  throw new PilotError(
    'invalid_transition',
    message ?? `${idea.id} is at ${STATUS_LABELS[idea.status]}; this is recorded at ${STATUS_LABELS[stage]}.`,
  );
}

/** The forms that are not stage artefacts: no artefact may take one of their ids. */
export const OTHER_FORM_IDS = [
  'submit',
  'vote_support',
  'vote_score',
  'vote_conflict',
  'vote_record',
  'comment',
  'consult',
  'checkin',
] as const;

/** Only project managers. */
export const PM_ONLY = { roles: ['pm'], refusal: 'Only a project manager can fill in that form.' } as const;
