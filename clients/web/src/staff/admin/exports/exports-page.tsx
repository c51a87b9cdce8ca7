import { useQuery } from '@apollo/client/react';
import { AppointmentStatus, DoctorsDocument } from '@carebook/sdk';
import { type FormEvent, type ReactNode, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { firstOfMonth, monthOf } from '../../../i18n/clock';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';
import { Page } from '../../../ui/page';
import type { ExportKind } from './export-request';
import { type DownloadOutcome, useCsvDownload } from './use-csv-download';

const APPOINTMENT_STATUSES = Object.values(AppointmentStatus);
// As billing keeps them (the gateway checks the value).
const INVOICE_STATUSES = ['PENDING', 'PAID', 'FAILED', 'VOID'];

/** Appointments and invoices as CSV, for accounting and reporting tools: days of the clinic, both included. */
export function ExportsPage() {
  const e = t.admin.exports;
  const clock = useClock();
  const doctors = useQuery(DoctorsDocument, { variables: {} });
  const today = clock.today();
  return (
    <Page title={e.title} wide>
      <p className="meta">{e.intro}</p>
      <p className="zone-note">{t.admin.zoneNote(clock.zoneLabel())}</p>
      {doctors.error ? <Alert kind="error">{messageFor(doctors.error)}</Alert> : null}
      <div className="export-forms">
        <ExportForm
          kind="appointments"
          title={e.appointmentsTitle}
          hint={e.appointmentsHint}
          from={firstOfMonth(monthOf(today))}
          to={today}
        >
          {(filter, set) => (
            <>
              <div className="field">
                <label htmlFor="appointments-doctor">{e.doctor}</label>
                <select
                  id="appointments-doctor"
                  value={filter.doctorId ?? ''}
                  onChange={(ev) => set({ doctorId: ev.target.value })}
                >
                  <option value="">{e.anyDoctor}</option>
                  {(doctors.data?.doctors ?? []).map((doctor) => (
                    <option key={doctor.id} value={doctor.id}>
                      {doctor.name}
                    </option>
                  ))}
                </select>
              </div>
              <StatusSelect
                id="appointments-status"
                statuses={APPOINTMENT_STATUSES}
                labels={t.status}
                value={filter.status ?? ''}
                onChange={(status) => set({ status })}
              />
            </>
          )}
        </ExportForm>
        <ExportForm
          kind="invoices"
          title={e.invoicesTitle}
          hint={e.invoicesHint}
          from={firstOfMonth(monthOf(today))}
          to={today}
        >
          {(filter, set) => (
            <StatusSelect
              id="invoices-status"
              statuses={INVOICE_STATUSES}
              labels={t.invoiceStatus}
              value={filter.status ?? ''}
              onChange={(status) => set({ status })}
            />
          )}
        </ExportForm>
      </div>
    </Page>
  );
}

function StatusSelect({
  id,
  statuses,
  labels,
  value,
  onChange,
}: {
  id: string;
  statuses: string[];
  labels: Record<string, string>;
  value: string;
  onChange: (status: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{t.admin.exports.status}</label>
      <select id={id} value={value} onChange={(ev) => onChange(ev.target.value)}>
        <option value="">{t.admin.exports.anyStatus}</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {labels[status] ?? status}
          </option>
        ))}
      </select>
    </div>
  );
}

type Filter = { from: string; to: string } & Record<string, string>;

/** One export: its days, the filters its kind takes (children), the download and what came of it. */
function ExportForm({
  kind,
  title,
  hint,
  from,
  to,
  children,
}: {
  kind: ExportKind;
  title: string;
  hint: string;
  from: string;
  to: string;
  children: (filter: Filter, set: (patch: Record<string, string>) => void) => ReactNode;
}) {
  const e = t.admin.exports;
  const announce = useAnnounce();
  const download = useCsvDownload();
  const [filter, setFilter] = useState<Filter>({ from, to });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DownloadOutcome | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    if (!filter.from || !filter.to || filter.to < filter.from)
      return setOutcome({ ok: false, message: e.invalidDates });
    setBusy(true);
    const result = await download(kind, filter);
    setBusy(false);
    setOutcome(result);
    announce(result.ok ? e.downloaded(result.fileName) : result.message);
  }

  const set = (patch: Record<string, string>) => setFilter({ ...filter, ...patch });
  return (
    <form className="card form admin-form" onSubmit={submit} noValidate aria-labelledby={`${kind}-export-title`}>
      <h2 id={`${kind}-export-title`}>{title}</h2>
      <p className="hint">{hint}</p>
      <div className="hours-row">
        <div className="field">
          <label htmlFor={`${kind}-from`}>{e.from}</label>
          <input
            id={`${kind}-from`}
            type="date"
            required
            value={filter.from}
            onChange={(ev) => set({ from: ev.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${kind}-to`}>{e.to}</label>
          <input
            id={`${kind}-to`}
            type="date"
            required
            value={filter.to}
            onChange={(ev) => set({ to: ev.target.value })}
          />
        </div>
      </div>
      {children(filter, set)}
      {outcome ? (
        outcome.ok ? (
          <Alert kind="success">{e.downloaded(outcome.fileName)}</Alert>
        ) : (
          <Alert kind="error">{outcome.message}</Alert>
        )
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? e.downloading : e.download(title)}
      </button>
    </form>
  );
}
