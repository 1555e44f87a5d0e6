import type { Measure } from '../domain/artefacts.js';
import type { Idea } from '../domain/idea.js';
import { formatDate } from '../templates/case-format.js';
import { withUnit } from '../reports/pilot-progress.js';
import { cmd } from './inline.js';
import { formButton, type Reply, reply } from './reply.js';

/** What the owner (or the PM, for an owner without a chat account) is sent on a review date. */
export function checkInMessage(idea: Idea, measure: Measure, day: string, forOwner: boolean): Reply {
  const ask = forOwner
    ? `It is time to record a figure for the pilot ${idea.id} “${idea.title}”.`
    : `A figure is due for the pilot ${idea.id} “${idea.title}”, and the person who records it has no chat account: please record it for them, or ask them for it.`;
  return reply('private', ask, [
    { kind: 'text', text: ask },
    {
      kind: 'fields',
      fields: [
        { label: 'Measure', value: `${measure.id} ${measure.name}` },
        { label: 'Baseline', value: withUnit(measure.baseline, measure.unit) },
        { label: 'Target', value: withUnit(measure.target, measure.unit) },
        { label: 'Review date', value: formatDate(day) },
      ],
    },
    {
      kind: 'buttons',
      buttons: [formButton('Record the figure', { form: 'checkin', ideaId: idea.id, measure: measure.id }, 'primary')],
    },
    { kind: 'context', text: `You can also see the pilot with ${cmd(`show ${idea.id}`)}.` },
  ]);
}
