import type { AccessToken } from '@cascade/dialogue';
import type { ActionCall, ConsoleActionSpec } from '../console-action';
import { iso, type ConsoleTable, type ConsoleView } from '../console-view';
import type { Translate } from '../locale/console-text';
import { required } from './action-kit';

/**
 * An entity's links: re-issue one (revoke it and make a new one for the same person, shown once) or revoke it,
 * and with it, unless unticked, the links made from it (the leader links a Focal Point or a Head made, the
 * participants' links of the sessions a leader reported) and theirs: whoever held a leaked link may have made
 * them. Each link shows the link it was made from and the links made from it.
 */

const who = (t: Translate, l: AccessToken) =>
  t('links.who', {
    id: String(l.id),
    role: l.role,
    person: l.subjectEmail ?? t('links.session', { id: String(l.session?.id ?? '?') }),
  });

const participantsOf = (t: Translate, l: AccessToken) =>
  t('links.participantsOf', { id: String(l.session?.id ?? '?') });

/** The ids of the links made from each link. */
function madeFrom(links: AccessToken[]): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const link of links) {
    const parent = link.issuedFrom?.id;
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), link.id]);
  }
  return children;
}

function linksTable(t: Translate, links: AccessToken[]): ConsoleTable {
  const children = madeFrom(links);
  return {
    id: 'links',
    title: t('links.tableTitle'),
    columns: [
      t('common.id'),
      t('links.role'),
      t('links.person'),
      t('common.created'),
      t('links.expires'),
      t('links.revoked'),
      t('links.by'),
      t('links.madeFrom'),
      t('links.madeFromIt'),
    ],
    rows: links.map((l) => [
      l.id,
      l.role,
      l.subjectEmail ?? (l.session ? participantsOf(t, l) : null),
      iso(l.createdAt),
      iso(l.expiresAt),
      iso(l.revokedAt),
      l.createdBy,
      l.issuedFrom ? `#${l.issuedFrom.id}` : null,
      (children.get(l.id) ?? []).map((id) => `#${id}`).join(', ') || null,
    ]),
  };
}

const revokedTable = (t: Translate, derived: AccessToken[]): ConsoleTable => ({
  id: 'revoked-with-it',
  title: t('links.revokedWithIt'),
  columns: [t('common.id'), t('links.role'), t('links.person')],
  rows: derived.map((l) => [l.id, l.role, l.subjectEmail ?? participantsOf(t, l)]),
  empty: t('links.none'),
});

async function show({ queries, recordId, services, t }: ActionCall): Promise<ConsoleView> {
  const instance = await queries.instances.byId(recordId);
  const links = await services.tokens.list(instance.dialogue.year, instance.entity.code);
  const active = links.filter((l) => !l.revokedAt);
  const children = madeFrom(links);
  const made = (l: AccessToken) => (children.get(l.id) ?? []).length;
  return {
    title: t('links.title', { code: instance.entity.code }),
    intro: t('links.intro'),
    form: active.length
      ? {
          fields: [
            {
              name: 'link',
              label: t('links.link'),
              type: 'select',
              required: true,
              options: active.map((l) => ({
                value: String(l.id),
                label: made(l) ? t('links.linkOption', { who: who(t, l), count: made(l) }) : who(t, l),
              })),
            },
            {
              name: 'do',
              label: t('links.whatToDo'),
              type: 'select',
              required: true,
              value: 'reissue',
              options: [
                { value: 'reissue', label: t('links.reissue') },
                { value: 'revoke', label: t('links.revokeOnly') },
              ],
            },
            { name: 'derived', label: t('links.derived'), type: 'checkbox', value: 'yes' },
          ],
          submit: t('links.submit'),
        }
      : undefined,
    tables: [linksTable(t, links)],
  };
}

async function submit(call: ActionCall): Promise<ConsoleView> {
  const { t } = call;
  const instance = await call.queries.instances.byId(call.recordId);
  const id = Number(required(call, 'link'));
  // Ticked unless the form says otherwise: an older form (or a client) that sends no box revokes them too.
  const derived = (call.payload['derived'] ?? 'yes') === 'yes';
  const scope = { workflowId: instance.id, derived };
  if (call.payload['do'] === 'revoke') {
    const result = await call.services.tokens.revoke(id, call.actor, scope);
    const count = result.derived.length;
    return {
      title: t('links.revokedTitle', { id: String(id) }),
      success: count
        ? t('links.revokedDoneWith', { id: String(id), count })
        : t('links.revokedDone', { id: String(id) }),
      tables: [revokedTable(t, result.derived)],
    };
  }
  // One transaction: revoke (with the links made from it), issue and the audit rows; a failure changes nothing.
  const {
    revoked,
    derived: also,
    token,
    expiresAt,
  } = await call.services.tokens.reissue(id, call.actor, scope);
  const email = revoked.subjectEmail;
  return {
    title: t('links.newTitle', { email }),
    success: also.length
      ? t('links.reissuedWith', { id: String(id), count: also.length, email })
      : t('links.reissued', { id: String(id), email }),
    facts: [[t('links.expires'), iso(expiresAt)]],
    texts: [{ id: 'new-link', title: t('links.newLink'), text: `${call.services.publicUrl}/p/${token}` }],
    tables: [revokedTable(t, also)],
  };
}

export const linksAction: ConsoleActionSpec = {
  name: 'reissueLinks',
  actionType: 'record',
  icon: 'Link',
  show,
  submit,
};
