import { useQuery } from '@apollo/client/react';
import { AdminActionLogDocument } from '@carebook/sdk';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { Loading, Page } from '../../../ui/page';
import { DataTable } from '../data-table';

/** Every admin change, newest first: who did what to which record. */
export function ActionLogPage() {
  const l = t.admin.log;
  const clock = useClock();
  const { data, loading, error, fetchMore } = useQuery(AdminActionLogDocument, {
    variables: { first: 25 },
    fetchPolicy: 'network-only',
  });
  const page = data?.adminActionLog;
  return (
    <Page title={l.title} wide>
      <p className="meta">{t.admin.zoneNote(clock.zoneLabel())}</p>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      {page && !page.edges.length ? <p>{t.admin.none}</p> : null}
      <DataTable caption={l.title} columns={[l.when, l.admin, l.action, l.target, l.details]}>
        {(page?.edges ?? []).map(({ node }) => (
          <tr key={node.id}>
            <td>{clock.dateTime(node.createdAt)}</td>
            <td>{node.admin?.email ?? ''}</td>
            <th scope="row">{node.action}</th>
            <td className="mono">{node.targetId}</td>
            <td className="mono">{typeof node.details === 'string' ? node.details : JSON.stringify(node.details)}</td>
          </tr>
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
                adminActionLog: {
                  ...fetchMoreResult.adminActionLog,
                  edges: [...prev.adminActionLog.edges, ...fetchMoreResult.adminActionLog.edges],
                },
              }),
            })
          }
        >
          {l.more}
        </button>
      ) : null}
    </Page>
  );
}
