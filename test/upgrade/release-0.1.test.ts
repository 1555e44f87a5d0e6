import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackKit } from '../slack/slack-kit.js';

// A data folder written by release 0.1 (test/fixtures/release-0.1, made by its make-data.ts at commit
// 26307ad): ideas IP-1..IP-8 at stages 1..8, IP-9 approved, IP-10 on hold, IP-11 rejected; closed
// anonymous scoring rounds R-1..R-5, a closed anonymous support round R-6 on IP-2 (three experts, one
// provider), and an open one R-7 on IP-3. Its journal still holds every round's salt.

const FIXTURE = new URL('../fixtures/release-0.1/data', import.meta.url).pathname;
let dir: string;
let before: string;
let kit: SlackKit;

async function folderText(path: string): Promise<string> {
  let text = '';
  for (const name of await readdir(path)) if (/\.jsonl?$/.test(name)) text += await readFile(join(path, name), 'utf8');
  return text;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pilot-release-0.1-'));
  await cp(FIXTURE, dir, { recursive: true });
  before = await folderText(dir);
  kit = await SlackKit.start({ DATA_DIR: dir, PILOT_QUORUM_EXPERTS: '2', PILOT_QUORUM_PROVIDERS: '1' });
});
afterAll(async () => {
  await kit.close();
  await rm(dir, { recursive: true, force: true });
});

const ask = async (user: string, text: string) => (await kit.answer(await kit.command(user, text))).text;

describe('a data folder written by release 0.1', () => {
  it('was really written with salts and ballots in it (so the checks below mean something)', () => {
    expect(before).toMatch(/"salt":"[A-Za-z0-9_-]{20,}"/);
    expect(before).toContain('"voterKey"');
    expect(before).toContain('Too few carers in rural areas');
  });

  it('show answers for an idea at every stage, held, rejected and approved', async () => {
    for (let n = 1; n <= 11; n++) {
      const text = await ask('UANY', `show IP-${n}`);
      expect(text, `IP-${n}`).toContain(`IP-${n}`);
      expect(text, `IP-${n}`).not.toContain('Sorry, something went wrong');
    }
  });

  it('ideas past the outline are not held back by its new records; the stored stage-8 idea lists what stage 8 now needs', async () => {
    // Gates apply when leaving a stage: ideas stored at stages 4 to 7 are not asked for a risk register.
    for (let n = 4; n <= 8; n++) {
      const text = await ask('UANY', `show IP-${n}`);
      expect(text, `IP-${n}`).not.toContain('at least one risk in the risk register');
      expect(text, `IP-${n}`).not.toContain('the other options considered');
      // The outline's risks line from release 0.1 is kept and shown.
      expect(text, `IP-${n}`).toContain('Noted in the outline before the register: Staffing');
    }
    const stage8 = await ask('UANY', 'show IP-8');
    expect(stage8).toContain('To move on from this stage it still needs');
    expect(stage8).toContain('the committee date (please send the final proposal form again, with the date)');
    expect(stage8).toContain('the equality, health inequalities and public engagement screening');
    expect(stage8).toContain('Committee date: not recorded yet.');
    // An idea stored at stage 3 now needs the register and the other options to move on (intended).
    expect(await ask('UANY', 'show IP-3')).toContain('at least one risk in the risk register');
  });

  it('vote status answers for closed and open rounds, with SPEC 3.1 rules applied to old results', async () => {
    const closed = await ask('UANY', 'vote status IP-2');
    expect(closed).toContain('Vote closed');
    // The lone provider's choice is withheld, whatever release 0.1 froze; the three experts' is shown.
    expect(closed).toMatch(/Providers\*?\s*fewer than 3 voted: not shown/);
    expect(closed).toMatch(
      /Experts by experience\*?\s*3 people voted \(2 needed ✓\): 2 support · 0 neutral · 1 oppose: 67% support/,
    );
    const scored = await ask('UANY', 'vote status IP-5');
    expect(scored).toContain('Vote closed');
    expect(scored).toMatch(/Experts by experience\*?\s*3 people voted \(2 needed ✓\): score 3\.7 of 5/);
    expect(scored).toMatch(/Providers\*?\s*fewer than 3 voted: not shown/);
    expect(scored).toContain('The overall result is not shown');
    const open = await ask('UANY', 'vote status IP-3');
    expect(open).toContain('2 people have voted so far');
    expect(open).not.toMatch(/\d support/);
  });

  it('case and report still answer', async () => {
    for (const id of ['IP-5', 'IP-8', 'IP-9']) {
      const before = kit.fake.uploads.length;
      const text = await ask('UPM', `case ${id}`);
      expect(text, id).not.toContain('Sorry');
      await kit.fake.waitFor(() => kit.fake.uploads.length >= before + 2);
    }
    const report = await ask('UANY', 'report');
    expect(report).toContain('Ideas');
    expect(report).not.toContain('Sorry');
  });

  it('an idea from before offline engagement shows none, and consult logs one on it', async () => {
    const shown = await ask('UANY', 'show IP-5');
    expect(shown).not.toContain('Offline engagement');
    expect((await kit.bot.store.getIdea('IP-5'))?.engagements).toBeUndefined();
    expect(await ask('UANY', 'report')).toContain('No offline engagement logged yet.');
    await kit.bot.pilot.people.assign('slack:UADMIN', 'slack:UFAC', ['facilitator']);
    const view = await kit.modal(await kit.command('UFAC', 'consult IP-5'));
    const sent = await kit.submit('UFAC', view, {
      kind: 'visit',
      date: '2026-11-20',
      numberOfPeople: '2',
      groups: ['experts_by_experience'],
      whatTheySaid: 'They would like the same carer each week.',
    });
    expect(sent.body).toBe('');
    expect((await kit.bot.store.getIdea('IP-5'))?.engagements).toHaveLength(1);
    expect(await ask('UANY', 'show IP-5')).toContain(
      'Visit on 20 November 2026: 2 people (experts by experience). What they said: They would like the same carer each week.',
    );
  });

  it('the open round still takes votes, and a voter from before the upgrade changes theirs', async () => {
    const changed = await kit.bot.pilot.core.handle(
      { personId: 'slack:UE3', platform: 'slack' },
      { kind: 'button', actionId: 'vote.cast', value: JSON.stringify({ roundId: 'R-7', choice: 'support' }) },
    );
    expect(changed?.text).toContain('Your vote has been changed');
    expect(await kit.bot.store.listVotes('R-7')).toHaveLength(2);
  });

  it('a provider voting in the round it left open answers the conflict question once; old interests show unflagged', async () => {
    const provider = { personId: 'slack:UP1', platform: 'slack' };
    const click = (choice: string) =>
      kit.bot.pilot.core.handle(provider, {
        kind: 'button',
        actionId: 'vote.cast',
        value: JSON.stringify({ roundId: 'R-7', choice }),
      });
    const asked = await click('neutral');
    expect(asked?.form?.formId).toBe('vote_conflict');
    expect(await kit.bot.store.listVotes('R-7')).toHaveLength(2);
    const answered = await kit.bot.pilot.core.handle(provider, {
      kind: 'form',
      formId: 'vote_conflict',
      values: { hasConflict: 'no' },
      context: asked?.form?.context ?? {},
    });
    expect(answered?.text).toContain('Thank you, your vote has been recorded');
    expect(await kit.bot.store.listConflicts({ ideaId: 'IP-3', roundId: 'R-7' })).toEqual([
      {
        ideaId: 'IP-3',
        roundId: 'R-7',
        personId: 'slack:UP1',
        constituency: 'providers',
        detail: null,
        answered: true,
      },
    ]);
    expect((await click('support'))?.text).toContain('Your vote has been changed');
    // Release 0.1's expressions of interest have no flag; they still show, with their own declaration.
    const shown = await ask('UANY', 'show IP-7');
    expect(shown).toContain('Care Co (<@UP1>): declared a conflict of interest.');
    expect(shown).not.toContain('Flag');
  });

  it('at rest, closed rounds are sealed: no salt, no ballot, no time, no provider choice left in the files', async () => {
    const text = await folderText(dir);
    const open = await kit.bot.store.getRound('R-7');
    const salts = [...text.matchAll(/"salt":"([^"]+)"/g)].map((m) => m[1]);
    expect(salts).toEqual(salts.map(() => open?.salt));
    for (let n = 1; n <= 6; n++) {
      const round = await kit.bot.store.getRound(`R-${n}`);
      expect(round?.sealed, `R-${n}`).toBe(true);
      expect(await kit.bot.store.listVotes(`R-${n}`)).toEqual([]);
      for (const p of await kit.bot.store.listParticipation(`R-${n}`)) expect(p.at).toBeUndefined();
    }
    const r6 = await kit.bot.store.getRound('R-6');
    expect(r6?.result?.byConstituency.providers).toMatchObject({ voters: 1, oppose: 0, withheld: true });
    expect(r6?.result?.reasons).toEqual(['My mum would have used this', 'Too few carers in rural areas']);
    // The old votes of the closed rounds (with their keys and cast times) are gone from every file.
    expect(text).not.toMatch(/"op":"vote","vote":\{"roundId":"R-[1-6]"/);
    expect(text).toMatch(/"op":"vote","vote":\{"roundId":"R-7"/); // the open round keeps its ballots
  });
});
