import { type BenchRow, printTable } from './bench-table.js';
import { engineBench } from './engine-bench.js';
import { slackBench } from './slack-bench.js';
import { teamsBench } from './teams-bench.js';

/** Runs every benchmark of SPEC 8 in one process and prints the table with PASS/FAIL per budget. */
async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  rows.push(...(await engineBench()));
  rows.push(...(await slackBench()));
  rows.push(...(await teamsBench()));
  const ok = printTable(rows);
  process.exitCode = ok ? 0 : 1;
}

void main();
