import { useMutation, useQuery } from '@apollo/client/react';
import { DoctorTimeOffDocument, RemoveAvailabilityDocument } from '@carebook/sdk';
import { useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { Loading } from '../../../ui/page';
import { NoticeArea, useAdminNotice } from '../../admin/admin-notice';
import { DataTable } from '../../admin/data-table';
import { ClashList } from './clash-list';
import { type Clash, clashOf } from './clashes';

/**
 * The doctor's one-off days from today on, each removable after a
 * confirmation: its free slots go; appointments booked in it stand and are
 * listed back, to move or cancel.
 */
export function OneOffList({ doctorId }: { doctorId: string }) {
  const d = t.doctor.oneOffList;
  const clock = useClock();
  const { data, loading, error } = useQuery(DoctorTimeOffDocument, {
    variables: { doctorId },
    fetchPolicy: 'cache-and-network',
  });
  const [remove, removing] = useMutation(RemoveAvailabilityDocument, { refetchQueries: ['DoctorTimeOff'] });
  const { notice, say } = useAdminNotice();
  const [kept, setKept] = useState<Clash[]>([]);

  async function removeOne(id: string, when: string) {
    if (!window.confirm(d.confirm(when))) return;
    setKept([]);
    try {
      const { data: removed } = await remove({ variables: { id } });
      const result = removed!.removeAvailability;
      say('success', d.removed(when, result.removedSlots));
      setKept(result.keptAppointments.map(clashOf));
    } catch (caught) {
      say('error', messageFor(caught));
    }
  }

  const days = data?.doctor.oneOffAvailability ?? [];
  return (
    <section className="card" aria-labelledby="one-off-list-title">
      <h2 id="one-off-list-title">{d.title}</h2>
      <NoticeArea notice={notice} />
      {kept.length ? (
        <ClashList testId="kept-appointments" title={d.keptTitle(kept.length)} intro={d.keptIntro} clashes={kept} />
      ) : null}
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      {data && !days.length ? <p className="meta">{d.none}</p> : null}
      {days.length ? (
        <>
          <p className="zone-note">{t.doctor.zone(clock.zoneLabel())}</p>
          <DataTable caption={d.title} columns={[d.date, d.hours, t.doctor.slotMinutes, { hidden: d.remove }]}>
            {days.map((day) => {
              const when = d.when(clock.longDate(day.date), day.startTime, day.endTime);
              return (
                <tr key={day.id} data-one-off-id={day.id}>
                  <th scope="row">{clock.longDate(day.date)}</th>
                  <td>{t.doctor.range(day.startTime, day.endTime)}</td>
                  <td>{day.slotMinutes}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-danger-outline"
                      disabled={removing.loading}
                      aria-label={d.removeLabel(when)}
                      onClick={() => void removeOne(day.id, when)}
                    >
                      {d.remove}
                    </button>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </>
      ) : null}
    </section>
  );
}
