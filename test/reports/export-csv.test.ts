import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/person.js';
import { CONSTITUENCIES, CONSTITUENCY_LABELS, STAGES, STATUS_LABELS } from '../../src/domain/reference-data.js';
import { CSV_HEADER, csvCell, exportCsv } from '../../src/reports/export-csv.js';
import {
  makeClosedRound,
  makeFullIdea,
  makeOpenRound,
  makeSparseIdea,
  makeSupportRound,
  NAMES,
} from '../templates/case-fixtures.js';

/** A small RFC 4180 parser: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

function decode(bytes: Uint8Array): string {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
}

const NOW_ISO = '2026-06-10T08:00:00.000Z';

/** The store's people for the fixtures: `slack:U404` has no record, `teams:gone` was removed. */
const PEOPLE: Person[] = [
  ...Object.entries(NAMES).map(([id, displayName]) => ({ id, displayName, roles: [], updatedAt: NOW_ISO })),
  { id: 'teams:gone', displayName: 'Gone Person', roles: [], removedAt: NOW_ISO, updatedAt: NOW_ISO },
  { id: 'slack:UBLANK', displayName: '  ', roles: [], updatedAt: NOW_ISO },
];

/** The CSV as a spreadsheet reads it: one record per idea, keyed by column heading. */
function sheet(bytes: Uint8Array): Record<string, string>[] {
  const [header, ...rows] = parseCsv(decode(bytes));
  expect(header).toEqual([...CSV_HEADER]);
  for (const row of rows) expect(row).toHaveLength(CSV_HEADER.length);
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
}

/** A UK date as a UK spreadsheet reads it (DD/MM/YYYY), back to year, month and day; undefined if it is not one. */
function readUkDate(cell: string): [number, number, number] | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(cell);
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? [year, month, day] : undefined;
}

describe('exportCsv', () => {
  const full = makeFullIdea({ title: 'Reabling "Homecare", phase 1\nwith £ and café' });
  const sparse = makeSparseIdea({ title: '=HYPERLINK("http://evil.example","click")' });
  const rounds = [makeSupportRound(), makeClosedRound(), makeOpenRound()];
  const sources = { people: PEOPLE };

  it('writes UTF-8 with a BOM, CRLF line ends and one row per idea that parses back to the pipeline', () => {
    const text = decode(exportCsv([full, sparse], rounds, sources));
    expect(text.split('\r\n')).toHaveLength(4);
    const [row, sparseRow] = sheet(exportCsv([full, sparse], rounds, sources));
    expect(row).toMatchObject({
      ID: 'IP-1',
      Title: 'Reabling "Homecare", phase 1\nwith £ and café',
      Stage: '8. Final proposal',
      Submitter: 'Sam Okafor',
      'Project manager': 'Priya Moss',
      Created: '02/01/2026',
      'Stage since': '20/01/2026',
      'Funding source': 'Improved Better Care Fund',
      'Funding detail': 'Winter pressures allocation',
      'Amount (GBP)': '48500',
      'Budget holder': 'Director of Adult Social Care',
      // R-2 (support) closed after R-1 (score), and the open R-3 is ignored
      'Latest vote: round': 'R-2',
      'Latest vote: kind': 'support',
      'Latest vote: closed on': '13/01/2026',
      'Latest vote: anonymous': 'no',
      // Each group counts the same: (2 of 3 + 1 of 2) / 2, as in chat and the business case.
      'Latest vote: share supporting (%)': '58.3',
      'Latest vote: weighted score (1-5)': '',
      'Latest vote: quorum reached': 'yes',
      'Experts by experience: voters': '3',
      'Experts by experience: support': '2',
      'Experts by experience: neutral': '1',
      'Experts by experience: oppose': '0',
      'Experts by experience: share supporting (%)': '66.7',
      'Providers: oppose': '1',
      'Providers: share supporting (%)': '50',
      'Others: voters': 'not eligible',
      'Others: quorum reached': '',
    });
    // Nobody knows the sparse idea's submitter's name, and no PM has moved it yet: empty, never an id.
    expect(sparseRow).toMatchObject({ Submitter: '', 'Project manager': '', Stage: '5. Funding' });
    // Nothing recorded past the submission: empty cells, and no offline engagement (the last two columns).
    expect(
      Object.values(sparseRow!)
        .slice(7, -2)
        .every((cell) => cell === ''),
    ).toBe(true);
    expect(Object.values(sparseRow!).slice(-2)).toEqual(['0', '0']);
  });

  it('writes dates as UK dates in UK time, which a spreadsheet reads as dates', () => {
    const summer = makeSparseIdea({ createdAt: '2026-06-30T23:30:00.000Z', statusSince: '2026-07-01T12:00:00.000Z' });
    const winter = makeSparseIdea({ id: 'IP-3', createdAt: '2026-01-31T23:30:00.000Z' });
    const [s, w] = sheet(exportCsv([summer, winter], [], sources));
    // 23:30 UTC in June is 00:30 the next day in London (BST); in January it is the same day (GMT).
    expect([s!.Created, s!['Stage since'], w!.Created]).toEqual(['01/07/2026', '01/07/2026', '31/01/2026']);
    const dated = CSV_HEADER.filter((h) => ['Created', 'Stage since', 'Latest vote: closed on'].includes(h));
    for (const row of sheet(exportCsv([full, sparse, summer], rounds, sources)))
      for (const column of dated) if (row[column] !== '') expect(readUkDate(row[column]!), column).toBeDefined();
  });

  it('names people, and leaves the cell empty for anyone without a known name, never writing an id', () => {
    // Whoever last moved the idea is its PM; one without a known name (removed, blank, unregistered) is left empty.
    const moved = (n: number, actorId: string) =>
      makeSparseIdea({
        id: `IP-${n}`,
        submitterId: actorId.startsWith('person:') ? 'slack:U404' : actorId,
        history: [{ type: 'stage.advanced', at: NOW_ISO, actorId, from: 'longlist', to: 'review' }],
      });
    const ideas = [
      full,
      sparse,
      moved(3, 'teams:gone'),
      moved(4, 'slack:UBLANK'),
      moved(5, 'person:P-7'),
      moved(6, 'slack:UPM'),
    ];
    const text = decode(exportCsv(ideas, rounds, sources));
    expect(text).not.toMatch(/\b(slack|teams|person):/);
    const rows = sheet(exportCsv(ideas, rounds, sources));
    expect(rows.map((r) => [r.Submitter, r['Project manager']])).toEqual([
      ['Sam Okafor', 'Priya Moss'],
      ['', ''],
      ['', ''],
      ['', ''],
      ['', ''],
      ['Priya Moss', 'Priya Moss'],
    ]);
  });

  it('gives each column one meaning: the stage in words, a share in one column and a 1-5 score in another', () => {
    const withheld = makeClosedRound({ id: 'R-4', minGroupSize: 4 });
    const held = makeSparseIdea({ id: 'IP-6', status: 'on_hold', lastStage: 'outline' });
    const [supportRow] = sheet(exportCsv([full], [makeSupportRound()], sources));
    const [scoreRow] = sheet(exportCsv([full], [makeClosedRound()], sources));
    const [withheldRow] = sheet(exportCsv([full], [withheld], sources));
    const [heldRow] = sheet(exportCsv([held], [], sources));
    expect(CSV_HEADER).not.toContain('Status');
    expect(heldRow!.Stage).toBe('On hold at 3. Outline proposal');
    const stageWords = new Set<string>([...STAGES.map((s) => STATUS_LABELS[s]), STATUS_LABELS.approved]);
    expect(stageWords).toContain(supportRow!.Stage);
    expect(scoreRow).toMatchObject({
      'Latest vote: kind': 'score',
      'Latest vote: anonymous': 'yes',
      'Latest vote: share supporting (%)': '',
      'Latest vote: weighted score (1-5)': '3.93',
      'Experts by experience: weighted score (1-5)': '3.75',
      'Experts by experience: support': '',
      'Experts by experience: share supporting (%)': '',
      'Providers: weighted score (1-5)': '4.11',
    });
    expect(withheldRow).toMatchObject({
      'Latest vote: share supporting (%)': '',
      'Latest vote: weighted score (1-5)': 'not shown (a group too small)',
      'Providers: voters': 'fewer than 4 (not shown)',
    });
    // Every figure in a column is of that column's kind: a percentage, or a score from 1 to 5.
    for (const row of [supportRow!, scoreRow!, withheldRow!])
      for (const [column, cell] of Object.entries(row)) {
        if (cell === '' || cell.startsWith('not shown') || cell.startsWith('fewer than')) continue;
        if (column.endsWith('(%)')) expect(Number(cell), column).toSatisfy((n: number) => n >= 0 && n <= 100);
        if (column.endsWith('(1-5)')) expect(Number(cell), column).toSatisfy((n: number) => n >= 1 && n <= 5);
      }
  });

  it('never exports who took part or any individual vote', () => {
    const text = decode(exportCsv([full], rounds, sources));
    for (const voter of ['slack:UE1', 'slack:UE5', 'slack:UP2', 'slack:UP4']) expect(text).not.toContain(voter);
    expect(text).not.toContain('It worked for my mother');
  });

  it('neutralises cells a spreadsheet would run as a formula, names included', () => {
    const people = [{ id: 'slack:USUB', displayName: '@SUM(1+1)', roles: [], updatedAt: NOW_ISO }];
    const [, , row] = parseCsv(decode(exportCsv([full, sparse], rounds, sources)));
    expect(row![1]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(sheet(exportCsv([full], rounds, { people }))[0]!.Submitter).toBe("'@SUM(1+1)");
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}1+1`)).toMatch(/^"?'/);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
  });

  it('has the same seven tally columns for each constituency, side by side', () => {
    for (const c of CONSTITUENCIES) {
      const label = CONSTITUENCY_LABELS[c];
      expect(CSV_HEADER.filter((h) => h.startsWith(`${label}: `))).toEqual(
        [
          'voters',
          'support',
          'neutral',
          'oppose',
          'share supporting (%)',
          'weighted score (1-5)',
          'quorum reached',
        ].map((m) => `${label}: ${m}`),
      );
    }
  });
});
