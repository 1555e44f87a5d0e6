import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_ARTEFACTS } from '../../src/artefacts/artefact-registry.js';
import { defineArtefact, PM_ONLY } from '../../src/artefacts/define-artefact.js';
import { requiredText } from '../../src/domain/text.js';
import { buildCaseData } from '../../src/templates/case-data.js';
import { text } from '../../src/views/form-fields.js';
import {
  allCriteriaMet,
  type Harness,
  makeHarness,
  outlineForms,
  submitIdea,
  textOf,
} from '../support/pilot-harness.js';

// Issue 10: adding a stage artefact touches one declaration. This one is made up for the test: a risk
// review at the outline stage. Nothing else is edited, and its form, button, gate and template data appear.
const riskReview = defineArtefact({
  kind: 'risk_review',
  what: 'risk review',
  stage: 'outline',
  button: 'Risk review',
  who: PM_ONLY,
  input: z.object({
    reviewer: requiredText('Who reviewed the risks', 200),
    verdict: z.enum(['fine', 'concerns'], { error: 'Choose a verdict.' }),
  }),
  form: (idea) => ({
    title: `Risk review: ${idea}`,
    submitLabel: 'Save review',
    fields: [
      text('reviewer', 'Who reviewed the risks?', 200),
      {
        id: 'verdict',
        label: 'Verdict',
        kind: 'select',
        required: true,
        options: [
          { value: 'fine', label: 'Fine' },
          { value: 'concerns', label: 'Concerns' },
        ],
      },
    ],
  }),
  apply: (a, v, { by, at }) => ({ ...a, extra: { ...a.extra, risk_review: { ...v, reviewedBy: by, reviewedAt: at } } }),
  gate: ({ artefacts }) => (artefacts.extra?.risk_review ? [] : ['a risk review (the risk review form)']),
  caseData: ({ artefacts }) => ({ recorded: { risk_review: artefacts.extra?.risk_review ?? null } }),
});

const PM = 'slack:UPM';
let h: Harness;
beforeEach(async () => {
  h = await makeHarness({}, undefined, undefined, { artefacts: DEFAULT_ARTEFACTS.with(riskReview) });
  await h.pilot.people.assign('slack:UADMIN', PM, ['pm']);
});
afterEach(async () => h.cleanup());

const form = (formId: string, ideaId: string, values: Record<string, unknown>, who = PM) =>
  h.as(who, { kind: 'form', formId, values, context: { ideaId } });

describe('a stage artefact added by one declaration', () => {
  it('gets its button, its form, its place in the gate and in the business-case data', async () => {
    const id = await submitIdea(h);
    await h.as(PM, allCriteriaMet(id));
    await h.as(PM, `advance ${id}`);
    await form('evidence', id, { source: 'Wiltshire', whatHappened: 'A pilot', lesson: 'Start small' });
    await h.as(PM, `advance ${id}`);

    // The button, beside the outline's own, on the idea at its stage.
    const shown = await h.as('slack:UANY', `show ${id}`);
    const buttons = shown.blocks.flatMap((b) => (b.kind === 'buttons' ? b.buttons : []));
    const button = buttons.find((b) => b.label === 'Risk review');
    expect(buttons.map((b) => b.label)).toEqual(expect.arrayContaining(['Write outline', 'Risk review']));

    // Its form, for those its declaration lets in.
    const opened = await h.as(PM, { kind: 'button', actionId: 'form.open', value: button?.value ?? '' });
    expect(opened.form?.title).toBe(`Risk review: ${id}`);
    expect(opened.form?.fields.map((f) => f.id)).toEqual(['reviewer', 'verdict']);
    expect(
      (await h.as('slack:UANY', { kind: 'button', actionId: 'form.open', value: button?.value ?? '' })).errorCode,
    ).toBe('not_permitted');

    // Its gate: the outline and its risks and options alone are no longer enough to move on.
    for (const action of outlineForms(id)) await h.as(PM, action);
    expect(textOf(await h.as(PM, `advance ${id}`))).toContain('a risk review (the risk review form)');
    expect((await form('risk_review', id, { reviewer: '', verdict: 'maybe' })).fieldErrors).toMatchObject({
      reviewer: expect.any(String),
      verdict: 'Choose a verdict.',
    });
    expect((await form('risk_review', id, { reviewer: 'Ana Patel', verdict: 'fine' })).text).toContain(
      'Everything this stage needs is in place',
    );
    expect((await h.as(PM, `advance ${id}`)).text).toContain('4. Shortlist');

    // Its business-case data, and its audit event.
    const idea = (await h.store.getIdea(id))!;
    expect(idea.history.map((e) => e.type)).toContain('artefact.risk_review');
    const data = buildCaseData({
      idea,
      rounds: [],
      names: {},
      authorId: 'slack:UPM',
      now: h.clock.now(),
      priorities: h.pilot.deps.rules.priorities,
      artefacts: h.pilot.deps.artefacts,
    });
    // A platform id in a council's own data is taken out too: the paper may be published (SPEC 4).
    expect(data.recorded.risk_review).toMatchObject({
      reviewer: 'Ana Patel',
      verdict: 'fine',
      reviewedBy: '[id removed]',
    });
    // The built-in artefacts' data keeps the field names council templates use.
    expect(data.outline?.objectives).toBe('Fewer readmissions');
  });

  it('may not take the id of another form or of another artefact', () => {
    expect(() => DEFAULT_ARTEFACTS.with({ ...riskReview, kind: 'submit' })).toThrow(/another form/);
    expect(() => DEFAULT_ARTEFACTS.with({ ...riskReview, kind: 'outline' })).toThrow(/share a kind/);
  });
});
