import { fundingSchema } from '../domain/artefacts.js';
import { FUNDING_SOURCES } from '../domain/reference-data.js';
import { formatMoney } from '../templates/case-format.js';
import { text } from '../views/form-fields.js';
import { defineArtefact, PM_ONLY } from './define-artefact.js';

/** Stage 5: the funding source, amount and budget holder. */
export const fundingArtefact = defineArtefact({
  kind: 'funding',
  what: 'funding details',
  stage: 'funding',
  button: 'Record funding',
  who: PM_ONLY,
  input: fundingSchema.omit({ recordedBy: true, recordedAt: true }),
  form: (idea) => ({
    title: `Funding: ${idea}`,
    submitLabel: 'Save funding',
    fields: [
      {
        id: 'source',
        label: 'Funding source',
        kind: 'select',
        required: true,
        options: FUNDING_SOURCES.map((f) => ({ value: f.id, label: f.label })),
      },
      text('sourceDetail', 'Detail (optional, e.g. which grant)', 500, { required: false }),
      { id: 'amount', label: 'Amount (£)', kind: 'number', required: true },
      text('budgetHolder', 'Budget holder', 200),
    ],
  }),
  apply: (a, v, { by, at }) => ({ ...a, funding: { ...v, recordedBy: by, recordedAt: at } }),
  caseData: ({ artefacts: { funding } }, { by }) => ({
    funding: funding
      ? {
          source: FUNDING_SOURCES.find((f) => f.id === funding.source)?.label ?? funding.source,
          detail: funding.sourceDetail ?? null,
          amount: formatMoney(funding.amount),
          amountValue: funding.amount,
          budgetHolder: funding.budgetHolder,
          ...by(funding.recordedBy, funding.recordedAt),
        }
      : null,
  }),
  gate: ({ artefacts }) =>
    artefacts.funding ? [] : ['the funding source, amount and budget holder (the funding form)'],
});
