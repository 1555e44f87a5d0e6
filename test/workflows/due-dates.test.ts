import { afterEach, describe, expect, it } from 'vitest';
import { allCriteriaMet, type Harness, makeHarness, submitIdea } from '../support/pilot-harness.js';

const PM = 'slack:UPM';
let h: Harness;
afterEach(async () => h.cleanup());

describe('a target date a PM set', () => {
  it('belongs to that stay in the stage: an idea returned to the stage later starts again from the default', async () => {
    h = await makeHarness();
    await h.pilot.people.assign('slack:UADMIN', PM, ['pm']);
    const id = await submitIdea(h, 'slack:USUB');
    await h.as(PM, allCriteriaMet(id));
    await h.as(PM, `advance ${id}`);
    await h.as(PM, `due ${id} 2027-01-10`);
    expect((await h.store.getIdea(id))?.dueDates).toEqual({ review: '2027-01-10' });
    // Held and resumed: the same stay goes on, the date with it.
    await h.as(PM, `hold ${id} waiting for the LGA`);
    await h.as(PM, `resume ${id}`);
    expect((await h.store.getIdea(id))?.dueDates).toEqual({ review: '2027-01-10' });
    await h.as(PM, `return ${id} criteria need another look`);
    await h.as(PM, allCriteriaMet(id));
    await h.as(PM, `advance ${id}`);
    const back = await h.store.getIdea(id);
    expect(back?.status).toBe('review');
    expect(back?.dueDates?.review).toBeUndefined();
    h.clock.advanceHours(24 * 60);
    expect(JSON.stringify(await h.as(PM, `show ${id}`))).not.toContain('2027-01-10');
  });
});
