import { measuresOf, onTarget } from '../artefacts/pilot.js';
import type { Idea } from '../domain/idea.js';
import { PILOT_PHASES, type PilotPhase, STATUS_LABELS } from '../domain/reference-data.js';

/** The statuses of a pilot in delivery: every pilot phase, approved and not yet ended (a held pilot too). */
export const IN_DELIVERY: readonly PilotPhase[] = PILOT_PHASES;

/** One measure of a pilot, against its target. */
export interface MeasureProgress {
  id: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  /** The latest figure recorded, if any. */
  latest: number | null;
  /** Whether the latest figure reaches the target; null before any figure. */
  onTarget: boolean | null;
  /** How far the latest figure has come from the baseline towards the target (0 = baseline, 1 = target), clamped to 0..1.5. */
  progress: number | null;
}

/** A pilot in delivery and its measures. */
export interface PilotProgress {
  id: string;
  title: string;
  status: PilotPhase;
  /** The status in words ("Pilot: running"; "On hold" pilots show the phase they will resume at). */
  label: string;
  measures: MeasureProgress[];
}

/** The phase a pilot is in, or resumes at when on hold; null for an idea that is not a pilot in delivery. */
export function deliveryPhase(idea: Pick<Idea, 'status' | 'pilotPhase'>): PilotPhase | null {
  if ((IN_DELIVERY as readonly string[]).includes(idea.status)) return idea.status as PilotPhase;
  if (idea.status === 'on_hold' && idea.pilotPhase) return idea.pilotPhase;
  return null;
}

/** The pilots in delivery among `ideas`, in idea order, each measure against its target. */
export function pilotProgress(ideas: readonly Idea[]): PilotProgress[] {
  const pilots: PilotProgress[] = [];
  for (const idea of ideas) {
    const status = deliveryPhase(idea);
    if (!status) continue;
    const label = idea.status === 'on_hold' ? `On hold at ${STATUS_LABELS[status]}` : STATUS_LABELS[status];
    pilots.push({
      id: idea.id,
      title: idea.title,
      status,
      label,
      measures: measuresOf(idea.artefacts).map((m) => {
        const latest = m.results?.at(-1)?.value ?? null;
        const span = m.target - m.baseline;
        const progress =
          latest === null ? null : span === 0 ? 1 : Math.max(0, Math.min(1.5, (latest - m.baseline) / span));
        return {
          id: m.id,
          name: m.name,
          unit: m.unit,
          baseline: m.baseline,
          target: m.target,
          latest,
          onTarget: latest === null ? null : onTarget(m, latest),
          progress,
        };
      }),
    });
  }
  return pilots;
}

const figure = (value: number) => value.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/** A figure with its unit as people write it: "14 hours", "52%". */
export function withUnit(value: number, unit: string): string {
  return unit === '%' ? `${figure(value)}%` : `${figure(value)} ${unit}`;
}

/** One line per measure of a pilot, in words: "M1 Hours a week: 14 hours, target 15 (on target)". */
export function measureProgressLine(m: MeasureProgress): string {
  if (m.latest === null)
    return `${m.id} ${m.name}: no figure yet (from ${figure(m.baseline)} to ${withUnit(m.target, m.unit)})`;
  const where = m.onTarget ? 'on target' : 'not yet on target';
  return `${m.id} ${m.name}: ${withUnit(m.latest, m.unit)}, target ${figure(m.target)} (from ${figure(m.baseline)}; ${where})`;
}
