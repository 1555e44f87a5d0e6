import { z } from 'zod';
import { signOffSchema } from '../domain/artefacts.js';
import { PilotError } from '../domain/pilot-error.js';
import { SPECIALIST_AREAS, SPECIALIST_LABELS, STATUS_LABELS } from '../domain/reference-data.js';
import { formatDate } from '../templates/case-format.js';
import { area } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY, requireStage } from './define-artefact.js';
import { outstandingSignOffs, signOffsGivenAtStage7, statusWhenGiven } from './sign-off-stages.js';

const AREA_OPTIONS = SPECIALIST_AREAS.map((a) => ({ value: a, label: SPECIALIST_LABELS[a] }));

/** Stage 7: the PM marks which specialist areas must sign off (an empty list is a valid answer once marked). */
export const specialistsArtefact = defineArtefact({
  kind: 'specialists',
  what: 'list of specialist areas',
  stage: 'specialist_engagement',
  button: 'Sign-offs needed',
  who: PM_ONLY,
  input: z.object({ areas: z.array(z.enum(SPECIALIST_AREAS)).max(SPECIALIST_AREAS.length) }),
  form: (idea) => ({
    title: `Specialist sign-offs needed: ${idea}`,
    submitLabel: 'Save',
    fields: [
      {
        id: 'areas',
        label: 'Which specialist areas must sign off?',
        kind: 'checkboxes',
        required: false,
        options: AREA_OPTIONS,
      },
    ],
  }),
  apply: (a, v, { at }) => ({ ...a, requiredSpecialists: [...new Set(v.areas)], specialistsMarkedAt: at }),
  // The paper lists each area required or signed off; only sign-offs given at stage 7 count.
  caseData: ({ artefacts: a, history }, { who }) => {
    const counted = signOffsGivenAtStage7(a, history);
    const signOff = (area: string) => counted.findLast((s) => s.area === area);
    return {
      specialists: SPECIALIST_AREAS.filter((s) => a.requiredSpecialists.includes(s) || signOff(s)).map((area) => {
        const s = signOff(area);
        return {
          area: SPECIALIST_LABELS[area],
          required: a.requiredSpecialists.includes(area),
          signedBy: s ? who(s.signedBy) : null,
          signedOn: s ? formatDate(s.signedAt) : null,
          note: s?.note ?? null,
        };
      }),
    };
  },
  gate: ({ artefacts, history }) => {
    if (!artefacts.specialistsMarkedAt)
      return ['a PM to mark which specialist areas must sign off (the "sign-offs needed" form)'];
    return outstandingSignOffs(artefacts, history).map((area) => {
      const who = SPECIALIST_LABELS[area].toLowerCase();
      const early = artefacts.signOffs.find((s) => s.area === area);
      const when = early && statusWhenGiven(early, history);
      if (!early) return `a sign-off from ${who}`;
      const given = when ? `was given at ${STATUS_LABELS[when]}` : 'was not given at this stage';
      return `a new sign-off from ${who}, given at this stage (the one on record ${given})`;
    });
  },
});

/** Stage 7: one specialist area's sign-off, given only at this stage and only by that area's specialist. */
export const signOffArtefact = defineArtefact({
  kind: 'signoff',
  what: 'sign-off',
  stage: 'specialist_engagement',
  button: 'Sign off',
  who: {
    roles: SPECIALIST_AREAS,
    refusal: 'Sign-offs come from the specialists (procurement, finance, social work, applications).',
  },
  input: signOffSchema.omit({ signedBy: true, signedAt: true }),
  form: (idea, context) => ({
    title: `Specialist sign-off: ${idea}`,
    submitLabel: 'Sign off',
    fields: [
      { id: 'area', label: 'Your area', kind: 'select', required: true, options: AREA_OPTIONS, initial: context.area },
      area('note', 'Note (optional)', 2000, { required: false }),
    ],
  }),
  permit: (values, roles) => {
    if (!roles.some((role) => role === values.area))
      throw new PilotError('not_permitted', 'You can only sign off for your own specialist area.', {
        fieldErrors: { area: 'Choose your own specialist area.' },
      });
  },
  apply: (a, v, { by, at, idea }) => {
    const stage = 'specialist_engagement';
    requireStage(
      idea,
      stage,
      `${idea.id} is at ${STATUS_LABELS[idea.status]}. Specialists sign off at ${STATUS_LABELS[stage]}: please sign off once ${idea.id} gets there.`,
    );
    const signOff = { ...v, signedBy: by, signedAt: at };
    return { ...a, signOffs: [...a.signOffs.filter((s) => s.area !== signOff.area), signOff] };
  },
  // The event names the area, so the gate can tell at which stage each sign-off was given.
  auditDetail: (v) => ({ area: v.area }),
});
