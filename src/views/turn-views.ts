import type { Idea } from '../domain/idea.js';
import { SPECIALIST_LABELS, type SpecialistArea } from '../domain/reference-data.js';
import { clip } from './format.js';
import { formButton, type Reply } from './reply.js';

/** The direct message a specialist gets when the PM marks their area as required on an idea. */
export function signOffNeededMessage(idea: Idea, area: SpecialistArea): Reply {
  const text = `Your turn: ${idea.id} “${idea.title}” needs a ${SPECIALIST_LABELS[area].toLowerCase()} sign-off from you.`;
  return {
    visibility: 'private',
    text,
    blocks: [
      { kind: 'text', text },
      { kind: 'context', text: clip(idea.summary, 300) },
      {
        kind: 'buttons',
        buttons: [
          formButton('Sign off', { form: 'signoff', ideaId: idea.id, area }, 'primary'),
          { label: 'See the idea', actionId: 'idea.show', value: idea.id },
        ],
      },
    ],
  };
}

/** The providers' forum post when an idea reaches provider scoping: an invitation to express interest. */
export function providerScopingMessage(idea: Idea): Reply {
  const text = `${idea.id} “${idea.title}” has reached provider scoping, and we would like to hear from providers who could help deliver it.`;
  return {
    visibility: 'public',
    text,
    blocks: [
      { kind: 'text', text },
      { kind: 'context', text: clip(idea.summary, 300) },
      {
        kind: 'text',
        text: 'If your organisation is interested, please express your interest, with a declaration of any conflict of interest.',
      },
      {
        kind: 'buttons',
        buttons: [
          formButton('Express interest', { form: 'interest', ideaId: idea.id }, 'primary'),
          { label: 'See the idea', actionId: 'idea.show', value: idea.id },
        ],
      },
    ],
  };
}
