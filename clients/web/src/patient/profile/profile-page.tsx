import { useMutation, useQuery } from '@apollo/client/react';
import { MyProfileSettingsDocument, type NotificationChannel, UpdateMyProfileDocument } from '@carebook/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';
import { Loading, Page } from '../../ui/page';
import { ChangePasswordForm } from './change-password-form';
import { SignOutEverywhere } from './sign-out-everywhere';

interface Form {
  name: string;
  phone: string;
  dateOfBirth: string;
  medicalHistory: string;
  channels: NotificationChannel[];
}

/** Contact details, how notices reach the patient, their medical history; then the password and the sessions. */
export function ProfilePage() {
  const announce = useAnnounce();
  const { data, loading, error } = useQuery(MyProfileSettingsDocument, { fetchPolicy: 'network-only' });
  const [update, saving] = useMutation(UpdateMyProfileDocument);
  const [form, setForm] = useState<Form | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const profile = data?.myProfile;

  useEffect(() => {
    if (profile && !form)
      setForm({
        name: profile.name,
        phone: profile.phone ?? '',
        dateOfBirth: profile.dateOfBirth ?? '',
        medicalHistory: profile.medicalHistory ?? '',
        channels: [...profile.notificationChannels],
      });
  }, [profile, form]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setSaved(false);
    if (form.channels.length === 0) return setProblem(t.profile.channelsNeeded);
    setProblem(null);
    try {
      await update({
        variables: {
          input: {
            name: form.name.trim(),
            phone: form.phone.trim() || null,
            dateOfBirth: form.dateOfBirth || null,
            medicalHistory: form.medicalHistory.trim() || null,
            notificationChannels: form.channels,
          },
        },
      });
      setSaved(true);
      announce(t.profile.saved);
    } catch (caught) {
      setProblem(messageFor(caught));
    }
  }

  if (error) return <Page title={t.profile.title}>{<Alert kind="error">{messageFor(error)}</Alert>}</Page>;
  if ((loading && !data) || !form || !profile) return <Loading />;
  const set = (key: 'name' | 'phone' | 'dateOfBirth' | 'medicalHistory') => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });
  const toggle = (channel: NotificationChannel) =>
    setForm({
      ...form,
      channels: form.channels.includes(channel)
        ? form.channels.filter((c) => c !== channel)
        : [...form.channels, channel],
    });

  return (
    <Page title={t.profile.title}>
      <form className="card form" onSubmit={submit} noValidate>
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        {saved ? <Alert kind="success">{t.profile.saved}</Alert> : null}
        <div className="field">
          <label htmlFor="name">{t.profile.name}</label>
          <input id="name" autoComplete="name" required value={form.name} onChange={set('name')} />
        </div>
        <div className="field">
          <label htmlFor="email">{t.profile.email}</label>
          <input id="email" type="email" value={profile.email} readOnly aria-describedby="email-hint" />
          <p className="hint" id="email-hint">
            {t.profile.emailHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor="phone">{t.profile.phone}</label>
          <input
            id="phone"
            type="tel"
            autoComplete="tel"
            aria-describedby="phone-hint"
            value={form.phone}
            onChange={set('phone')}
          />
          <p className="hint" id="phone-hint">
            {t.profile.phoneHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor="dob">{t.profile.dateOfBirth}</label>
          <input id="dob" type="date" autoComplete="bday" value={form.dateOfBirth} onChange={set('dateOfBirth')} />
        </div>
        <fieldset className="checks">
          <legend>{t.profile.channels}</legend>
          <label>
            <input type="checkbox" checked={form.channels.includes('EMAIL')} onChange={() => toggle('EMAIL')} />{' '}
            {t.profile.channelEmail}
          </label>
          <label>
            <input type="checkbox" checked={form.channels.includes('SMS')} onChange={() => toggle('SMS')} />{' '}
            {t.profile.channelSms}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="history">{t.profile.medicalHistory}</label>
          <textarea
            id="history"
            rows={6}
            maxLength={10000}
            aria-describedby="history-hint"
            value={form.medicalHistory}
            onChange={set('medicalHistory')}
          />
          <p className="hint" id="history-hint">
            {t.profile.medicalHistoryHint}
          </p>
        </div>
        <button type="submit" className="button button-primary" disabled={saving.loading}>
          {saving.loading ? t.profile.saving : t.profile.save}
        </button>
      </form>
      <ChangePasswordForm />
      <SignOutEverywhere />
    </Page>
  );
}
