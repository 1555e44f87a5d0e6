import type { Artefacts, SignOff } from '../domain/artefacts.js';
import type { AuditEvent } from '../domain/audit.js';
import type { SpecialistArea, Status } from '../domain/reference-data.js';

/** The status the idea had when this sign-off was given, from the audit event recorded with it. */
export function statusWhenGiven(signOff: SignOff, history: readonly AuditEvent[]): Status | undefined {
  let status: Status | undefined;
  let given: Status | undefined;
  for (const event of history) {
    const same =
      event.type === 'artefact.signoff' && event.actorId === signOff.signedBy && event.at === signOff.signedAt;
    // Earlier releases wrote no area in the event; one person's sign-offs at one instant share a stage anyway.
    if (same && (event.detail?.area ?? signOff.area) === signOff.area) given = status;
    if (event.to) status = event.to;
  }
  return given;
}

/**
 * The sign-offs that count: those given while the idea was at stage 7 (specialist engagement). Earlier
 * releases accepted sign-offs at any stage; those given before stage 7 are kept and shown, but never count.
 */
export function signOffsGivenAtStage7(artefacts: Artefacts, history: readonly AuditEvent[]): SignOff[] {
  return artefacts.signOffs.filter((s) => statusWhenGiven(s, history) === 'specialist_engagement');
}

/** The specialist areas marked as required that have not signed off at stage 7 yet. */
export function outstandingSignOffs(artefacts: Artefacts, history: readonly AuditEvent[]): SpecialistArea[] {
  const counted = signOffsGivenAtStage7(artefacts, history);
  return artefacts.requiredSpecialists.filter((area) => !counted.some((s) => s.area === area));
}
