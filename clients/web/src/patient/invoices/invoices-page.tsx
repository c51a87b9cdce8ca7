import { useQuery } from '@apollo/client/react';
import { MyInvoicesDocument } from '@carebook/sdk';
import { Link } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { useClock } from '../../i18n/clock-context';
import { Alert } from '../../ui/alert';
import { useRefetchOnFocus } from '../../ui/hooks';
import { Loading, Page } from '../../ui/page';
import { StatusBadge } from '../appointments/status-badge';
import { formatMoney } from '../catalogue/format-money';

export function InvoicesPage() {
  const clock = useClock();
  const { data, loading, error, refetch } = useQuery(MyInvoicesDocument);
  useRefetchOnFocus(refetch);
  return (
    <Page title={t.invoices.title}>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      {data && data.myInvoices.length === 0 ? <p>{t.invoices.none}</p> : null}
      <ul className="appointment-list">
        {data?.myInvoices.map((invoice) => (
          <li key={invoice.id} className="card invoice">
            <div>
              <h2 className="invoice-amount">{formatMoney(invoice.amount, invoice.currency)}</h2>
              <p className="meta">
                {t.invoices.forVisit(clock.longDate(clock.dateOf(invoice.appointment.startsAt)))} ·{' '}
                {t.invoices.issued(clock.longDate(clock.dateOf(invoice.issuedAt)))}
              </p>
              <StatusBadge kind="invoice" status={invoice.status} />
            </div>
            <div className="actions">
              {invoice.status === 'PENDING' || invoice.status === 'FAILED' ? (
                <Link
                  className="button button-primary"
                  to={`/invoices/${invoice.id}`}
                  aria-label={`${t.invoices.pay} ${formatMoney(invoice.amount, invoice.currency)}`}
                >
                  {t.invoices.pay}
                </Link>
              ) : (
                <Link className="button button-secondary" to={`/invoices/${invoice.id}`}>
                  {t.appointments.details}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
