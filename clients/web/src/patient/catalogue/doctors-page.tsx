import { useQuery } from '@apollo/client/react';
import { DoctorsDocument } from '@carebook/sdk';
import { Link, useSearchParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { Loading, Page } from '../../ui/page';

/** The doctors, by specialty, with their rating and the services to book with them. */
export function DoctorsPage() {
  const [search, setSearch] = useSearchParams();
  const specialty = search.get('specialty') || null;
  const all = useQuery(DoctorsDocument, { variables: {} });
  const { data, loading, error } = useQuery(DoctorsDocument, { variables: { specialty } });
  const specialties = [...new Set(all.data?.doctors.map((d) => d.specialty))].sort();

  return (
    <Page title={t.doctors.title} wide>
      <div className="field field-inline">
        <label htmlFor="specialty">{t.doctors.specialtyLabel}</label>
        <select
          id="specialty"
          value={specialty ?? ''}
          onChange={(e) => setSearch(e.target.value ? { specialty: e.target.value } : {})}
        >
          <option value="">{t.doctors.allSpecialties}</option>
          {specialties.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      {data && data.doctors.length === 0 ? <p>{t.doctors.none}</p> : null}
      <ul className="cards">
        {data?.doctors.map((doctor) => (
          <li key={doctor.id} className="card doctor-card">
            <div className="avatar" aria-hidden="true">
              {initials(doctor.name)}
            </div>
            <h2>{doctor.name}</h2>
            <p className="eyebrow">{doctor.specialty}</p>
            <p className="meta">
              {doctor.rating ? t.doctors.rating(doctor.rating.toFixed(1), doctor.reviewCount) : t.doctors.noRating}
            </p>
            {doctor.location ? <p className="meta">{doctor.location}</p> : null}
            {doctor.bio ? <p>{doctor.bio}</p> : null}
            {doctor.services.length ? (
              <ul className="link-list" aria-label={t.doctors.offers}>
                {doctor.services.map((service) => (
                  <li key={service.id}>
                    <Link
                      to={`/book?service=${service.id}&doctor=${doctor.id}`}
                      aria-label={t.doctors.bookWith(service.name, doctor.name)}
                    >
                      {t.doctors.book(service.name)}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}

function initials(name: string): string {
  return name
    .replace(/^Dr\.?\s+/i, '')
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
}
