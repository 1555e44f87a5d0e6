import { type BenchRow, printTable } from './bench-table.js';
import { boardBench } from './board-bench.js';
import { engineBench } from './engine-bench.js';
import { rssBench } from './rss-bench.js';
import { slackBench } from './slack-bench.js';
import { teamsBench } from './teams-bench.js';

/** Runs every benchmark of SPEC 8 (the compiled bot's memory in a process of its own, the rest in this one) and prints the table with PASS/FAIL per budget. */
async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  rows.push(...(await rssBench()));
  rows.push(...(await engineBench()));
  rows.push(...(await boardBench()));
  rows.push(...(await slackBench()));
  rows.push(...(await teamsBench()));
  const ok = printTable(rows);
  process.exitCode = ok ? 0 : 1;
}

void main();
