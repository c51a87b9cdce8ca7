import { useMutation, useQuery } from '@apollo/client/react';
import { MyInvoicesDocument, PayInvoiceDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { useClock } from '../../i18n/clock-context';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';
import { Loading, Page } from '../../ui/page';
import { StatusBadge } from '../appointments/status-badge';
import { formatMoney } from '../catalogue/format-money';

/** One invoice (the invoice email links here) and its card payment. */
export function InvoicePage() {
  const { id } = useParams();
  const clock = useClock();
  const announce = useAnnounce();
  const { data, loading, error, refetch } = useQuery(MyInvoicesDocument);
  const [pay, paying] = useMutation(PayInvoiceDocument);
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [paidNow, setPaidNow] = useState(false);
  const invoice = data?.myInvoices.find((i) => i.id === id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      await pay({ variables: { id: id!, input: { method: 'CARD', token: token.trim() } } });
      setPaidNow(true);
      announce(t.invoices.paid);
    } catch (caught) {
      setProblem(messageFor(caught));
      // A declined card leaves the invoice FAILED (payable again): show that status.
      void refetch();
    }
  }

  if (error) return <Page title={t.invoices.payTitle}>{<Alert kind="error">{messageFor(error)}</Alert>}</Page>;
  if (loading && !data) return <Loading />;
  if (!invoice)
    return (
      <Page title={t.invoices.payTitle}>
        <Alert kind="error">{t.invoices.notFound}</Alert>
      </Page>
    );
  const payable = invoice.status === 'PENDING' || invoice.status === 'FAILED';
  const amount = formatMoney(invoice.amount, invoice.currency);
  return (
    <Page title={payable ? t.invoices.payTitle : t.invoices.title}>
      {paidNow ? <Alert kind="success">{t.invoices.paid}</Alert> : null}
      <div className="card">
        <dl className="summary">
          <div>
            <dt>{t.invoices.amount}</dt>
            <dd className="invoice-amount">{amount}</dd>
          </div>
          <div>
            <dt>{t.appointments.when}</dt>
            <dd>
              <Link to={`/appointments/${invoice.appointment.id}`}>
                {t.invoices.forVisit(clock.longDate(clock.dateOf(invoice.appointment.startsAt)))}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t.appointments.status}</dt>
            <dd>
              <StatusBadge kind="invoice" status={invoice.status} />
              {invoice.paidAt ? (
                <span className="meta"> {t.invoices.paidOn(clock.dateTime(invoice.paidAt))}</span>
              ) : null}
            </dd>
          </div>
        </dl>
      </div>
      {payable ? (
        <form className="card form" onSubmit={submit}>
          {problem ? <Alert kind="error">{problem}</Alert> : null}
          <div className="field">
            <label htmlFor="card-token">{t.invoices.cardToken}</label>
            <input
              id="card-token"
              autoComplete="off"
              spellCheck={false}
              required
              aria-describedby="card-hint"
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
            <p className="hint" id="card-hint">
              {t.invoices.cardTokenHint}
            </p>
          </div>
          <button type="submit" className="button button-primary" disabled={paying.loading}>
            {paying.loading ? t.invoices.paying : t.invoices.payNow(amount)}
          </button>
        </form>
      ) : !paidNow && invoice.status === 'PAID' ? (
        <Alert kind="info">{t.invoices.alreadyPaid}</Alert>
      ) : null}
    </Page>
  );
}
