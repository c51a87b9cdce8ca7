import { useMutation, useQuery } from '@apollo/client/react';
import { CreateDoctorDocument, DoctorsDocument, type DoctorsQuery, UpdateDoctorDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Loading, Page } from '../../../ui/page';
import { NoticeArea, useAdminNotice } from '../admin-notice';
import { DataTable } from '../data-table';
import { EditDoctorDialog } from './edit-doctor-dialog';
import { ServiceChecks } from './service-checks';

const EMPTY = {
  name: '',
  email: '',
  password: '',
  specialty: '',
  licenseNumber: '',
  location: '',
  serviceIds: [] as string[],
};

/** The clinic's active doctors: adding one (with their sign-in), changing one, deactivating one. */
export function DoctorsAdminPage() {
  const d = t.admin.doctors;
  const { data, loading, error } = useQuery(DoctorsDocument, { variables: {} });
  const [create, creating] = useMutation(CreateDoctorDocument, {
    refetchQueries: ['Doctors'],
    awaitRefetchQueries: true,
  });
  const [update] = useMutation(UpdateDoctorDocument, { refetchQueries: ['Doctors'], awaitRefetchQueries: true });
  const [form, setForm] = useState(EMPTY);
  const { notice, say } = useAdminNotice();
  const [editing, setEditing] = useState<DoctorsQuery['doctors'][number] | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const { location, ...rest } = form;
      const { data: created } = await create({
        variables: { input: { ...rest, ...(location.trim() ? { location } : {}) } },
      });
      setForm(EMPTY);
      say('success', d.created(created!.createDoctor.name));
    } catch (caught) {
      say('error', messageFor(caught));
    }
  }

  async function deactivate(id: string, name: string) {
    if (!window.confirm(d.deactivateConfirm(name))) return;
    try {
      await update({ variables: { id, input: { active: false } } });
      say('success', d.deactivated(name));
    } catch (caught) {
      say('error', messageFor(caught));
    }
  }

  const field = (
    key: 'name' | 'email' | 'password' | 'specialty' | 'licenseNumber' | 'location',
    type = 'text',
    required = true,
  ) => (
    <div className="field">
      <label htmlFor={`doctor-${key}`}>{d[key]}</label>
      <input
        id={`doctor-${key}`}
        type={type}
        required={required}
        autoComplete="off"
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </div>
  );

  return (
    <Page title={d.title} wide>
      <NoticeArea notice={notice} />
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {loading && !data ? <Loading /> : null}
      <DataTable caption={d.title} columns={[d.name, d.specialty, d.location, d.services, { hidden: d.actions }]}>
        {(data?.doctors ?? []).map((doctor) => (
          <tr key={doctor.id}>
            <th scope="row">{doctor.name}</th>
            <td>{doctor.specialty}</td>
            <td>{doctor.location ?? ''}</td>
            <td>{doctor.services.map((s) => s.name).join(', ')}</td>
            <td className="row-actions">
              <button
                type="button"
                className="button button-secondary"
                aria-label={d.editLabel(doctor.name)}
                onClick={() => setEditing(doctor)}
              >
                {d.editButton}
              </button>
              <button
                type="button"
                className="button button-danger-outline"
                aria-label={d.deactivateLabel(doctor.name)}
                onClick={() => deactivate(doctor.id, doctor.name)}
              >
                {d.deactivate}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      {editing ? (
        <EditDoctorDialog
          doctor={editing}
          onClose={() => setEditing(null)}
          onDone={(name) => {
            setEditing(null);
            say('success', d.updated(name));
          }}
        />
      ) : null}
      <form className="card form admin-form" onSubmit={submit}>
        <h2>{d.create}</h2>
        {field('name')}
        {field('email', 'email')}
        {field('password', 'password')}
        {field('specialty')}
        {field('licenseNumber')}
        {field('location', 'text', false)}
        <ServiceChecks chosen={form.serviceIds} onChange={(serviceIds) => setForm({ ...form, serviceIds })} />
        <button type="submit" className="button button-primary" disabled={creating.loading}>
          {d.create}
        </button>
      </form>
    </Page>
  );
}
