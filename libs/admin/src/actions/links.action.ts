import type { AccessToken } from '@cascade/dialogue';
import type { ActionCall, ConsoleActionSpec } from '../console-action';
import { iso, type ConsoleTable, type ConsoleView } from '../console-view';
import { required } from './action-kit';

/**
 * An entity's links: re-issue one (revoke it and make a new one for the same person, shown once) or revoke it,
 * and with it, unless unticked, the links made from it (the leader links a Focal Point or a Head made, the
 * participants' links of the sessions a leader reported) and theirs: whoever held a leaked link may have made
 * them. Each link shows the link it was made from and the links made from it.
 */

const who = (l: AccessToken) => `#${l.id} ${l.role}: ${l.subjectEmail ?? `session ${l.session?.id ?? '?'}`}`;

/** The ids of the links made from each link. */
function madeFrom(links: AccessToken[]): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const link of links) {
    const parent = link.issuedFrom?.id;
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), link.id]);
  }
  return children;
}

function linksTable(links: AccessToken[]): ConsoleTable {
  const children = madeFrom(links);
  return {
    id: 'links',
    title: 'Links',
    columns: [
      'Id',
      'Role',
      'Person',
      'Created',
      'Expires',
      'Revoked',
      'By',
      'Made from',
      'Links made from it',
    ],
    rows: links.map((l) => [
      l.id,
      l.role,
      l.subjectEmail ?? (l.session ? `participants of session ${l.session.id}` : null),
      iso(l.createdAt),
      iso(l.expiresAt),
      iso(l.revokedAt),
      l.createdBy,
      l.issuedFrom ? `#${l.issuedFrom.id}` : null,
      (children.get(l.id) ?? []).map((id) => `#${id}`).join(', ') || null,
    ]),
  };
}

const revokedTable = (derived: AccessToken[]): ConsoleTable => ({
  id: 'revoked-with-it',
  title: 'Links made from it, revoked with it',
  columns: ['Id', 'Role', 'Person'],
  rows: derived.map((l) => [
    l.id,
    l.role,
    l.subjectEmail ?? `participants of session ${l.session?.id ?? '?'}`,
  ]),
  empty: 'None.',
});

async function show({ queries, recordId, services }: ActionCall): Promise<ConsoleView> {
  const instance = await queries.instances.byId(recordId);
  const links = await services.tokens.list(instance.dialogue.year, instance.entity.code);
  const active = links.filter((l) => !l.revokedAt);
  const children = madeFrom(links);
  const made = (l: AccessToken) => (children.get(l.id) ?? []).length;
  return {
    title: `Links of ${instance.entity.code}`,
    intro:
      'Re-issuing revokes the link and makes a new one for the same person, shown here once: give it to the ' +
      'person yourself. Revoking the links made from it as well (the default) also stops the leader links and ' +
      'participants’ links made with it, and theirs: their holders then need new ones.',
    form: active.length
      ? {
          fields: [
            {
              name: 'link',
              label: 'Link',
              type: 'select',
              required: true,
              options: active.map((l) => ({
                value: String(l.id),
                label: `${who(l)}${made(l) ? ` (${made(l)} link(s) made from it)` : ''}`,
              })),
            },
            {
              name: 'do',
              label: 'What to do',
              type: 'select',
              required: true,
              value: 'reissue',
              options: [
                { value: 'reissue', label: 'Re-issue: revoke it and make a new link for the same person' },
                { value: 'revoke', label: 'Revoke it only' },
              ],
            },
            {
              name: 'derived',
              label: 'Also revoke the links made from it, and theirs',
              type: 'checkbox',
              value: 'yes',
            },
          ],
          submit: 'Go',
        }
      : undefined,
    tables: [linksTable(links)],
  };
}

async function submit(call: ActionCall): Promise<ConsoleView> {
  const instance = await call.queries.instances.byId(call.recordId);
  const id = Number(required(call, 'link'));
  // Ticked unless the form says otherwise: an older form (or a client) that sends no box revokes them too.
  const derived = (call.payload['derived'] ?? 'yes') === 'yes';
  const scope = { workflowId: instance.id, derived };
  if (call.payload['do'] === 'revoke') {
    const result = await call.services.tokens.revoke(id, call.actor, scope);
    return {
      title: `Link ${id} revoked`,
      success: `Link ${id} revoked${result.derived.length ? `, with ${result.derived.length} link(s) made from it` : ''}.`,
      tables: [revokedTable(result.derived)],
    };
  }
  // One transaction: revoke (with the links made from it), issue and the audit rows; a failure changes nothing.
  const {
    revoked,
    derived: also,
    token,
    expiresAt,
  } = await call.services.tokens.reissue(id, call.actor, scope);
  return {
    title: `New link for ${revoked.subjectEmail}`,
    success: `Link ${id} revoked${also.length ? `, with ${also.length} link(s) made from it,` : ''} and a new one issued for ${revoked.subjectEmail}.`,
    facts: [['Expires', iso(expiresAt)]],
    texts: [
      { id: 'new-link', title: 'The new link (shown once)', text: `${call.services.publicUrl}/p/${token}` },
    ],
    tables: [revokedTable(also)],
  };
}

export const linksAction: ConsoleActionSpec = {
  name: 'reissueLinks',
  label: 'Links',
  actionType: 'record',
  icon: 'Link',
  show,
  submit,
};
