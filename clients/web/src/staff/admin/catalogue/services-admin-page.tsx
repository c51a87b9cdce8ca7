import { useMutation, useQuery } from '@apollo/client/react';
import {
  CreateMedicalServiceDocument,
  MedicalServicesDocument,
  type MedicalServicesQuery,
  RetireMedicalServiceDocument,
  ServiceCategory,
} from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Loading, Page } from '../../../ui/page';
import { formatMoney } from '../../../patient/catalogue/format-money';
import { NoticeArea, useAdminNotice } from '../admin-notice';
import { DataTable } from '../data-table';
import { BookingPolicyDialog } from './booking-policy-dialog';
import { EditServiceDialog } from './edit-service-dialog';

const CATEGORIES = Object.values(ServiceCategory);
type Service = MedicalServicesQuery['medicalServices'][number];

const EMPTY = { name: '', category: CATEGORIES[0], durationMinutes: '30', price: '', currency: 'EUR' };

/** The catalogue: what is offered, adding a service, changing one and its booking rules, retiring one. */
export function ServicesAdminPage() {
  const s = t.admin.services;
  const { data, loading, error } = useQuery(MedicalServicesDocument, { variables: {} });
  const [create, creating] = useMutation(CreateMedicalServiceDocument, {
    refetchQueries: ['MedicalServices'],
    awaitRefetchQueries: true,
  });
  const [retire] = useMutation(RetireMedicalServiceDocument, {
    refetchQueries: ['MedicalServices'],
    awaitRefetchQueries: true,
  });
  const [form, setForm] = useState(EMPTY);
  const { notice, say } = useAdminNotice();
  const [editing, setEditing] = useState<{ service: Service; what: 'details' | 'policy' } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const input = {
        name: form.name,
        category: form.category,
        durationMinutes: Number(form.durationMinutes),
        price: form.price.trim(),
        currency: form.currency.trim(),
      };
      const { data: created } = await create({ variables: { input } });
      setForm(EMPTY);
      say('success', s.created(created!.createMedicalService.name));
    } catch (caught) {
      say('error', messageFor(caught));
    }
  }

  async function retireService(id: string, name: string) {
    if (!window.confirm(s.retireConfirm(name))) return;
    try {
      await retire({ variables: { id } });
      say('success', s.retired(name));
    } catch (caught) {
      say('error', messageFor(caught));
    }
  }

  return (
    <Page title={s.title} wide>
      <NoticeArea notice={notice} />
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      <p className="meta">{s.pricesKept}</p>
      <DataTable
        caption={s.title}
        columns={[s.name, s.category, s.duration, s.buffers, s.price, s.rules, { hidden: s.actions }]}
      >
        {(data?.medicalServices ?? []).map((service) => (
          <tr key={service.id}>
            <th scope="row">{service.name}</th>
            <td>{t.categories[service.category] ?? service.category}</td>
            <td>{service.durationMinutes}</td>
            <td>{s.bufferPair(service.bufferBeforeMinutes, service.bufferAfterMinutes)}</td>
            <td>{formatMoney(service.price, service.currency)}</td>
            <td>
              {service.bookingPolicy.ownRules.length
                ? s.ownRules(service.bookingPolicy.ownRules.length)
                : s.clinicRules}
            </td>
            <td className="row-actions">
              <button
                type="button"
                className="button button-secondary"
                aria-label={s.editLabel(service.name)}
                onClick={() => setEditing({ service, what: 'details' })}
              >
                {s.edit}
              </button>
              <button
                type="button"
                className="button button-secondary"
                aria-label={t.admin.policy.openLabel(service.name)}
                onClick={() => setEditing({ service, what: 'policy' })}
              >
                {t.admin.policy.open}
              </button>
              <button
                type="button"
                className="button button-danger-outline"
                aria-label={s.retireLabel(service.name)}
                onClick={() => retireService(service.id, service.name)}
              >
                {s.retire}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      {editing?.what === 'details' ? (
        <EditServiceDialog
          service={editing.service}
          onClose={() => setEditing(null)}
          onDone={(name) => {
            setEditing(null);
            say('success', s.updated(name));
          }}
        />
      ) : null}
      {editing?.what === 'policy' ? (
        <BookingPolicyDialog
          service={editing.service}
          onClose={() => setEditing(null)}
          onDone={(name) => {
            setEditing(null);
            say('success', t.admin.policy.saved(name));
          }}
        />
      ) : null}
      <form className="card form admin-form" onSubmit={submit}>
        <h2>{s.create}</h2>
        <div className="field">
          <label htmlFor="service-name">{s.name}</label>
          <input
            id="service-name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="service-category">{s.category}</label>
          <select
            id="service-category"
            value={form.category}
            onChange={(e) => setForm({ ...form, category: e.target.value as ServiceCategory })}
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t.categories[c] ?? c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="service-duration">{s.duration}</label>
          <input
            id="service-duration"
            type="number"
            min={5}
            step={5}
            required
            value={form.durationMinutes}
            onChange={(e) => setForm({ ...form, durationMinutes: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="service-price">{s.price}</label>
          <input
            id="service-price"
            inputMode="decimal"
            placeholder="35.00"
            required
            value={form.price}
            onChange={(e) => setForm({ ...form, price: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="service-currency">{s.currency}</label>
          <input
            id="service-currency"
            required
            maxLength={3}
            value={form.currency}
            onChange={(e) => setForm({ ...form, currency: e.target.value })}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={creating.loading}>
          {s.create}
        </button>
      </form>
    </Page>
  );
}
