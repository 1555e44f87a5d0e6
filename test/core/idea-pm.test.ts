import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/audit.js';
import { ideaPm } from '../../src/domain/idea-pm.js';

const at = '2026-11-23T09:00:00.000Z';
const event = (type: string, actorId: string): AuditEvent => ({ type, at, actorId, ideaId: 'IP-1' });

describe('the idea’s PM (SPEC 3.1)', () => {
  it('is nobody before any move: a submission, a comment, a vote or a criteria check moves nothing', () => {
    const history = [
      event('idea.submitted', 'slack:USUB'),
      event('artefact.criteria', 'slack:UPM'),
      event('round.opened', 'slack:UPM'),
      event('idea.commented', 'slack:UEX'),
    ];
    expect(ideaPm({ history })).toBeUndefined();
  });

  it('is whoever last advanced, returned, held, resumed, rejected or decided on it; a withdrawal is not a PM’s', () => {
    const moves: [string, string][] = [
      ['stage.advanced', 'slack:UA'],
      ['stage.returned', 'slack:UB'],
      ['idea.held', 'slack:UC'],
      ['idea.resumed', 'slack:UD'],
      ['artefact.shortlist', 'slack:UE'],
      ['artefact.decision', 'teams:aad-f'],
      ['idea.rejected', 'slack:UG'],
    ];
    const history: AuditEvent[] = [event('idea.submitted', 'slack:USUB')];
    for (const [type, actor] of moves) {
      history.push(event(type, actor));
      expect(ideaPm({ history }), type).toBe(actor);
    }
    history.push(event('idea.withdrawn', 'slack:USUB'), event('idea.commented', 'slack:UX'));
    expect(ideaPm({ history })).toBe('slack:UG');
  });
});
