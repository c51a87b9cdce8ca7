import { useQuery } from '@apollo/client/react';
import { SystemHealthDocument } from '@carebook/sdk';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Loading, Page } from '../../../ui/page';
import { DataTable } from '../data-table';

/** Whether each service answers (and how fast), and how much work waits in each queue. */
export function HealthPage() {
  const h = t.admin.health;
  const { data, loading, error, refetch } = useQuery(SystemHealthDocument, {
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });
  const health = data?.systemHealth;
  return (
    <Page title={h.title} wide>
      <button type="button" className="button button-secondary" disabled={loading} onClick={() => void refetch()}>
        {h.refresh}
      </button>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      {health ? (
        <>
          <h2>{h.services}</h2>
          <DataTable caption={h.services} columns={[h.service, h.status, h.latency]}>
            {health.services.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td>
                  <span className={`badge ${s.status === 'UP' ? 'badge-confirmed' : 'badge-cancelled'}`}>
                    {s.status}
                  </span>
                </td>
                <td>{s.latencyMs == null ? '' : h.ms(s.latencyMs)}</td>
              </tr>
            ))}
          </DataTable>
          <h2>{h.queues}</h2>
          <DataTable caption={h.queues} columns={[h.queue, h.waiting, h.delayed, h.activeJobs, h.failed]}>
            {health.queues.map((q) => (
              <tr key={q.name}>
                <th scope="row">{q.name}</th>
                <td>{q.waiting}</td>
                <td>{q.delayed}</td>
                <td>{q.active}</td>
                <td>{q.failed}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </Page>
  );
}
