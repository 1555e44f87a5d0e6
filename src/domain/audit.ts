import { z } from 'zod';
import { STATUSES } from './reference-data.js';
import { isoDate } from './text.js';

/** One append-only audit event: who did what, when, from which status to which, and why. */
export const auditEventSchema = z.object({
  type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/),
  at: isoDate,
  actorId: z.string(),
  ideaId: z.string().optional(),
  from: z.enum(STATUSES).optional(),
  to: z.enum(STATUSES).optional(),
  reason: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
