import { useQuery } from '@apollo/client/react';
import { MedicalServicesDocument, ServiceCategory } from '@carebook/sdk';
import { Link, useSearchParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { Loading, Page } from '../../ui/page';
import { formatMoney } from './format-money';

const CATEGORIES = Object.values(ServiceCategory);

/** The start page: the clinic's services by category, each one step from its calendar. */
export function ServicesPage() {
  const [search, setSearch] = useSearchParams();
  const category = CATEGORIES.find((c) => c === search.get('category')) ?? null;
  const { data, loading, error } = useQuery(MedicalServicesDocument, { variables: { category } });

  return (
    <Page title={t.home.title} wide>
      <p className="lead">{t.home.intro}</p>
      <div className="chips" role="group" aria-label={t.home.filterLabel}>
        {[null, ...CATEGORIES].map((c) => (
          <button
            key={c ?? 'ALL'}
            type="button"
            className="chip"
            aria-pressed={category === c}
            onClick={() => setSearch(c ? { category: c } : {})}
          >
            {t.categories[c ?? 'ALL']}
          </button>
        ))}
      </div>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      {data && data.medicalServices.length === 0 ? <p>{t.home.none}</p> : null}
      <ul className="cards">
        {data?.medicalServices.map((service) => (
          <li key={service.id} className="card service-card">
            <p className="eyebrow">{t.categories[service.category]}</p>
            <h2>{service.name}</h2>
            <p className="meta">
              <span>{t.home.minutes(service.durationMinutes)}</span>
              <span aria-hidden="true"> · </span>
              <span>{formatMoney(service.price, service.currency)}</span>
            </p>
            <Link
              className="button button-primary"
              to={`/book?service=${service.id}`}
              aria-label={t.home.chooseTimesFor(service.name)}
            >
              {t.home.chooseTimes}
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
