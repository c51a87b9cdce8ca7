import { useMutation, useQuery } from '@apollo/client/react';
import { DoctorTimeOffDocument, RemoveTimeOffDocument } from '@carebook/sdk';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { Loading } from '../../../ui/page';
import { NoticeArea, useAdminNotice } from '../../admin/admin-notice';
import { DataTable } from '../../admin/data-table';

/** The doctor's time off still to come (a clinic closure among it), each removable after a confirmation: its slots open again. */
export function TimeOffList({ doctorId }: { doctorId: string }) {
  const d = t.doctor.timeOffList;
  const clock = useClock();
  const { data, loading, error } = useQuery(DoctorTimeOffDocument, {
    variables: { doctorId },
    fetchPolicy: 'cache-and-network',
  });
  // The schedule preview of the form shows the reopened slots after a refetch of its own.
  const [remove, removing] = useMutation(RemoveTimeOffDocument, {
    refetchQueries: ['DoctorTimeOff', 'DoctorSchedule'],
  });
  const { notice, say } = useAdminNotice();

  async function removeOne(id: string, when: string) {
    if (!window.confirm(d.confirm(when))) return;
    try {
      const { data: removed } = await remove({ variables: { id } });
      say('success', d.removed(when, removed?.removeTimeOff.reopenedSlots ?? 0));
    } catch (caught) {
      say('error', messageFor(caught));
    }
  }

  const timeOffs = data?.doctor.timeOffs ?? [];
  return (
    <section className="card" aria-labelledby="time-off-list-title">
      <h2 id="time-off-list-title">{d.title}</h2>
      <NoticeArea notice={notice} />
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      {data && !timeOffs.length ? <p className="meta">{d.none}</p> : null}
      {timeOffs.length ? (
        <DataTable caption={d.title} columns={[d.from, d.until, d.reason, { hidden: d.remove }]}>
          {timeOffs.map((off) => {
            const when = t.doctor.range(clock.dateTime(off.startsAt), clock.dateTime(off.endsAt));
            return (
              <tr key={off.id} data-time-off-id={off.id}>
                <th scope="row">{clock.dateTime(off.startsAt)}</th>
                <td>{clock.dateTime(off.endsAt)}</td>
                <td>{off.reason ?? ''}</td>
                <td>
                  <button
                    type="button"
                    className="button button-danger-outline"
                    disabled={removing.loading}
                    aria-label={d.removeLabel(when)}
                    onClick={() => void removeOne(off.id, when)}
                  >
                    {d.remove}
                  </button>
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : null}
    </section>
  );
}
