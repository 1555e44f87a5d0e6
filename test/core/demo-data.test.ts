import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadDemoData } from '../../src/app/demo-data.js';
import { type Harness, makeHarness } from '../support/pilot-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  await h.cleanup();
});

it('loads the council’s ten-idea longlist into an empty store, once, with a readable submitter', async () => {
  expect(await loadDemoData(h.store, h.pilot.pipeline, h.clock.now)).toBe(10);
  expect(await loadDemoData(h.store, h.pilot.pipeline, h.clock.now)).toBe(0);
  const titles = (await h.store.listIdeas()).map((i) => i.title);
  expect(titles).toEqual([
    'Reabling Homecare',
    'Supporting people with complex needs / CHC',
    'Dedicated capacity for urgent care',
    'End of Life / Palliative care support',
    'Flexible Homecare',
    'Trusted Reviewer/Assessor',
    'Rural Based Support',
    'Workforce Development',
    'Assistive Technology',
    'The Buurtzorg Model',
  ]);
  expect((await h.store.listIdeas()).every((i) => i.status === 'longlist')).toBe(true);
  expect((await h.store.getPerson('local:demo'))?.displayName).toBe('Council longlist (demo data)');
});
