import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMILARITY_THRESHOLD, SimilarityIndex } from '../../src/workflows/similarity-index.js';
import { stem, termWeights } from '../../src/workflows/text-tokens.js';

/** The ten demo ideas, one per line as `id | title | summary`, with a plausible one-sentence summary each. */
const DEMO_IDEAS = `
reabling-homecare | Reabling Homecare | Short-term reablement visits at home that help people regain daily living skills and independence after a hospital stay, before any long-term care package is set.
complex-needs-chc | Supporting people with complex needs / CHC | A joint health and social care team that plans and delivers Continuing Healthcare packages for people with complex physical and mental health needs.
urgent-capacity | Dedicated capacity for urgent care | Block-booked carer hours kept free each day so urgent hospital discharges and crisis referrals can be picked up within two hours.
end-of-life | End of Life / Palliative care support | Rapid-response palliative carers who support people to die comfortably at home, working alongside district nurses and hospices.
flexible-homecare | Flexible Homecare | Lets people and their carers agree visit times and tasks week by week instead of fixed fifteen-minute calls, paid by outcomes rather than minutes.
trusted-assessor | Trusted Reviewer/Assessor | Trains senior care workers as trusted assessors who can review and adjust a care plan on the spot without waiting for a social worker.
rural-support | Rural Based Support | Small teams of carers based in villages, cutting travel time and reaching isolated older residents in remote parts of the county.
workforce-development | Workforce Development | A paid training academy, career pathway and recognised qualifications to recruit and retain care workers across the county.
assistive-technology | Assistive Technology | Sensors, smart speakers and falls alarms installed in the home so people can live safely on their own with fewer visits.
buurtzorg | The Buurtzorg Model | Self-managing neighbourhood nursing teams, based on the Dutch model, that organise their own caseloads and build networks around each client.
`
  .trim()
  .split('\n')
  .map((line) => line.split(' | ') as [id: string, title: string, summary: string]);

function makeDemoIndex(): SimilarityIndex {
  const index = new SimilarityIndex();
  for (const [id, title, summary] of DEMO_IDEAS) index.upsert(id, title, summary);
  return index;
}

const defaults = { limit: 3, threshold: DEFAULT_SIMILARITY_THRESHOLD };
const everything = { limit: 1_000, threshold: 0 };
const ids = (matches: { id: string }[]) => matches.map((match) => match.id);

describe('SimilarityIndex over the demo ideas', () => {
  const index = makeDemoIndex();

  it('finds Reabling Homecare first for a reworded near-duplicate', () => {
    const matches = index.query(
      'Reablement home care service',
      'Help people regain independence at home with short reablement support after leaving hospital.',
      defaults,
    );
    expect(ids(matches)).toEqual(['reabling-homecare']);
  });

  it('matches spelling variants: "home care" and "homecare", "re-ablement" and "reabling"', () => {
    expect(ids(index.query('Flexible home care', '', defaults))[0]).toBe('flexible-homecare');
    expect(ids(index.query('Re-ablement at home', '', defaults))[0]).toBe('reabling-homecare');
    expect(ids(index.query('Palliative support at the end of life', '', defaults))[0]).toBe('end-of-life');
  });

  it('finds nothing for an unrelated idea at the default threshold', () => {
    expect(index.query('Office parking permits', 'Staff car parking at the town hall', defaults)).toEqual([]);
  });

  it('keeps distinct demo ideas below the default threshold of each other', () => {
    for (const [id, title, summary] of DEMO_IDEAS) {
      expect(index.query(title, summary, { ...defaults, excludeId: id })).toEqual([]);
    }
  });

  it('returns at most `limit` matches, best first, with scores between 0 and 1', () => {
    const matches = index.query('Homecare support for people at home', 'Carers visit people at home.', everything);
    expect(matches.length).toBeGreaterThan(3);
    expect(
      index.query('Homecare support for people at home', 'Carers visit people at home.', { ...everything, limit: 2 }),
    ).toEqual(matches.slice(0, 2));
    for (const [i, match] of matches.entries()) {
      expect(match.score).toBeGreaterThan(0);
      expect(match.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(match.score).toBeLessThanOrEqual(matches[i - 1]!.score);
    }
  });

  it('scores an idea against itself as 1, and leaves it out when excluded', () => {
    const [id, title, summary] = DEMO_IDEAS[4]!;
    expect(index.query(title, summary, everything)[0]).toEqual({ id, score: expect.closeTo(1, 9) });
    expect(ids(index.query(title, summary, { ...everything, excludeId: id }))).not.toContain(id);
  });

  it('returns [] without throwing for empty, blank or stopword-only text', () => {
    expect(index.query('', '', everything)).toEqual([]);
    expect(index.query('   \n\t ', ' ', everything)).toEqual([]);
    expect(index.query('The and of', 'it is what it is, with them', everything)).toEqual([]);
    expect(index.query('!!! --- ???', '/ / /', everything)).toEqual([]);
  });

  it('handles unicode and 100 KB of text without throwing', () => {
    expect(ids(index.query('RÉABLEMENT Homecare', '', defaults))).toEqual(['reabling-homecare']);
    expect(index.query('Soins à domicile 🏠', 'Zuhause — 在家护理, ケア\u0000\uFFFD', defaults)).toEqual([]);
    const long = 'palliative care support at home for people near the end of life '.repeat(1_600);
    expect(long.length).toBeGreaterThan(100_000);
    expect(ids(index.query(long, long, defaults))[0]).toBe('end-of-life');
  });

  it('returns [] when the limit is zero or the index is empty', () => {
    expect(index.query('Flexible Homecare', '', { ...defaults, limit: 0 })).toEqual([]);
    expect(new SimilarityIndex().query('Flexible Homecare', '', defaults)).toEqual([]);
  });
});

describe('SimilarityIndex changes', () => {
  it('upsert replaces a document rather than adding a second one', () => {
    const index = makeDemoIndex();
    index.upsert('buurtzorg', 'Office parking permits', 'Staff car parking at the town hall');
    expect(index.size).toBe(10);
    expect(ids(index.query('The Buurtzorg Model', 'Dutch neighbourhood nursing teams', defaults))).toEqual([]);
    expect(ids(index.query('Parking permits', 'Car parking for staff', defaults))).toEqual(['buurtzorg']);
  });

  it('remove takes a document out of results and out of the size; unknown ids are ignored', () => {
    const index = makeDemoIndex();
    index.remove('reabling-homecare');
    index.remove('no-such-idea');
    expect(index.size).toBe(9);
    expect(ids(index.query('Reabling Homecare', 'Reablement visits at home', everything))).not.toContain(
      'reabling-homecare',
    );
    index.upsert('reabling-homecare', 'Reabling Homecare', 'Reablement visits at home');
    expect(ids(index.query('Reabling Homecare', 'Reablement visits at home', defaults))).toEqual(['reabling-homecare']);
  });
});

describe('text tokens', () => {
  it('stems plurals, -ing, -ed, -ation and -ment onto one term', () => {
    expect(stem('reabling')).toBe(stem('reablement'));
    expect(['care', 'caring', 'cared', 'cares'].map(stem)).toEqual(['care', 'care', 'care', 'care']);
    expect(['needs', 'needed'].map(stem)).toEqual(['need', 'need']);
    expect(stem('dedicated')).toBe(stem('dedication'));
    expect(stem('car')).not.toBe(stem('care'));
  });

  it('weights title words above summary words', () => {
    const terms = termWeights('Rural support', 'rural');
    expect(terms.get('rural')).toBe(3);
    expect(terms.get('support')).toBe(2);
  });
});

// Deterministic pseudo-random numbers (mulberry32), so the synthetic corpus is the same on every run.
function makeRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const VOCABULARY = (
  'homecare reablement carer visit hospital discharge palliative dementia falls telecare sensor nurse district ' +
  'community rural village isolation loneliness workforce training recruitment retention assessor review plan ' +
  'package budget outcome independence wellbeing mobility medication continence nutrition respite family unpaid ' +
  'neighbourhood team caseload rota travel mileage electric vehicle digital app tablet video remote monitoring ' +
  'urgent crisis response night sitting weekend capacity bridging brokerage provider market commissioning ' +
  'contract hourly rate domiciliary extra housing sheltered equipment adaptation ramp hoist moving handling ' +
  'safeguarding complex needs continuing healthcare mental learning disability autism transition young adults'
).split(' ');

function makeSyntheticIdea(random: () => number): [title: string, summary: string] {
  const words = (count: number) =>
    Array.from({ length: count }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' ');
  return [words(3 + Math.floor(random() * 3)), words(15 + Math.floor(random() * 20))];
}

describe('SimilarityIndex at scale', () => {
  it('answers a query over 10,000 ideas quickly', () => {
    const random = makeRandom(42);
    const index = new SimilarityIndex();
    for (let i = 0; i < 10_000; i++) index.upsert(`idea-${i}`, ...makeSyntheticIdea(random));
    const queries = Array.from({ length: 50 }, () => makeSyntheticIdea(random));

    const coldStart = performance.now();
    index.query(...queries[0]!, defaults);
    const cold = performance.now() - coldStart;

    const start = performance.now();
    for (const [title, summary] of queries) index.query(title, summary, defaults);
    const mean = (performance.now() - start) / queries.length;

    console.log(
      `similarity: ${mean.toFixed(2)} ms mean per query over ${index.size} ideas; first query after changes ${cold.toFixed(1)} ms`,
    );
    expect(mean).toBeLessThan(250);
  });
});
