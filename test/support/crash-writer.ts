/**
 * Child process of the crash-safety test: opens the embedded store in `argv[2]` through the real
 * engine and keeps writing through the command layer (ideas, moves, rounds, votes) until it is killed.
 * It prints `READY` once the store is open, then one `ACK ...` line per write only after the write's
 * promise resolved (so after fdatasync), and `ERR ...` (exit 2) if the engine refuses a write it
 * should accept. Stdout to a pipe is synchronous on Linux, so a printed line survives a SIGKILL.
 *
 * Usage: node --import tsx test/support/crash-writer.ts <dataDir> [compactAfterBytes]
 */
import { createPilot } from '../../src/app/create-pilot.js';
import type { Action, Reply } from '../../src/views/reply.js';
import { pipelineRulesSchema } from '../../src/config/settings.js';
import { EmbeddedStore } from '../../src/store/embedded-store.js';
import { submissionValues } from './pilot-harness.js';
import { systemClock } from '../../src/workflows/deps.js';

const ADMIN = 'slack:UADMIN';
const PM = 'slack:UPM';
const CHOICES = ['support', 'neutral', 'oppose'] as const;
const VOTERS_PER_ROUND = 4;

const [dataDir, compactArg] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: crash-writer.ts <dataDir> [compactAfterBytes]\n');
  process.exit(64);
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const store = await EmbeddedStore.open(dataDir, compactArg ? { compactAfterBytes: Number(compactArg) } : {});
say('READY');
const pilot = await createPilot({
  store,
  rules: pipelineRulesSchema.parse({ quorum: { experts: 1, providers: 0, others: 0 } }),
  admins: [ADMIN],
  // A real process against real time: the test reads its ledger, not dates.
  clock: systemClock,
});
// Distinct voters in every run, so each acknowledged vote is a new one and never replaces an earlier vote.
const run = `${process.pid.toString(36).toUpperCase()}X${Date.now().toString(36).toUpperCase()}`;

/** Runs one action as a person; any error reply is a failure of the test's writer, not an expected refusal. */
async function act(personId: string, action: Action | string, what: string): Promise<Reply> {
  const reply = await pilot.core.handle(
    { personId, platform: 'slack', channelId: 'slack:CGENERAL' },
    typeof action === 'string' ? { kind: 'text', text: action } : action,
  );
  if (!reply || reply.errorCode) {
    say(`ERR ${what} ${reply?.errorCode ?? 'no reply'} ${reply?.text.replace(/\s+/g, ' ') ?? ''}`);
    process.exit(2);
  }
  return reply;
}

async function move(id: string, command: string, status: string): Promise<void> {
  await act(PM, `${command} ${id}${command === 'hold' ? ' waiting for the next budget round' : ''}`, command);
  say(`ACK idea ${id} ${status}`);
}

await act(ADMIN, `role ${PM} pm`, 'role');
say(`ACK role ${PM} pm`);

// Finish what a killed predecessor left half-done: ideas on hold are resumed, open rounds closed.
for (const idea of await store.listIdeas({ status: 'on_hold' })) await move(idea.id, 'resume', 'review');
for (const round of await store.listRounds({ status: 'open' })) {
  await act(PM, `vote close ${round.ideaId}`, 'vote close');
  say(`ACK round ${round.id} closed`);
}

for (let cycle = 0; cycle < 1000; cycle++) {
  const submitted = await act(
    `slack:US${run}`,
    { kind: 'form', formId: 'submit', values: submissionValues({ title: `Crash pilot ${run} ${cycle}` }), context: {} },
    'submit',
  );
  const id = /IP-\d+/.exec(submitted.text)?.[0] ?? '';
  say(`ACK idea ${id} longlist`);
  await act(
    PM,
    {
      kind: 'form',
      formId: 'criteria',
      values: {
        met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
      },
      context: { ideaId: id },
    },
    'criteria',
  );
  say(`ACK artefact criteria ${id}`);
  await move(id, 'advance', 'review');
  await move(id, 'hold', 'on_hold');
  if (cycle % 3 === 2) continue; // leave some on hold for the next run to resume
  await move(id, 'resume', 'review');
  const opened = await act(PM, `vote open ${id} support 48`, 'vote open');
  const roundId = /R-\d+/.exec(opened.text)?.[0] ?? '';
  say(`ACK round ${roundId} ${id} open`);
  for (let v = 0; v < VOTERS_PER_ROUND; v++) {
    const voter = `slack:UV${run}C${cycle}V${v}`;
    await act(ADMIN, `role ${voter} ${v % 2 === 0 ? 'expert' : 'provider'}`, 'role');
    say(`ACK role ${voter} ${v % 2 === 0 ? 'expert' : 'provider'}`);
    const choice = CHOICES[(cycle + v) % CHOICES.length];
    const click = { kind: 'button' as const, actionId: 'vote.cast', value: JSON.stringify({ roundId, choice }) };
    const asked = (await act(voter, click, 'vote')).form;
    // A provider's first click asks the conflict question; answering it records the vote.
    if (asked)
      await act(
        voter,
        { kind: 'form', formId: asked.formId, context: asked.context, values: { hasConflict: 'no' } },
        'vote',
      );
    say(`ACK vote ${roundId} ${voter} ${choice}`);
  }
  if (cycle % 2 === 1) continue; // leave some open for the next run to close
  await act(PM, `vote close ${id}`, 'vote close');
  say(`ACK round ${roundId} closed`);
}
await store.close();
say('DONE');
