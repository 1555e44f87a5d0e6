import type { Submission } from '../domain/idea.js';
import type { Store } from '../store/store.js';
import type { PipelineService } from '../workflows/pipeline-service.js';

/** The initial longlist of ten ideas from the source report (SPEC 2.1), in plain words. */
export const DEMO_IDEAS: Submission[] = [
  demo(
    'Reabling Homecare',
    'Homecare that helps people relearn everyday tasks after illness or a hospital stay, so they need less care over time.',
    'stakeholder',
    ['person_independence', 'person_home_longer', 'community_less_acute'],
  ),
  demo(
    'Supporting people with complex needs / CHC',
    'Specialist homecare for people with complex health needs, including those funded through NHS Continuing Healthcare.',
    'staff',
    ['person_home_longer', 'services_trained_workers', 'services_partnership'],
  ),
  demo(
    'Dedicated capacity for urgent care',
    'Care workers kept free to start care quickly when someone urgently needs it, for example on leaving hospital.',
    'provider_forum',
    ['community_less_acute', 'community_greatest_need'],
  ),
  demo(
    'End of Life / Palliative care support',
    'Homecare that helps people who are dying, and their families, to stay at home with the right support.',
    'carers_group',
    ['person_family_involved', 'person_home_longer', 'services_partnership'],
  ),
  demo(
    'Flexible Homecare',
    'People and their care workers agree together how to use the care hours, instead of fixed visit times and tasks.',
    'experts_by_experience',
    ['person_flexibility', 'person_own_plan', 'person_goals'],
  ),
  demo(
    'Trusted Reviewer/Assessor',
    'Trusted care providers review and adjust a person’s care themselves, so changes happen without waiting for a social worker.',
    'provider_forum',
    ['services_joint_working', 'person_flexibility', 'services_know_clients'],
  ),
  demo(
    'Rural Based Support',
    'Local care teams for villages and rural areas where homecare is hard to find.',
    'stakeholder',
    ['community_greatest_need', 'community_sustainable_market', 'community_voluntary'],
  ),
  demo(
    'Workforce Development',
    'Training, career paths and support that help care workers stay in the job and bring new people into care.',
    'staff',
    ['services_trained_workers', 'services_recruitment', 'services_consistent_workforce'],
  ),
  demo(
    'Assistive Technology',
    'Sensors, alarms and simple gadgets at home that help people stay safe and independent.',
    'staff',
    ['person_independence', 'person_home_longer', 'community_information'],
  ),
  demo(
    'The Buurtzorg Model',
    'Small self-managed neighbourhood teams of care workers, based on the Dutch Buurtzorg way of working.',
    'experts_by_experience',
    ['services_know_clients', 'services_consistent_workforce', 'person_goals'],
  ),
];

function demo(
  title: string,
  summary: string,
  source: Submission['source'],
  outcomes: Submission['outcomes'],
): Submission {
  return {
    title,
    summary,
    problem: `From the council's initial longlist: ${summary}`,
    approach: 'To be worked up in the outline proposal with experts by experience and providers.',
    beneficiaries: 'People who use homecare in the area, and their carers.',
    source,
    outcomes,
  };
}

/** Loads the demo longlist into an empty store; does nothing if the store already has ideas. */
export async function loadDemoData(store: Store, pipeline: PipelineService, clock: () => Date): Promise<number> {
  if ((await store.countIdeas()) > 0) return 0;
  await store.putPerson({
    id: 'local:demo',
    displayName: 'Council longlist (demo data)',
    roles: [],
    updatedAt: clock().toISOString(),
  });
  for (const idea of DEMO_IDEAS) await pipeline.submit('local:demo', idea);
  return DEMO_IDEAS.length;
}
