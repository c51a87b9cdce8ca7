import { useMutation, useQuery } from '@apollo/client/react';
import { DeactivateUserDocument, Role, SetUserRoleDocument, UsersDocument } from '@carebook/sdk';
import { useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { Loading, Page } from '../../../ui/page';
import { NoticeArea, useAdminNotice } from '../admin-notice';
import { DataTable } from '../data-table';
import { useDebounced } from '../use-debounced';
import { UserRow } from './user-row';

const ROLES = Object.values(Role);

/** Accounts: find by email or role, change a role, deactivate. */
export function UsersPage() {
  const u = t.admin.users;
  const clock = useClock();
  const [text, setText] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const search = useDebounced(text.trim());
  const { data, loading, error, fetchMore } = useQuery(UsersDocument, {
    variables: { search: search || undefined, role: role || undefined, first: 25 },
  });
  const [setUserRole] = useMutation(SetUserRoleDocument);
  const [deactivateUser] = useMutation(DeactivateUserDocument);
  const { notice, say } = useAdminNotice();
  const attempt = async (work: () => Promise<string>) => {
    try {
      say('success', await work());
      return true;
    } catch (caught) {
      say('error', messageFor(caught));
      return false;
    }
  };
  const page = data?.users;

  return (
    <Page title={u.title} wide>
      <div className="board-filters">
        <div className="field">
          <label htmlFor="users-search">{u.search}</label>
          <input id="users-search" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="users-role">{u.role}</label>
          <select id="users-role" value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{u.anyRole}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
      </div>
      <NoticeArea notice={notice} />
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      <DataTable caption={u.title} columns={[t.auth.email, u.role, u.status, u.since, { hidden: u.deactivate }]}>
        {(page?.edges ?? []).map(({ node }) => (
          <UserRow
            key={node.id}
            user={node}
            since={clock.longDate(clock.dateOf(node.createdAt))}
            roles={ROLES}
            onSetRole={(next) =>
              attempt(
                async () => (
                  await setUserRole({ variables: { userId: node.id, role: next } }),
                  u.roleSet(node.email, next)
                ),
              )
            }
            onDeactivate={(reason) =>
              attempt(
                async () => (
                  await deactivateUser({ variables: { userId: node.id, reason } }),
                  u.deactivated(node.email)
                ),
              )
            }
          />
        ))}
      </DataTable>
      {page?.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            fetchMore({
              variables: { after: page.pageInfo.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                users: { ...fetchMoreResult.users, edges: [...prev.users.edges, ...fetchMoreResult.users.edges] },
              }),
            })
          }
        >
          {u.more}
        </button>
      ) : null}
    </Page>
  );
}
