import { useMutation, useQuery } from '@apollo/client/react';
import { DoctorContactDocument, type DoctorsQuery, UpdateDoctorDocument } from '@carebook/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { AdminDialog, DialogActions } from '../board/admin-dialog';
import { ServiceChecks } from './service-checks';

type Doctor = DoctorsQuery['doctors'][number];
type TextKey = 'name' | 'specialty' | 'bio' | 'location' | 'licenseNumber' | 'phone';

/**
 * Changing a doctor (UpdateDoctor), starting from what is listed (name,
 * specialty, what patients read, services) and from the licence number and
 * phone (DoctorContact, admins and the doctor only).
 */
export function EditDoctorDialog({
  doctor,
  onDone,
  onClose,
}: {
  doctor: Doctor;
  onDone: (name: string) => void;
  onClose: () => void;
}) {
  const d = t.admin.doctors;
  const contact = useQuery(DoctorContactDocument, { variables: { doctorId: doctor.id }, fetchPolicy: 'network-only' });
  const [update, saving] = useMutation(UpdateDoctorDocument, {
    refetchQueries: ['Doctors'],
    awaitRefetchQueries: true,
  });
  const [form, setForm] = useState({
    name: doctor.name,
    specialty: doctor.specialty,
    bio: doctor.bio ?? '',
    location: doctor.location ?? '',
    licenseNumber: '',
    phone: '',
    serviceIds: doctor.services.map((s) => s.id),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [contactLoaded, setContactLoaded] = useState(false);
  // The contact details arrive after the dialog opens: filled in once, never over what was typed.
  useEffect(() => {
    if (contactLoaded || !contact.data) return;
    setContactLoaded(true);
    setForm((f) => ({
      ...f,
      licenseNumber: contact.data.doctor.licenseNumber ?? '',
      phone: contact.data.doctor.phone ?? '',
    }));
  }, [contact.data, contactLoaded]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { licenseNumber, phone, bio, location, name, specialty, serviceIds } = form;
    // Until the contact details are known, their fields are left out (kept as they are), never sent empty.
    const contactFields = contactLoaded ? { licenseNumber: licenseNumber.trim(), phone: phone.trim() || null } : {};
    try {
      const input = {
        name: name.trim(),
        specialty: specialty.trim(),
        bio: bio.trim() || null,
        location: location.trim() || null,
        serviceIds,
        ...contactFields,
      };
      const { data } = await update({ variables: { id: doctor.id, input } });
      onDone(data!.updateDoctor.name);
    } catch (caught) {
      setProblem(messageFor(caught));
    }
  }

  const field = (key: TextKey, hint?: string) => (
    <div className="field">
      <label htmlFor={`edit-doctor-${key}`}>{d.edit[key]}</label>
      {key === 'bio' ? (
        <textarea
          id={`edit-doctor-${key}`}
          rows={4}
          value={form[key]}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        />
      ) : (
        <input
          id={`edit-doctor-${key}`}
          autoComplete="off"
          aria-describedby={hint ? `edit-doctor-${key}-hint` : undefined}
          value={form[key]}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        />
      )}
      {hint ? (
        <p className="hint" id={`edit-doctor-${key}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <AdminDialog title={d.editTitle(doctor.name)} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        {field('name')}
        {field('specialty')}
        {field('bio')}
        {field('location')}
        {contact.error ? <Alert kind="error">{messageFor(contact.error)}</Alert> : null}
        {field('licenseNumber')}
        {field('phone', d.phoneHint)}
        <ServiceChecks chosen={form.serviceIds} onChange={(serviceIds) => setForm({ ...form, serviceIds })} />
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <DialogActions
          submit={saving.loading ? t.admin.services.saving : d.saveChanges}
          disabled={saving.loading}
          onCancel={onClose}
        />
      </form>
    </AdminDialog>
  );
}
