import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ideaPm } from '../../src/domain/idea-pm.js';
import { WEEKLY_DIGEST_JOB_ID } from '../../src/workflows/weekly-digest.js';
import { TestClock } from '../support/pilot-harness.js';
import { SlackKit } from '../slack/slack-kit.js';

// Ideas written before target dates existed (issue 19) have no `dueDates`: the pre-facilitators data folder
// (see pre-facilitators.test.ts: IP-1..IP-8 at stages 1..8, IP-9 approved, IP-10 on hold, IP-11 rejected,
// rounds R-1..R-7) is read by this release, which adds overdue marks, `due`, `agenda` and the digest job.

const FIXTURE = new URL('../fixtures/pre-facilitators/data', import.meta.url).pathname;
let dir: string;
let kit: SlackKit;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pilot-pre-pacing-'));
  await cp(FIXTURE, dir, { recursive: true });
  kit = await SlackKit.start(
    { DATA_DIR: dir, PILOT_QUORUM_EXPERTS: '2', PILOT_QUORUM_PROVIDERS: '1' },
    // A fixed day long after the fixture was written, so its ideas are overdue.
    { clock: new TestClock(new Date('2027-06-01T10:00:00Z')) },
  );
});
afterAll(async () => {
  await kit.close();
  await rm(dir, { recursive: true, force: true });
});

const ask = async (user: string, text: string) => (await kit.answer(await kit.command(user, text))).text;

describe('a data folder written before target dates', () => {
  it('show, vote status, case and report still answer, with overdue marks', async () => {
    for (let n = 1; n <= 11; n++) {
      const text = await ask('UANY', `show IP-${n}`);
      expect(text, `IP-${n}`).toContain(`IP-${n}`);
      expect(text, `IP-${n}`).not.toContain('Sorry');
    }
    expect(await ask('UANY', 'show IP-2')).toContain('Overdue: its target for 2. Review of similar work was');
    // Approved before pilots had phases, it is an approved pilot now, with the phase's target (28 days).
    expect(await ask('UANY', 'show IP-9')).toContain('Overdue: its target for Approved by the JCC was');
    expect(await ask('UANY', 'show IP-11')).not.toContain('Overdue'); // rejected: no target
    expect(await ask('UANY', 'vote status IP-2')).toContain('3 people voted');
    expect(await ask('UANY', 'vote status IP-3')).toContain('2 people have voted so far');
    const before = kit.fake.uploads.length;
    expect(await ask('UPM', 'case IP-8')).not.toContain('Sorry');
    await kit.fake.waitFor(() => kit.fake.uploads.length >= before + 2);
    const report = await ask('UANY', 'report');
    expect(report).toContain('overdue');
    expect(report).not.toContain('Sorry');
    expect(await ask('UANY', 'list')).toContain('overdue (target was');
  });

  it('schedules the digest, and its PM can set a target date on an old idea', async () => {
    expect((await kit.bot.store.getJob(WEEKLY_DIGEST_JOB_ID))?.dueAt).toBe('2027-06-07T08:00:00.000Z');
    const pm = ideaPm((await kit.bot.store.getIdea('IP-4'))!) ?? 'slack:UPM';
    await kit.bot.pilot.people.assign('slack:UADMIN', pm, ['pm']);
    const user = pm.slice('slack:'.length);
    expect(await ask(user, 'agenda')).toMatch(/Overdue ideas[\s\S]*IP-4/);
    expect(await ask(user, 'due IP-4 2027-07-01')).toContain('by 1 July 2027');
    expect(await ask(user, 'show IP-4')).not.toContain('Overdue');
  });
});
