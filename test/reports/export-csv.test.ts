import { describe, expect, it } from 'vitest';
import { CONSTITUENCIES, CONSTITUENCY_LABELS } from '../../src/domain/reference-data.js';
import { CSV_HEADER, csvCell, exportCsv } from '../../src/reports/export-csv.js';
import {
  makeClosedRound,
  makeFullIdea,
  makeOpenRound,
  makeSparseIdea,
  makeSupportRound,
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

describe('exportCsv', () => {
  const full = makeFullIdea({ title: 'Reabling "Homecare", phase 1\nwith £ and café' });
  const sparse = makeSparseIdea({ title: '=HYPERLINK("http://evil.example","click")' });
  const rounds = [makeSupportRound(), makeClosedRound(), makeOpenRound()];

  it('writes UTF-8 with a BOM, CRLF line ends and one row per idea that parses back to the pipeline', () => {
    const text = decode(exportCsv([full, sparse], rounds));
    expect(text.split('\r\n')).toHaveLength(4);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(row).toMatchObject({
      ID: 'IP-1',
      Title: 'Reabling "Homecare", phase 1\nwith £ and café',
      Status: 'final_proposal',
      Stage: '8. Final proposal',
      Submitter: 'slack:USUB',
      Created: full.createdAt,
      'Status since': full.statusSince,
      'Funding source': 'Improved Better Care Fund',
      'Funding detail': 'Winter pressures allocation',
      'Amount (GBP)': '48500',
      'Budget holder': 'Director of Adult Social Care',
      // R-2 (support) closed after R-1 (score), and the open R-3 is ignored
      'Latest closed round': 'R-2',
      'Round kind': 'support',
      'Anonymous round': 'no',
      'Overall score': '',
      // Each group counts the same: (2 of 3 + 1 of 2) / 2, as in chat and the business case.
      'Overall support share': '58.3',
      'Quorum reached': 'yes',
      'Experts by experience: voters': '3',
      'Experts by experience: support': '2',
      'Experts by experience: neutral': '1',
      'Experts by experience: oppose': '0',
      'Experts by experience: support share': '66.7',
      'Providers: oppose': '1',
      'Providers: support share': '50',
      'Others: voters': 'not eligible',
      'Others: quorum reached': '',
    });
    // Nothing recorded past the submission: empty cells, and no offline engagement (the last two columns).
    expect(rows[1]!.slice(7, -2).every((cell) => cell === '')).toBe(true);
    expect(rows[1]!.slice(-2)).toEqual(['0', '0']);
    expect(rows.every((r) => r.length === CSV_HEADER.length)).toBe(true);
  });

  it('gives a score round weighted scores and no support counts', () => {
    const [, row] = parseCsv(decode(exportCsv([full], [makeClosedRound()])));
    const byName = Object.fromEntries(CSV_HEADER.map((h, i) => [h, row![i]]));
    expect(byName['Round kind']).toBe('score');
    expect(byName['Anonymous round']).toBe('yes');
    expect(byName['Experts by experience: weighted score']).toBe('3.75');
    expect(byName['Experts by experience: support']).toBe('');
    expect(byName['Providers: weighted score']).toBe('4.11');
  });

  it('never exports who took part or any individual vote', () => {
    const text = decode(exportCsv([full], rounds));
    for (const voter of ['slack:UE1', 'slack:UE5', 'slack:UP2', 'slack:UP4']) expect(text).not.toContain(voter);
    expect(text).not.toContain('It worked for my mother');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const [, , row] = parseCsv(decode(exportCsv([full, sparse], rounds)));
    expect(row![1]).toBe('\'=HYPERLINK("http://evil.example","click")');
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}1+1`)).toMatch(/^"?'/);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
  });

  it('has the same seven tally columns for each constituency, side by side', () => {
    for (const c of CONSTITUENCIES) {
      const label = CONSTITUENCY_LABELS[c];
      expect(CSV_HEADER.filter((h) => h.startsWith(`${label}: `))).toEqual(
        ['voters', 'support', 'neutral', 'oppose', 'support share', 'weighted score', 'quorum reached'].map(
          (m) => `${label}: ${m}`,
        ),
      );
    }
  });
});
