import { useMutation, useQuery } from '@apollo/client/react';
import { DoctorContactDocument, DoctorsDocument, UpdateMyDoctorProfileDocument } from '@carebook/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { useSession } from '../../../api/session-context';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';
import { Loading, Page } from '../../../ui/page';

interface Form {
  bio: string;
  location: string;
  phone: string;
}

/**
 * What patients read about the doctor (bio, where to find them) and the
 * phone the clinic reaches them on: the doctor's own to change
 * (UpdateMyDoctorProfile), starting from the public listing and the
 * doctor's own contact details (DoctorContact); name, specialty and services
 * are the clinic's.
 */
export function DoctorProfilePage() {
  const p = t.doctor.profile;
  const announce = useAnnounce();
  const doctorId = useSession().session!.user.id;
  const { data, loading, error } = useQuery(DoctorsDocument, { variables: {}, fetchPolicy: 'network-only' });
  const contact = useQuery(DoctorContactDocument, { variables: { doctorId }, fetchPolicy: 'network-only' });
  const [update, saving] = useMutation(UpdateMyDoctorProfileDocument, { refetchQueries: ['Doctors', 'DoctorContact'] });
  const [form, setForm] = useState<Form | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const me = data?.doctors.find((doctor) => doctor.id === doctorId);

  useEffect(() => {
    if (data && contact.data && !form)
      setForm({ bio: me?.bio ?? '', location: me?.location ?? '', phone: contact.data.doctor.phone ?? '' });
  }, [data, contact.data, me, form]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setSaved(null);
    setProblem(null);
    try {
      await update({
        variables: {
          input: {
            bio: form.bio.trim() || null,
            location: form.location.trim() || null,
            phone: form.phone.trim() || null,
          },
        },
      });
      setSaved(p.saved);
      announce(p.saved);
    } catch (caught) {
      setProblem(messageFor(caught));
    }
  }

  const failed = error ?? contact.error;
  if (failed) return <Page title={p.title}>{<Alert kind="error">{messageFor(failed)}</Alert>}</Page>;
  if ((loading && !data) || !form) return <Loading />;
  return (
    <Page title={p.title}>
      {me ? <p className="meta">{p.clinicPart(me.name, me.specialty)}</p> : <Alert kind="info">{p.notListed}</Alert>}
      <form className="card form" onSubmit={submit} noValidate>
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        {saved ? <Alert kind="success">{saved}</Alert> : null}
        <div className="field">
          <label htmlFor="doctor-bio">{p.bio}</label>
          <textarea
            id="doctor-bio"
            rows={5}
            maxLength={2000}
            aria-describedby="doctor-bio-hint"
            value={form.bio}
            onChange={(e) => setForm({ ...form, bio: e.target.value })}
          />
          <p className="hint" id="doctor-bio-hint">
            {p.bioHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor="doctor-location">{p.location}</label>
          <input
            id="doctor-location"
            maxLength={200}
            aria-describedby="doctor-location-hint"
            value={form.location}
            onChange={(e) => setForm({ ...form, location: e.target.value })}
          />
          <p className="hint" id="doctor-location-hint">
            {p.locationHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor="doctor-phone">{p.phone}</label>
          <input
            id="doctor-phone"
            type="tel"
            autoComplete="tel"
            aria-describedby="doctor-phone-hint"
            value={form.phone}
            onChange={(e) => setForm({ ...form, phone: e.target.value })}
          />
          <p className="hint" id="doctor-phone-hint">
            {p.phoneHint}
          </p>
        </div>
        <button type="submit" className="button button-primary" disabled={saving.loading}>
          {saving.loading ? p.saving : p.save}
        </button>
      </form>
    </Page>
  );
}
