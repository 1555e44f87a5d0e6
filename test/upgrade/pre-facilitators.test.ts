import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackKit } from '../slack/slack-kit.js';

// A data folder written by the build just before the facilitators change (issue 14, commit 08453ba;
// test/fixtures/pre-facilitators, made by its make-data.ts): ideas IP-1..IP-8 at stages 1..8, IP-9
// approved, IP-10 on hold, IP-11 rejected; closed anonymous scoring rounds R-1..R-5, a closed anonymous
// support round R-6 on IP-2 and an open one R-7 on IP-3. It has no person counter, no registered people,
// and participation records without `recordedBy`.

const FIXTURE = new URL('../fixtures/pre-facilitators/data', import.meta.url).pathname;
let dir: string;
let kit: SlackKit;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pilot-pre-facilitators-'));
  await cp(FIXTURE, dir, { recursive: true });
  kit = await SlackKit.start({ DATA_DIR: dir, PILOT_QUORUM_EXPERTS: '2', PILOT_QUORUM_PROVIDERS: '1' });
  await kit.bot.pilot.people.assign('slack:UADMIN', 'slack:UFAC', ['facilitator']);
});
afterAll(async () => {
  await kit.close();
  await rm(dir, { recursive: true, force: true });
});

const ask = async (user: string, text: string) => (await kit.answer(await kit.command(user, text))).text;

describe('a data folder written just before the facilitators change', () => {
  it('show, vote status, case and report answer', async () => {
    for (let n = 1; n <= 11; n++) {
      const text = await ask('UANY', `show IP-${n}`);
      expect(text, `IP-${n}`).toContain(`IP-${n}`);
      expect(text, `IP-${n}`).not.toContain('Sorry');
    }
    const closed = await ask('UANY', 'vote status IP-2');
    expect(closed).toMatch(
      /Experts by experience\*?\s*3 people voted \(2 needed ✓\): 2 support · 0 neutral · 1 oppose: 67% support/,
    );
    expect(closed).toMatch(/Providers\*?\s*fewer than 3 voted: not shown/);
    expect(await ask('UANY', 'vote status IP-3')).toContain('2 people have voted so far');
    for (const id of ['IP-5', 'IP-8', 'IP-9']) {
      const before = kit.fake.uploads.length;
      expect(await ask('UPM', `case ${id}`), id).not.toContain('Sorry');
      await kit.fake.waitFor(() => kit.fake.uploads.length >= before + 2);
    }
    const report = await ask('UANY', 'report');
    expect(report).toContain('Ideas');
    expect(report).not.toContain('Sorry');
  });

  it('registers the first person as P-1, and their vote is recorded in the round left open', async () => {
    expect(await ask('UFAC', 'people add Mary J expert')).toContain('*P-1*');
    const reply = await kit.bot.pilot.core.handle(
      { personId: 'slack:UFAC', platform: 'slack' },
      {
        kind: 'form',
        formId: 'vote_record',
        values: { person: 'person:P-1', consent: 'paper', choice: 'support' },
        context: { roundId: 'R-7' },
      },
    );
    expect(reply?.text).toContain('The vote for P-1 (Mary J) has been recorded');
    const participation = await kit.bot.store.listParticipation('R-7');
    expect(participation).toHaveLength(3);
    expect(participation.filter((p) => p.recordedBy === 'slack:UFAC').map((p) => p.personId)).toEqual(['person:P-1']);
    expect(await ask('UANY', 'vote status IP-3')).toContain('3 people have voted so far');
  });

  it('its approved idea (a final state when written) is now an approved pilot that asks for its measures', async () => {
    expect(await ask('UANY', 'show IP-9')).toContain('Approved by the JCC');
    expect(await ask('UANY', 'list')).toContain('IP-9');
    const refusal = await kit.answer(await kit.command('UPM', 'advance IP-9'));
    expect(JSON.stringify(refusal.call.body)).toContain('at least one measure');
    await kit.bot.pilot.core.services.artefacts.record('slack:UPM', 'IP-9', 'measure', {
      name: 'Readmissions',
      baseline: 30,
      target: 24,
      unit: 'a month',
      owner: 'slack:UPM',
      reviewDates: ['2027-01-15'],
    });
    expect(await ask('UPM', 'advance IP-9')).toContain('Pilot: getting ready');
  });

  it('the read-only board serves it: counts for everyone, and an idea once an admin publishes it', async () => {
    const page = async (path: string) => {
      const res = await fetch(`${kit.bot.url}${path}`);
      return { status: res.status, body: await res.text() };
    };
    const pipeline = await page('/board');
    expect(pipeline.status).toBe(200);
    expect(pipeline.body).toContain('Ideas at each stage (11 in all)');
    expect((await page('/board/ideas/IP-2')).status).toBe(404); // not published
    await kit.bot.pilot.people.assign('slack:UADMIN', 'slack:UADMIN', ['admin']);
    await ask('UADMIN', 'publish IP-2');
    const idea = await page('/board/ideas/IP-2');
    expect(idea.status).toBe(200);
    expect(idea.body).toContain('IP-2');
    expect(idea.body).not.toContain('slack:UE'); // no voter ids from the closed anonymous round
  });
});
