import { z } from 'zod';
import { type Artefacts, type Risk, riskSchema } from '../domain/artefacts.js';
import { PilotError } from '../domain/pilot-error.js';
import { RISK_LEVEL_LABELS, RISK_LEVELS } from '../domain/reference-data.js';
import { cmd } from '../views/inline.js';
import { area, text } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY } from './define-artefact.js';

const LEVEL_OPTIONS = RISK_LEVELS.map((l) => ({ value: l, label: RISK_LEVEL_LABELS[l] }));

/** One risk in words, as `show` lists it and the older templates print it. */
export function riskLine(r: Risk): string {
  const level = (l: Risk['likelihood']) => RISK_LEVEL_LABELS[l].toLowerCase();
  return `${r.risk.replace(/[.\s]+$/, '')} (likelihood ${level(r.likelihood)}, impact ${level(r.impact)}). Mitigation: ${sentence(r.mitigation)} Owner: ${sentence(r.owner)}`;
}

/** Text ending with a full stop (or its own ! or ?), so the next part of a line starts a new sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The idea's risk register (ideas stored before it have none). */
export function risksOf(artefacts: Artefacts): Risk[] {
  return artefacts.risks ?? [];
}

/** The risks as one text, for templates written before the register: each risk, then an older outline's note. */
export function risksText(artefacts: Artefacts): string {
  return [...risksOf(artefacts).map(riskLine), ...(artefacts.outline?.risks ? [artefacts.outline.risks] : [])].join(
    '\n\n',
  );
}

/** Stage 3: one risk in the risk register; each form sent adds one, and the outline's gate needs at least one. */
export const riskArtefact = defineArtefact({
  kind: 'risk',
  what: 'risk',
  stage: 'outline',
  button: 'Add a risk',
  who: PM_ONLY,
  input: riskSchema.omit({ addedBy: true, addedAt: true }),
  form: (idea) => ({
    title: `Add a risk: ${idea}`,
    submitLabel: 'Add risk',
    fields: [
      area('risk', 'What is the risk?', 1000, { hint: 'For example: not enough care workers in the winter months.' }),
      {
        id: 'likelihood',
        label: 'How likely is it to happen?',
        kind: 'select',
        required: true,
        options: LEVEL_OPTIONS,
      },
      {
        id: 'impact',
        label: 'How serious would it be if it did?',
        kind: 'select',
        required: true,
        options: LEVEL_OPTIONS,
      },
      area('mitigation', 'What will be done to make it less likely or less serious?', 2000),
      text('owner', 'Who looks after this risk?', 200, {
        placeholder: 'For example: Commissioning manager',
        hint: 'A role or a team rather than a person’s name, so it stays right when people change jobs.',
      }),
    ],
    intro: 'Each time you send this form, one risk is added to the idea’s risk register. Add as many as you need.',
  }),
  apply: (a, v, { by, at }) => ({ ...a, risks: [...risksOf(a), { ...v, addedBy: by, addedAt: at }] }),
  shown: ({ artefacts }) =>
    risksOf(artefacts).length === 0 && !artefacts.outline?.risks
      ? null
      : {
          title: 'Risk register',
          items: [
            ...risksOf(artefacts).map((r, i) => `Risk ${i + 1}: ${riskLine(r)}`),
            ...(artefacts.outline?.risks
              ? [`Noted in the outline before the register: ${artefacts.outline.risks}`]
              : []),
          ],
        },
  auditDetail: (v) => ({ likelihood: v.likelihood, impact: v.impact }),
  caseData: ({ artefacts }, { by }) => ({
    risks: risksOf(artefacts).map((r) => ({
      risk: r.risk,
      likelihood: RISK_LEVEL_LABELS[r.likelihood],
      impact: RISK_LEVEL_LABELS[r.impact],
      mitigation: r.mitigation,
      owner: r.owner,
      ...by(r.addedBy, r.addedAt),
    })),
  }),
  gate: ({ artefacts }) =>
    risksOf(artefacts).length > 0
      ? []
      : [
          'at least one risk in the risk register, with its likelihood, impact, mitigation and owner (the "add a risk" form)',
        ],
});

/** Stage 3: takes one risk off the register, by its number in `show`; to correct a risk, remove it and add it again. */
export const riskRemovalArtefact = defineArtefact({
  kind: 'risk_removal',
  what: 'risk to remove',
  stage: 'outline',
  button: 'Remove a risk',
  who: PM_ONLY,
  input: z.object({
    number: z
      .number({ error: 'Please give the number of the risk to remove.' })
      .int({ error: 'Please give the number of the risk to remove, like 2.' })
      .positive({ error: 'Please give the number of the risk to remove, like 2.' }),
  }),
  form: (idea) => ({
    title: `Remove a risk: ${idea}`,
    submitLabel: 'Remove risk',
    fields: [
      {
        id: 'number',
        label: 'Which risk? Its number, as in “Risk 2”',
        kind: 'number',
        required: true,
        hint: `The risk register on the idea numbers each risk: see ${cmd(`show ${idea}`)}. To correct a risk, remove it here and add it again.`,
      },
    ],
  }),
  apply: (a, { number }, { idea }) => {
    const risks = risksOf(a);
    if (number > risks.length) {
      const has = risks.length === 0 ? 'has no risks yet' : `has ${risks.length} risk${risks.length > 1 ? 's' : ''}`;
      const message = `There is no risk ${number} on ${idea.id}: it ${has}.`;
      throw new PilotError('invalid_input', message, { fieldErrors: { number: message } });
    }
    return { ...a, risks: risks.filter((_, i) => i !== number - 1) };
  },
  auditDetail: (v) => ({ number: v.number }),
});
