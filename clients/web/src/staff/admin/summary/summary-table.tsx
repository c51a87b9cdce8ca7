import type { ScheduleSummaryQuery } from '@carebook/sdk';
import { t } from '../../../i18n';
import { DataTable } from '../data-table';
import { percent } from './percent';

type Bucket = ScheduleSummaryQuery['scheduleSummary'][number];

/** The same figures as the charts, exactly, one row per period. */
export function SummaryTable({ buckets, labelOf }: { buckets: Bucket[]; labelOf(periodStart: string): string }) {
  const s = t.admin.summary;
  return (
    <DataTable
      caption={s.title}
      columns={[s.period_, s.utilization, s.booked, s.free, s.completed, s.cancelled, s.noShows]}
    >
      {buckets.map((b) => (
        <tr key={b.periodStart}>
          <th scope="row">{labelOf(b.periodStart)}</th>
          <td>{percent(b.utilization)}</td>
          <td>{b.bookedSlots}</td>
          <td>{b.freeSlots}</td>
          <td>{b.completed}</td>
          <td>{b.cancelled}</td>
          <td>{b.noShows}</td>
        </tr>
      ))}
    </DataTable>
  );
}
