import { describe, expect, it } from 'vitest';
import type { Idea } from '../../src/domain/idea.js';
import type { Job } from '../../src/store/store.js';
import { scheduleCheckIns } from '../../src/workflows/check-ins.js';
import { makeIdea } from '../support/factories.js';

describe('check-ins are scheduled', () => {
  it('at 09:00 London time on each review date still to come: GMT in winter, BST in summer', async () => {
    const idea: Idea = makeIdea({ id: 'IP-3', status: 'live' });
    idea.artefacts = {
      ...idea.artefacts,
      measures: [
        {
          id: 'M1',
          name: 'Hours',
          baseline: 20,
          target: 15,
          unit: 'hours',
          owner: 'slack:UOWN',
          reviewDates: ['2027-01-10', '2027-07-01', '2026-11-01'],
          addedBy: 'slack:UPM',
          addedAt: '2026-11-20T09:00:00.000Z',
        },
      ],
    };
    const jobs: Omit<Job, 'done' | 'leaseOwner' | 'leaseUntil'>[] = [];
    const store = { scheduleJob: async (job: (typeof jobs)[number]) => void jobs.push(job) };
    const clock = () => new Date('2026-11-23T09:00:00.000Z');
    expect(await scheduleCheckIns({ store: store as never, clock }, idea)).toBe(2); // 1 November has passed
    expect(jobs.map((j) => [j.id, j.dueAt])).toEqual([
      ['checkin:IP-3:M1:2027-01-10', '2027-01-10T09:00:00.000Z'],
      ['checkin:IP-3:M1:2027-07-01', '2027-07-01T08:00:00.000Z'],
    ]);
  });
});
