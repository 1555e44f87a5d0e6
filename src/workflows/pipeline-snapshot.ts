import { createActor, initialTransition, type SnapshotFrom, transition } from 'xstate';
import { isPilotPhase, STAGES, type Stage, type Status } from '../domain/reference-data.js';
import { type PipelineEvent, pipelineMachine } from './pipeline-machine.js';

type PipelineSnapshot = SnapshotFrom<typeof pipelineMachine>;

/** The persisted (JSON-safe) snapshot of a new idea, at `longlist`. */
export function initialPipelineSnapshot(): unknown {
  const [snapshot] = initialTransition(pipelineMachine);
  return toPersisted(snapshot);
}

/**
 * Restores a persisted snapshot; creating an actor without starting it runs nothing. A snapshot written
 * before pilots had phases (a final `approved` state) is read as the first phase of the pilot, where an
 * approved idea now is.
 */
export function restorePipeline(persisted: unknown): PipelineSnapshot {
  return createActor(pipelineMachine, { snapshot: upgradeSnapshot(persisted) as PipelineSnapshot }).getSnapshot();
}

/** An earlier release's snapshot of an approved idea (`approved` was final) as this machine's `pilot.running.approved`. */
function upgradeSnapshot(persisted: unknown): unknown {
  const old = persisted as { value?: unknown } | null;
  if (old?.value !== 'approved') return persisted;
  return { ...old, status: 'active', value: { pilot: { running: 'approved' } }, output: undefined };
}

/** Applies one event with xstate's pure `transition()`; `changed` is false when no transition was taken. */
export function applyPipelineEvent(
  persisted: unknown,
  event: PipelineEvent,
): { changed: boolean; status: Status; persisted: unknown } {
  const before = restorePipeline(persisted);
  const [after] = transition(pipelineMachine, before, event);
  const changed = JSON.stringify(after.value) !== JSON.stringify(before.value);
  return { changed, status: statusOf(after), persisted: toPersisted(after) };
}

/** True when the machine in this persisted snapshot would accept the event (ignoring guards of other events). */
export function canApply(persisted: unknown, event: PipelineEvent): boolean {
  return restorePipeline(persisted).can(event);
}

/** The idea status a snapshot stands for. */
export function statusOf(snapshot: PipelineSnapshot): Status {
  const value = snapshot.value;
  if (typeof value === 'string') return value as Status;
  const { active, pilot } = value as { active?: string; pilot?: string | { running?: string } };
  if (active && (STAGES as readonly string[]).includes(active)) return active as Stage;
  if (pilot === 'held') return 'on_hold';
  const phase = typeof pilot === 'object' ? pilot.running : undefined;
  if (phase && isPilotPhase(phase)) return phase;
  throw new Error(`Unexpected pipeline state ${JSON.stringify(value)}`);
}

function toPersisted(snapshot: PipelineSnapshot): unknown {
  return JSON.parse(JSON.stringify(pipelineMachine.getPersistedSnapshot(snapshot)));
}
