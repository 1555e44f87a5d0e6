import { z } from 'zod';
import {
  criteriaCheckSchema,
  evidenceEntrySchema,
  finalProposalSchema,
  fundingSchema,
  jccDecisionSchema,
  noPrecedentSchema,
  outlineSchema,
  providerInterestSchema,
  shortlistDecisionSchema,
  signOffSchema,
} from '../domain/artefacts.js';
import { SPECIALIST_AREAS } from '../domain/reference-data.js';

const stamp = { confirmedBy: true, confirmedAt: true } as const;

/** What a person enters for each stage artefact (the recorder and time are added by the service). */
export const ARTEFACT_INPUTS = {
  criteria: criteriaCheckSchema.omit(stamp),
  evidence: evidenceEntrySchema.omit({ addedBy: true, addedAt: true }),
  no_precedent: noPrecedentSchema.omit({ recordedBy: true, recordedAt: true }),
  outline: outlineSchema.omit({ updatedBy: true, updatedAt: true }),
  shortlist: shortlistDecisionSchema.omit({ decidedBy: true, decidedAt: true, roundId: true }),
  funding: fundingSchema.omit({ recordedBy: true, recordedAt: true }),
  interest: providerInterestSchema
    .omit({ declaredBy: true, declaredAt: true })
    .refine((v) => !v.hasConflict || !!v.conflictDetail, {
      error: 'Please describe the conflict of interest.',
      path: ['conflictDetail'],
    }),
  specialists: z.object({ areas: z.array(z.enum(SPECIALIST_AREAS)).max(SPECIALIST_AREAS.length) }),
  signoff: signOffSchema.omit({ signedBy: true, signedAt: true }),
  final: finalProposalSchema.omit({ updatedBy: true, updatedAt: true }),
  decision: jccDecisionSchema.omit({ recordedBy: true, recordedAt: true }),
} as const;

/** Names of the stage artefacts a form can record. */
export type ArtefactKind = keyof typeof ARTEFACT_INPUTS;
export const ARTEFACT_KINDS = Object.keys(ARTEFACT_INPUTS) as ArtefactKind[];
