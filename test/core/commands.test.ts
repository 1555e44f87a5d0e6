import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  allCriteriaMet,
  type Harness,
  makeHarness,
  submissionValues,
  submitIdea,
  textOf,
} from '../support/pilot-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const PM = 'slack:UPM';
const pm = (text: string) => h.as(PM, text, ['pm']);

describe('help and unknown commands', () => {
  it('tailors help to the caller’s roles', async () => {
    const anyone = textOf(await h.as('slack:UANY', 'help'));
    expect(anyone).toContain('submit [title]');
    expect(anyone).not.toContain('advance <ID>');
    expect(textOf(await pm('help'))).toContain('advance <ID>');
    expect(textOf(await h.as('slack:UANY', ''))).toContain('what you can do');
  });

  it('names an unknown command and suggests the closest', async () => {
    const reply = await h.as('slack:UANY', 'advanse IP-1');
    expect(reply.errorCode).toBe('unknown_command');
    expect(reply.text).toContain('advance');
    expect(reply.visibility).toBe('private');
  });

  it('ignores a leading "pilot" and is case-insensitive on ids', async () => {
    const id = await submitIdea(h);
    expect((await h.as('slack:UANY', `pilot show ${id.toLowerCase()}`)).text).toContain(id);
  });
});

describe('submit', () => {
  it('opens the form with the title pre-filled', async () => {
    const reply = await h.as('slack:UANY', 'submit Rural   night support');
    expect(reply.form?.formId).toBe('submit');
    expect(reply.form?.fields.find((f) => f.id === 'title')?.initial).toBe('Rural   night support');
  });

  it('records a valid submission and confirms it privately', async () => {
    const id = await submitIdea(h, 'slack:USUB');
    const idea = await h.store.getIdea(id);
    expect(idea?.status).toBe('longlist');
    expect(idea?.submitterId).toBe('slack:USUB');
    expect(idea?.history[0]?.type).toBe('idea.submitted');
  });

  it('refuses invalid input field by field and writes nothing', async () => {
    const reply = await h.as('slack:USUB', {
      kind: 'form',
      formId: 'submit',
      values: submissionValues({ title: '   ', outcomes: [], source: 'martians' }),
      context: {},
    });
    expect(reply.errorCode).toBe('invalid_input');
    expect(Object.keys(reply.fieldErrors ?? {}).sort()).toEqual(['outcomes', 'source', 'title']);
    expect(await h.store.countIdeas()).toBe(0);
  });

  it('shows similar ideas for a near-duplicate and none for an unrelated one', async () => {
    await submitIdea(h, 'slack:U1', {
      title: 'Reabling Homecare',
      summary: 'Homecare that helps people relearn everyday tasks after illness or a hospital stay.',
    });
    const near = await h.as('slack:U2', { kind: 'form', formId: 'submit', values: submissionValues(), context: {} });
    expect(textOf(near)).toContain('IP-1 “Reabling Homecare”');
    const far = await h.as('slack:U3', {
      kind: 'form',
      formId: 'submit',
      values: submissionValues({
        title: 'Staff car parking at the town hall',
        summary: 'More parking permits for office staff.',
      }),
      context: {},
    });
    expect(textOf(far)).not.toContain('look similar');
  });
});

describe('list and show', () => {
  it('lists counts per stage, mine, a stage, and pages long lists', async () => {
    for (let i = 0; i < 30; i++) await submitIdea(h, i % 2 ? 'slack:UA' : 'slack:UB', { title: `Idea number ${i}` });
    const all = await h.as('slack:UA', 'list');
    expect(all.text).toContain('30 ideas');
    expect(textOf(all)).toContain('1. Longlist: 30');
    expect(textOf(all)).toContain('Page 1 of 2');
    expect((await h.as('slack:UA', 'list mine')).text).toContain('15 ideas');
    expect((await h.as('slack:UA', 'list review')).text).toContain('0 ideas');
    expect(textOf(await h.as('slack:UA', 'list all 2'))).toContain('Page 2 of 2');
    expect((await h.as('slack:UA', 'list nowhere')).errorCode).toBe('invalid_argument');
  });

  it('shows what the gate still needs', async () => {
    const id = await submitIdea(h);
    const text = textOf(await h.as('slack:UANY', `show ${id}`));
    expect(text).toContain('1. Longlist');
    expect(text).toContain('confirm the basic criteria');
  });

  it('answers clearly for a missing, malformed or unknown id', async () => {
    expect((await h.as('slack:UANY', 'show')).errorCode).toBe('missing_argument');
    expect((await h.as('slack:UANY', 'show banana')).errorCode).toBe('invalid_argument');
    const unknown = await h.as('slack:UANY', 'show IP-99');
    expect(unknown.errorCode).toBe('idea_not_found');
    expect(unknown.text).toContain('IP-99');
  });
});

describe('moves', () => {
  it('refuses to advance until the gate holds, saying what is missing', async () => {
    const id = await submitIdea(h);
    const refused = await pm(`advance ${id}`);
    expect(refused.errorCode).toBe('gate_not_met');
    expect(textOf(refused)).toContain('basic criteria');
    expect((await h.store.getIdea(id))?.status).toBe('longlist');
  });

  it('advances once the criteria are confirmed, and tells the submitter and the PMs', async () => {
    const id = await submitIdea(h, 'slack:USUB');
    await h.pilot.people.assign('slack:UADMIN', 'slack:UPM2', ['pm']);
    expect((await h.as(PM, allCriteriaMet(id), ['pm'])).text).toContain('Everything this stage needs');
    expect(
      h.notifier.directs.some((d) => d.personId === 'slack:UPM2' && d.message.text.includes('Waiting on you')),
    ).toBe(true);
    const moved = await pm(`advance ${id} ready for review`);
    expect(moved.visibility).toBe('public');
    expect(moved.text).toContain('2. Review of similar work');
    expect(
      h.notifier.directs.some((d) => d.personId === 'slack:USUB' && d.message.text.includes('moved on to 2. Review')),
    ).toBe(true);
    const history = (await h.store.getIdea(id))?.history.at(-1);
    expect(history).toMatchObject({ type: 'stage.advanced', from: 'longlist', to: 'review', actorId: PM });
  });

  it('return, hold, resume, reject need their words and the PM role', async () => {
    const id = await submitIdea(h, 'slack:USUB');
    expect((await h.as('slack:UANY', `hold ${id} busy`)).errorCode).toBe('not_permitted');
    expect((await pm(`hold ${id}`)).errorCode).toBe('missing_argument');
    expect((await pm(`return ${id} not ready`)).errorCode).toBe('invalid_transition');
    expect((await pm(`hold ${id} waiting for the budget`)).text).toContain('on hold');
    expect((await pm(`hold ${id} again`)).errorCode).toBe('invalid_transition');
    expect((await pm(`advance ${id}`)).errorCode).toBe('invalid_transition');
    expect((await pm(`resume ${id}`)).text).toContain('resumed at 1. Longlist');
    expect((await pm(`resume ${id}`)).errorCode).toBe('invalid_transition');
    expect((await pm(`reject ${id} out of scope`)).text).toContain('rejected');
    expect(
      h.notifier.directs
        .filter((d) => d.personId === 'slack:USUB')
        .map((d) => d.message.text)
        .join(' '),
    ).toContain('not been taken forward');
    expect((await pm(`resume ${id}`)).errorCode).toBe('invalid_transition');
  });

  it('lets the submitter (not others) withdraw their own idea', async () => {
    const id = await submitIdea(h, 'slack:USUB');
    expect((await h.as('slack:UOTHER', `withdraw ${id}`)).errorCode).toBe('not_permitted');
    expect((await h.as('slack:USUB', `withdraw ${id} duplicate`)).text).toContain('withdrawn');
    expect((await h.store.getIdea(id))?.status).toBe('withdrawn');
  });

  it('two concurrent advances: exactly one wins, the other is told', async () => {
    const id = await submitIdea(h);
    await h.as(PM, allCriteriaMet(id), ['pm']);
    await h.as(PM, {
      kind: 'form',
      formId: 'no_precedent',
      values: { note: 'Searched the LGA library' },
      context: { ideaId: id },
    });
    const [a, b] = await Promise.all([h.as(PM, `advance ${id}`), h.as(PM, `advance ${id}`)]);
    const outcomes = [a, b].map((r) => r.errorCode ?? 'ok').sort();
    expect(outcomes).toEqual(['conflict', 'ok']);
    expect([a, b].find((r) => r.errorCode)?.text).toContain('Someone else has just moved');
    expect((await h.store.getIdea(id))?.status).toBe('review');
  });
});

describe('comments, roles and forums', () => {
  it('adds a comment, and asks for the text when it is missing', async () => {
    const id = await submitIdea(h);
    expect((await h.as('slack:UANY', `comment ${id} We tried this in Frome: it worked well.`)).text).toContain(
      'comment',
    );
    expect((await h.store.getIdea(id))?.comments[0]?.text).toBe('We tried this in Frome: it worked well.');
    expect((await h.as('slack:UANY', `comment ${id}`)).errorCode).toBe('missing_argument');
    expect(textOf(await h.as('slack:UANY', `show ${id}`))).toContain('Frome');
  });

  it('role management is for admins; roles lists everyone for admins, and only your own roles for others', async () => {
    expect((await h.as('slack:UANY', 'role slack:U2 pm')).errorCode).toBe('not_permitted');
    expect((await h.as('slack:UADMIN', 'role slack:U2 pm,expert')).text).toContain('Project manager');
    expect(await h.pilot.people.rolesOf('slack:U2')).toEqual(expect.arrayContaining(['pm', 'expert']));
    expect((await h.as('slack:UADMIN', 'role remove slack:U2 expert')).text).not.toContain('Expert');
    expect((await h.as('slack:UADMIN', 'role slack:U2 wizard')).errorCode).toBe('invalid_argument');
    expect((await h.as('slack:UADMIN', 'role nobody pm')).errorCode).toBe('invalid_argument');
    expect(textOf(await h.as('slack:UADMIN', 'roles'))).toContain('slack:U2');
    expect(textOf(await h.as('slack:UANY', 'roles'))).not.toContain('slack:U2');
  });

  it('forum makes the current channel a forum (admins only)', async () => {
    expect((await h.as('slack:UANY', 'forum experts')).errorCode).toBe('not_permitted');
    expect((await h.as('slack:UADMIN', 'forum experts')).text).toContain('experts by experience');
    expect(await h.store.getSetting('forum:experts:slack')).toBe('slack:CGENERAL');
    expect((await h.as('slack:UADMIN', 'forum')).errorCode).toBe('missing_argument');
  });

  it('case is for PMs from stage 5; report and export answer with files', async () => {
    const id = await submitIdea(h);
    expect((await h.as('slack:UANY', `case ${id}`)).errorCode).toBe('not_permitted');
    const early = await pm(`case ${id}`);
    expect(early.errorCode).toBe('invalid_transition');
    expect(early.text).toContain('stage 5');
    const report = await h.as('slack:UANY', 'report');
    expect(report.files?.[0]?.filename).toMatch(/pipeline-funnel\.(png|svg)/);
    expect((await h.as('slack:UANY', 'export')).errorCode).toBe('not_permitted');
    const csv = await pm('export');
    expect(new TextDecoder().decode(csv.files?.[0]?.content)).toContain(id);
  });
});

describe('deliveries', () => {
  it('acts once on a duplicate delivery key', async () => {
    const caller = { personId: 'slack:USUB', platform: 'slack' as const };
    const action = { kind: 'form' as const, formId: 'submit', values: submissionValues(), context: {} };
    const first = await h.pilot.core.handle(caller, action, { deliveryKey: 'slack:trigger-1' });
    const again = await h.pilot.core.handle(caller, action, { deliveryKey: 'slack:trigger-1' });
    expect(first?.text).toContain('IP-1');
    expect(again).toBeNull();
    expect(await h.store.countIdeas()).toBe(1);
  });
});

describe('notifications', () => {
  it('tell the submitter privately about each kind of change, and not about their own', async () => {
    const id = await submitIdea(h, 'slack:USUB');
    await h.as(PM, allCriteriaMet(id), ['pm']);
    await pm(`advance ${id}`);
    await pm(`return ${id} needs the criteria checked again`);
    await pm(`hold ${id} waiting for the new budget year`);
    await pm(`resume ${id}`);
    await pm(`reject ${id} out of scope`);
    const texts = h.notifier.directs.filter((d) => d.personId === 'slack:USUB').map((d) => d.message);
    expect(texts.map((m) => m.text)).toEqual([
      expect.stringContaining('moved on to 2. Review'),
      expect.stringContaining('returned to 1. Longlist'),
      expect.stringContaining('put on hold at 1. Longlist'),
      expect.stringContaining('resumed at 1. Longlist'),
      expect.stringContaining('not been taken forward'),
    ]);
    expect(texts.every((m) => m.visibility === 'private')).toBe(true);
    expect(texts[1]?.text).toContain('needs the criteria checked again');
    const own = await submitIdea(h, PM);
    await pm(`withdraw ${own}`);
    expect(h.notifier.directs.some((d) => d.personId === PM && d.message.text.includes('withdrawn'))).toBe(false);
  });

  it('tell PMs when a round closes and an idea waits on them', async () => {
    const id = await submitIdea(h);
    await h.pilot.people.assign('slack:UADMIN', 'slack:UPM2', ['pm']);
    await pm(`vote open ${id}`);
    await pm(`vote close ${id}`);
    const waiting = h.notifier.directs.filter((d) => d.personId === 'slack:UPM2').map((d) => d.message.text);
    expect(waiting.some((t) => t.startsWith('Waiting on you') && t.includes('has closed'))).toBe(true);
    expect(h.notifier.rounds.map((n) => n.type)).toEqual(['opened', 'closed']);
  });
});
