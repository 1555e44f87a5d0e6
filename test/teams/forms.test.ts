import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_CRITERIA } from '../../src/domain/reference-data.js';
import { makeUser } from './make-activity.js';
import { cardButtons, cardText, inputIds, startTeamsHarness, type TeamsHarness } from './teams-harness.js';
import { ideaInputs, steps } from './teams-steps.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

const pm = makeUser('pat', 'Pat Morgan');
const expert = makeUser('erin', 'Erin Shaw');
const provider = makeUser('paul', 'Paul Care Ltd');
const finance = makeUser('fiona', 'Fiona Grant');
let h: TeamsHarness;
let s: ReturnType<typeof steps>;
let id = '';

/** The card of the idea, from `show`. */
const idea = async () => (await s.say(pm, `show ${id}`)).card;
/** Opens a stage form from the idea's buttons. */
const open = async (button: string, who = pm) => (await s.press(who, await idea(), button)).card;
/** The field error shown under an input on a re-rendered form. */
const errorsOn = (card: Json) =>
  cardText(card)
    .split('\n')
    .filter((l) => l.startsWith('⚠️'));
const advance = async () => cardText((await s.say(pm, `advance ${id}`)).card);

beforeAll(async () => {
  h = await startTeamsHarness({ PILOT_QUORUM_EXPERTS: '1', PILOT_QUORUM_PROVIDERS: '1' });
  s = steps(h);
  for (const who of [expert, provider, finance]) await s.say(who, 'help');
  await s.say(pm, `role ${expert.personId} expert`);
  await s.say(pm, `role ${provider.personId} provider`);
  await s.say(pm, `role ${finance.personId} finance`);
});
afterAll(async () => {
  await h.close();
});

describe('every stage form, submitted invalid then valid, through Action.Execute cards', () => {
  it('submission: problems come back on the same form, with what was typed kept', async () => {
    const form = (await s.say(pm, 'submit Hospital discharge buddies')).card;
    const bad = await s.press(pm, form, 'Submit idea', {
      ...ideaInputs('Hospital discharge buddies'),
      summary: '',
      outcomes: '',
    });
    expect(inputIds(bad.card)).toContain('summary');
    expect(errorsOn(bad.card).length).toBeGreaterThanOrEqual(2);
    expect(bad.card.body.find((e: Json) => e.id === 'problem').value).toBe(
      'People wait too long for the right support at home.',
    );
    const good = await s.press(pm, bad.card, 'Submit idea', ideaInputs('Hospital discharge buddies'));
    id = /IP-\d+/.exec(cardText(good.card))?.[0] ?? '';
    expect(cardText(good.card)).toContain('Thank you!');
  });

  it('criteria check', async () => {
    const form = await open('Check criteria');
    expect(cardText(form)).toContain(BASIC_CRITERIA[0].label);
    const bad = await s.press(pm, form, 'Save check', { met: 'independence,not_a_criterion' });
    expect(cardText(bad.card)).toContain('needs another look');
    const good = await s.press(pm, form, 'Save check', { met: BASIC_CRITERIA.map((c) => c.id).join(',') });
    expect(cardText(good.card)).toContain('a PM can advance it');
    expect(await advance()).toContain('2. Review');
  });

  it('evidence from elsewhere', async () => {
    const form = await open('Add evidence');
    const bad = await s.press(pm, form, 'Add evidence', { source: '', whatHappened: 'x', lesson: '' });
    expect(errorsOn(bad.card).length).toBe(2);
    const good = await s.press(pm, form, 'Add evidence', {
      source: 'Wiltshire council',
      whatHappened: 'Fewer readmissions.',
      lesson: 'Start small.',
    });
    expect(cardText(good.card)).toContain('Saved for');
    expect(await advance()).toContain('3. Outline');
  });

  it('outline proposal', async () => {
    const form = await open('Write outline');
    expect(cardText(form)).toContain('Pilot principles');
    const full = {
      objectives: 'Safer discharge',
      cohort: 'People leaving the RUH',
      cohortSize: '20',
      durationMonths: '6',
      approach: 'Volunteer buddies',
    };
    expect(inputIds(form)).not.toContain('risks'); // risks have their own register now
    const bad = await s.press(pm, form, 'Save outline', { ...full, cohortSize: 'lots', durationMonths: '0' });
    expect(errorsOn(bad.card).join(' ')).toMatch(/Cohort size|number/);
    expect((await s.press(pm, form, 'Save outline', full)).card.body[0].text).toContain('Saved for');
    // The outline alone is not enough: the gate names the risk register and the other options.
    const refused = await advance();
    expect(refused).toContain('at least one risk in the risk register');
    expect(refused).toContain('the other options considered, including doing nothing');
  });

  it('the risk register, one risk per form, and the other options considered', async () => {
    const form = await open('Add a risk');
    expect(inputIds(form)).toEqual(['risk', 'likelihood', 'impact', 'mitigation', 'owner']);
    const risk = {
      risk: 'Not enough volunteers in the winter',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Recruit through the carers group from September',
      owner: 'Volunteer coordinator',
    };
    const bad = await s.press(pm, form, 'Add risk', { ...risk, likelihood: '', mitigation: '' });
    expect(errorsOn(bad.card)).toHaveLength(2);
    expect((await h.bot.store.getIdea(id))?.artefacts.risks).toBeUndefined();
    expect(cardText((await s.press(pm, form, 'Add risk', risk)).card)).toContain('Saved for');
    const second = { ...risk, risk: 'Buddies drop out', likelihood: 'low', owner: 'Discharge team' };
    expect(cardText((await s.press(pm, await open('Add a risk'), 'Add risk', second)).card)).toContain(
      'the other options considered',
    );
    const shown = cardText(await idea());
    expect(shown).toContain(
      'Risk 1: Not enough volunteers in the winter (likelihood medium, impact high). Mitigation: Recruit through the carers group from September. Owner: Volunteer coordinator.',
    );
    expect(shown).toContain('Risk 2: Buddies drop out (likelihood low, impact high).');

    const options = await open('Other options');
    const blank = await s.press(pm, options, 'Save options', { doNothing: '', alternatives: 'A paid service' });
    expect(errorsOn(blank.card).join(' ')).toContain('What would happen if we did nothing is needed');
    const saved = await s.press(pm, options, 'Save options', {
      doNothing: 'More people go back into hospital within a month.',
      alternatives: 'A paid buddy service: too costly for a pilot.',
    });
    expect(cardText(saved.card)).toContain('Everything this stage needs is in place');
    expect(cardText(await idea())).toContain('If we did nothing: More people go back into hospital within a month.');
    expect(await advance()).toContain('4. Shortlist');
  });

  it('scores from an expert and a provider (vote_score form), then the shortlisting decision', async () => {
    await s.say(pm, `vote open ${id} score 24`);
    for (const voter of [expert, provider]) {
      const round = (await s.say(voter, `vote status ${id}`)).card;
      const form = (await s.press(voter, round, 'Score this idea')).card;
      const scores = Object.fromEntries(
        inputIds(form)
          .filter((i) => i.startsWith('score_'))
          .map((i) => [i, '5']),
      );
      const partial = await s.press(voter, form, 'Send my scores', { ...scores, [inputIds(form)[0] as string]: '' });
      expect(errorsOn(partial.card).length).toBe(1);
      // A provider answers the conflict question too, "none" included; an expert is not asked it.
      expect(inputIds(form).includes('hasConflict')).toBe(voter === provider);
      if (voter === provider) {
        const unanswered = await s.press(voter, form, 'Send my scores', scores);
        expect(errorsOn(unanswered.card).join(' ')).toContain('Please choose “No, none” or “Yes”');
      }
      const answer = voter === provider ? { hasConflict: 'no' } : {};
      expect(cardText((await s.press(voter, form, 'Send my scores', { ...scores, ...answer })).card)).toContain(
        'your vote has been recorded',
      );
    }
    await s.say(pm, `vote close ${id}`);
    const form = await open('Shortlisting decision');
    expect(cardText((await s.press(pm, form, 'Record decision', { shortlisted: '', override: 'no' })).card)).toContain(
      'needs another look',
    );
    expect(
      cardText((await s.press(pm, form, 'Record decision', { shortlisted: 'yes', override: 'no' })).card),
    ).toContain('Saved for');
    // Two voters in an anonymous round are too few to show: only an override with a reason shortlists it.
    expect(await advance()).toContain('an override with a reason');
    const decided = await s.press(pm, form, 'Record decision', {
      shortlisted: 'yes',
      override: 'yes',
      reason: 'Providers and experts asked for a small test',
    });
    expect(cardText(decided.card)).toContain('Saved for');
    expect(await advance()).toContain('5. Funding');
  });

  it('funding', async () => {
    const form = await open('Record funding');
    const bad = await s.press(pm, form, 'Save funding', { source: 'bcf', amount: '-5', budgetHolder: '' });
    expect(errorsOn(bad.card).length).toBe(2);
    expect(
      cardText(
        (
          await s.press(pm, form, 'Save funding', {
            source: 'bcf',
            amount: '£12,500',
            budgetHolder: 'Director of Adult Care',
          })
        ).card,
      ),
    ).toContain('Saved for');
    expect(await advance()).toContain('6. Provider scoping');
  });

  it('provider interest with its conflict-of-interest declaration', async () => {
    const form = await open('Express interest', provider);
    expect(cardText(form)).toContain('conflict of interest');
    const bad = await s.press(provider, form, 'Send expression of interest', {
      providerName: 'Paul Care Ltd',
      summary: 'Ten buddies',
      hasConflict: 'yes',
      conflictDetail: '',
    });
    expect(errorsOn(bad.card).join(' ')).toContain('conflict of interest');
    const good = await s.press(provider, form, 'Send expression of interest', {
      providerName: 'Paul Care Ltd',
      summary: 'Ten buddies',
      hasConflict: 'yes',
      conflictDetail: 'We already hold the discharge contract.',
    });
    expect(cardText(good.card)).toContain('Saved for');
    expect(await advance()).toContain('7. Specialist engagement');
  });

  it('sign-offs needed, then a specialist sign-off (only for their own area)', async () => {
    await s.press(pm, await open('Sign-offs needed'), 'Save', { areas: 'finance' });
    const form = await open('Sign off', finance);
    const wrong = await s.press(finance, form, 'Sign off', { area: 'procurement' });
    expect(errorsOn(wrong.card).join(' ')).toContain('your own specialist area');
    expect(
      cardText((await s.press(finance, form, 'Sign off', { area: 'finance', note: 'Affordable' })).card),
    ).toContain('Saved for');
    expect(await advance()).toContain('8. Final proposal');
  });

  it('final proposal with its committee date, the equality screening, and the JCC decision form', async () => {
    const form = await open('Final proposal');
    const bad = await s.press(pm, form, 'Save final proposal', {
      evaluation: '',
      benefits: '',
      successCriteria: '',
      committeeDate: '',
    });
    expect(errorsOn(bad.card)).toHaveLength(4);
    const proposal = {
      evaluation: 'Before and after survey',
      benefits: 'Fewer readmissions',
      successCriteria: '20% fewer readmissions in 6 months',
    };
    const notADay = await s.press(pm, form, 'Save final proposal', { ...proposal, committeeDate: '2027-02-29' });
    expect(errorsOn(notADay.card).join(' ')).toContain('That day is not on the calendar');
    expect((await h.bot.store.getIdea(id))?.artefacts.finalProposal).toBeUndefined();
    const good = await s.press(pm, form, 'Save final proposal', { ...proposal, committeeDate: '2027-03-15' });
    expect(cardText(good.card)).toContain('Saved for');
    expect(cardText(good.card)).toContain('the equality, health inequalities and public engagement screening');
    expect(cardText(await idea())).toContain('Committee date: 15 March 2027.');

    const screening = await open('Equality screening');
    const half = await s.press(pm, screening, 'Save screening', {
      equalityApplicable: 'yes',
      equalityWhy: 'Most buddies support older people.',
      healthInequalitiesApplicable: 'no',
      healthInequalitiesWhy: '',
      publicEngagementApplicable: 'no',
      publicEngagementWhy: 'No public service changes.',
    });
    expect(errorsOn(half.card).join(' ')).toContain('A reason for the health inequalities answer is needed');
    const screened = await s.press(pm, screening, 'Save screening', {
      equalityApplicable: 'yes',
      equalityWhy: 'Most buddies support older people.',
      healthInequalitiesApplicable: 'no',
      healthInequalitiesWhy: 'Offered across the whole area alike.',
      publicEngagementApplicable: 'no',
      publicEngagementWhy: 'No public service changes.',
    });
    expect(cardText(screened.card)).not.toContain('screening');
    expect(cardText(await idea())).toContain(
      'Health inequalities: not applicable. Offered across the whole area alike.',
    );
    const decision = await open('JCC decision');
    expect(cardText((await s.press(pm, decision, 'Record decision', { decision: 'maybe' })).card)).toContain(
      'needs another look',
    );
    expect(
      cardText((await s.press(pm, decision, 'Record decision', { decision: 'deferred', note: 'Back in March' })).card),
    ).toContain('Saved for');
  });

  it('cancel answers kindly and offers the idea again', async () => {
    const card = (await s.press(pm, await open('Comment'), 'Cancel')).card;
    expect(cardText(card)).toContain('nothing was saved');
    expect(cardButtons(card).map((b: Json) => b.title)).toEqual(['See the idea']);
  });

  it('a plain Action.Submit (older Teams clients) reaches the same form handling', async () => {
    const form = await open('Comment');
    const bad = await s.submit(pm, form, 'Add comment', { text: '' });
    expect(inputIds(bad.card)).toEqual(['text']);
    expect(cardText(bad.card)).toMatch(/Please write/);
    const good = await s.submit(pm, form, 'Add comment', { text: 'Lovely work, everyone.' });
    expect(cardText(good.card)).toContain('has been added');
  });
});
