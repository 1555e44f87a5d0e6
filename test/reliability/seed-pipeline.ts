import type { Action, Caller, Reply } from '../../src/views/reply.js';
import { DEFAULT_PRIORITIES, SPECIALIST_AREAS } from '../../src/domain/reference-data.js';
import type { Harness } from '../support/pilot-harness.js';

/** People the bad-input tests act as: a PM, an admin, somebody with no role, and a provider-specialist. */
export const CALLERS = {
  pm: { personId: 'slack:UPM', platform: 'slack', channelId: 'slack:CGENERAL' },
  admin: { personId: 'slack:UADMIN', platform: 'slack', channelId: 'slack:CGENERAL' },
  nobody: { personId: 'teams:aad-nobody-1', platform: 'teams', channelId: 'teams:19:general@thread.tacv2' },
  specialist: { personId: 'slack:USPEC', platform: 'slack', channelId: 'slack:D123:dm' },
} satisfies Record<string, Caller>;

/** Text that is valid but hostile: markup, template syntax, RTL overrides, emoji, zero-width and NUL characters. */
export const HOSTILE =
  '<!channel> <script>alert(1)</script> {{x}} {{{y}}} *bold* `code` \u202Eevil\u202C 👩‍👩‍👧‍👦 ﷺ \u200B\u0000 <@U123> [x](javascript:alert(1))';

/** Ids the seeded pipeline holds, for generators to aim at. */
export interface Seeded {
  longlist: string;
  review: string;
  onHold: string;
  withRound: string;
  finalProposal: string;
  /** Open support round (on `withRound`), open score round (on `longlist`), closed score round (on `finalProposal`). */
  supportRound: string;
  scoreRound: string;
  closedRound: string;
}

/**
 * Seeds a few ideas at different stages through the command layer, most with hostile text: one at the
 * longlist with an open scoring round, one at review, one on hold, one at review with an open support
 * round, and one walked to the final proposal (so `case`, `final` and `decision` have something to act on).
 */
export async function seedPipeline(h: Harness): Promise<Seeded> {
  await h.pilot.people.assign('slack:UADMIN', CALLERS.pm.personId, ['pm']);
  await h.pilot.people.assign('slack:UADMIN', CALLERS.specialist.personId, ['provider', ...SPECIALIST_AREAS]);
  await h.pilot.people.assign('slack:UADMIN', 'slack:UEXPERT', ['expert']);
  const pm = (action: Action | string) => ok(h, CALLERS.pm, action);
  const form = (formId: string, ideaId: string, values: Record<string, unknown>) =>
    pm({ kind: 'form', formId, values, context: { ideaId } });
  const submit = async (title: string) => {
    const reply = await ok(h, CALLERS.nobody, {
      kind: 'form',
      formId: 'submit',
      values: {
        title: `${title} ${HOSTILE}`.slice(0, 120),
        summary: `${HOSTILE} `.repeat(10).slice(0, 600),
        problem: `${HOSTILE}\n`.repeat(30),
        approach: HOSTILE,
        beneficiaries: HOSTILE,
        source: 'staff',
        outcomes: ['person_independence'],
      },
      context: {},
    });
    return /IP-\d+/.exec(reply.text)?.[0] ?? '';
  };
  const toReview = async (id: string) => {
    await form('criteria', id, {
      met: ['independence', 'outcomes_focus', 'small_cohort', 'framework_scope', 'service_user_involvement'],
      note: HOSTILE,
    });
    await pm(`advance ${id}`);
  };
  const roundOf = (reply: Reply) => /R-\d+/.exec(reply.text)?.[0] ?? '';

  const longlist = await submit('Longlist');
  const review = await submit('Review');
  await toReview(review);
  const onHold = await submit('Held');
  await toReview(onHold);
  await pm(`hold ${onHold} ${HOSTILE}`);
  const withRound = await submit('Voting');
  await toReview(withRound);

  const finalProposal = await submit('Final');
  await toReview(finalProposal);
  await form('evidence', finalProposal, { source: HOSTILE, whatHappened: HOSTILE, lesson: HOSTILE });
  await pm(`advance ${finalProposal}`);
  await form('outline', finalProposal, {
    objectives: HOSTILE,
    cohort: HOSTILE,
    cohortSize: '12',
    durationMonths: '6',
    approach: HOSTILE,
  });
  await form('risk', finalProposal, {
    risk: HOSTILE,
    likelihood: 'high',
    impact: 'low',
    mitigation: HOSTILE,
    owner: HOSTILE,
  });
  await form('options', finalProposal, { doNothing: HOSTILE, alternatives: HOSTILE });
  await pm(`advance ${finalProposal}`);
  const closedRound = roundOf(await pm(`vote open ${finalProposal} score`));
  const fives = Object.fromEntries(DEFAULT_PRIORITIES.map((p) => [`score_${p.id}`, '5']));
  await ok(
    h,
    { ...CALLERS.pm, personId: 'slack:UEXPERT' },
    {
      kind: 'form',
      formId: 'vote_score',
      values: { ...fives, conflict: HOSTILE },
      context: { roundId: closedRound },
    },
  );
  await pm(`vote close ${finalProposal}`);
  await form('shortlist', finalProposal, { shortlisted: 'yes', override: 'yes', reason: HOSTILE });
  await pm(`advance ${finalProposal}`);
  await form('funding', finalProposal, { source: 'bcf', amount: '£45,000', budgetHolder: HOSTILE });
  await pm(`advance ${finalProposal}`);
  await form('interest', finalProposal, { providerName: HOSTILE, summary: HOSTILE, hasConflict: 'no' });
  await pm(`advance ${finalProposal}`);
  await form('specialists', finalProposal, { areas: [] });
  await pm(`advance ${finalProposal}`);

  const supportRound = roundOf(await pm(`vote open ${withRound} support`));
  const scoreRound = roundOf(await pm(`vote open ${longlist} score`));
  return { longlist, review, onHold, withRound, finalProposal, supportRound, scoreRound, closedRound };
}

async function ok(h: Harness, caller: Caller, action: Action | string): Promise<Reply> {
  const reply = await h.pilot.core.handle(caller, typeof action === 'string' ? { kind: 'text', text: action } : action);
  if (!reply || reply.errorCode) throw new Error(`seeding failed at ${JSON.stringify(action)}: ${reply?.text}`);
  return reply;
}
