import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDefinition } from './definition.loader';
import { mailAudiences } from './mail-audiences';

const load = (file: string) =>
  parseDefinition(readFileSync(path.join(__dirname, '../../../workflows', file), 'utf8'), file);

describe('mailAudiences', () => {
  it('addresses each template of the entity workflow as its transitions, timers, escalation and digest do', () => {
    const audiences = mailAudiences(load('leadership-dialogue.v1.yaml'));
    expect(audiences.get('invitation')).toEqual(['focal-points', 'head-of-entity']);
    expect(audiences.get('reminder')).toEqual(['focal-points']);
    expect(audiences.get('nudge')).toEqual(['head-of-entity']);
    expect(audiences.get('overdue-notice')).toEqual(['focal-points', 'head-of-entity']);
    // Sent by two escalation rules (a step and the weekly repeat) to the same audience: named once.
    expect(audiences.get('escalation')).toEqual(['ethics-office']);
    expect(audiences.get('extension-granted')).toEqual(['focal-points']);
    expect(audiences.get('daily-digest')).toEqual(['ethics-office']);
    expect(audiences.has('manager-your-turn')).toBe(false);
  });

  it('addresses the manager workflow’s mails to the manager, their own manager, the team and the Focal Points', () => {
    const audiences = mailAudiences(load('manager-session.v1.yaml'));
    expect(audiences.get('manager-your-turn')).toEqual(['manager']);
    expect(audiences.get('manager-nudge')).toEqual(['managers-manager']);
    expect(audiences.get('session-invitation')).toEqual(['team']);
    expect(audiences.get('managers-digest')).toEqual(['focal-points']);
  });
});
