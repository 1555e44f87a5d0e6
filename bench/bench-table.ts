import { cpus } from 'node:os';

/** One measured figure with its budget. */
export interface BenchRow {
  name: string;
  value: string;
  budget: string;
  pass: boolean | null;
}

/** Median and percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Times `fn` `runs` times after `warm` warm-up runs; returns the durations in ms. */
export async function timeRuns(fn: () => Promise<unknown> | unknown, runs: number, warm = 3): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

/** Prints the machine and the table, and returns whether every budget passed. */
export function printTable(rows: BenchRow[]): boolean {
  const cpu = cpus();
  console.log(
    `\nMachine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), Node ${process.version}, ${process.platform}`,
  );
  const widths = [
    Math.max(...rows.map((r) => r.name.length), 6),
    Math.max(...rows.map((r) => r.value.length), 5),
    Math.max(...rows.map((r) => r.budget.length), 6),
  ];
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join(' | ')} |`;
  console.log(line(['figure', 'value', 'budget']).replace(/ \|$/, ' | result |'));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|--------|`);
  for (const row of rows)
    console.log(
      `${line([row.name, row.value, row.budget])} ${row.pass === null ? '  -   ' : row.pass ? ' PASS ' : ' FAIL '} |`,
    );
  return rows.every((r) => r.pass !== false);
}

/** "12.3 ms" */
export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
