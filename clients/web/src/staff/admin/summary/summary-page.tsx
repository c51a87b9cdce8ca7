import { useQuery } from '@apollo/client/react';
import { ScheduleSummaryDocument } from '@carebook/sdk';
import { useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { Loading, Page } from '../../../ui/page';
import { BarChart } from './bar-chart';
import { percent } from './percent';
import { periodLabel } from './period-label';
import { defaultRange, type Period } from './summary-range';
import { SummaryTable } from './summary-table';

const PERIODS: Period[] = ['DAY', 'WEEK', 'MONTH'];

/** Utilization and outcomes per day, week or month, as charts or as a table of the same figures. */
export function SummaryPage() {
  const clock = useClock();
  const s = t.admin.summary;
  const [period, setPeriod] = useState<Period>('DAY');
  const [range, setRange] = useState(() => defaultRange('DAY', clock.today()));
  const [asTable, setAsTable] = useState(false);
  const { data, loading, error } = useQuery(ScheduleSummaryDocument, {
    variables: { ...range, groupBy: period },
    fetchPolicy: 'network-only',
  });
  const buckets = data?.scheduleSummary ?? [];
  const labelOf = (periodStart: string) => periodLabel(clock, period, periodStart);
  const labels = buckets.map((b) => labelOf(b.periodStart));

  return (
    <Page title={s.title} wide>
      <p className="meta">{t.admin.zoneNote(clock.zoneLabel())}</p>
      <div className="board-filters">
        <fieldset className="field">
          <legend>{s.period}</legend>
          <div className="chips">
            {PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                className="chip"
                aria-pressed={p === period}
                onClick={() => {
                  setPeriod(p);
                  setRange(defaultRange(p, clock.today()));
                }}
              >
                {s.periods[p]}
              </button>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="summary-from">{s.from}</label>
          <input
            id="summary-from"
            type="date"
            value={range.from}
            onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="summary-to">{s.to}</label>
          <input
            id="summary-to"
            type="date"
            value={range.to}
            onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })}
          />
        </div>
      </div>
      <button
        type="button"
        className="button button-secondary"
        aria-pressed={asTable}
        onClick={() => setAsTable(!asTable)}
      >
        {asTable ? s.showChart : s.showTable}
      </button>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      {data && !buckets.length ? <p>{s.empty}</p> : null}
      {buckets.length ? (
        asTable ? (
          <SummaryTable buckets={buckets} labelOf={labelOf} />
        ) : (
          <div className="charts">
            <BarChart
              title={s.utilizationChart}
              labels={labels}
              max={1}
              format={percent}
              series={[
                { name: s.utilization, className: 'series-utilization', values: buckets.map((b) => b.utilization) },
              ]}
            />
            <BarChart
              title={s.outcomesChart}
              labels={labels}
              format={String}
              series={[
                { name: s.completed, className: 'series-completed', values: buckets.map((b) => b.completed) },
                { name: s.cancelled, className: 'series-cancelled', values: buckets.map((b) => b.cancelled) },
                { name: s.noShows, className: 'series-no-show', values: buckets.map((b) => b.noShows) },
              ]}
            />
          </div>
        )
      ) : null}
    </Page>
  );
}
