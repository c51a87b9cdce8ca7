import { useMutation } from '@apollo/client/react';
import { type MedicalServicesQuery, UpdateMedicalServiceDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { AdminDialog, DialogActions } from '../board/admin-dialog';

type Service = MedicalServicesQuery['medicalServices'][number];

/** Changing a service of the catalogue (UpdateMedicalService): for new bookings; booked appointments keep their price and time. */
export function EditServiceDialog({
  service,
  onDone,
  onClose,
}: {
  service: Service;
  onDone: (name: string) => void;
  onClose: () => void;
}) {
  const s = t.admin.services;
  const [update, saving] = useMutation(UpdateMedicalServiceDocument, {
    refetchQueries: ['MedicalServices'],
    awaitRefetchQueries: true,
  });
  const [form, setForm] = useState({
    name: service.name,
    durationMinutes: String(service.durationMinutes),
    bufferBeforeMinutes: String(service.bufferBeforeMinutes),
    bufferAfterMinutes: String(service.bufferAfterMinutes),
    price: service.price,
  });
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const numbers = [form.durationMinutes, form.bufferBeforeMinutes, form.bufferAfterMinutes];
    if (numbers.some((n) => !/^\d+$/.test(n.trim()))) return setProblem(s.wholeMinutes);
    try {
      const input = {
        name: form.name.trim(),
        durationMinutes: Number(form.durationMinutes),
        bufferBeforeMinutes: Number(form.bufferBeforeMinutes),
        bufferAfterMinutes: Number(form.bufferAfterMinutes),
        price: form.price.trim(),
      };
      const { data } = await update({ variables: { id: service.id, input } });
      onDone(data!.updateMedicalService.name);
    } catch (caught) {
      setProblem(messageFor(caught));
    }
  }

  const field = (
    key: keyof typeof form,
    label: string,
    extra: { inputMode?: 'numeric' | 'decimal'; hint?: string } = {},
  ) => (
    <div className="field">
      <label htmlFor={`edit-service-${key}`}>{label}</label>
      <input
        id={`edit-service-${key}`}
        required
        inputMode={extra.inputMode}
        aria-describedby={extra.hint ? `edit-service-${key}-hint` : undefined}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
      {extra.hint ? (
        <p className="hint" id={`edit-service-${key}-hint`}>
          {extra.hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <AdminDialog title={s.editTitle(service.name)} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="hint">{s.editIntro}</p>
        {field('name', s.name)}
        {field('durationMinutes', s.duration, { inputMode: 'numeric' })}
        {field('bufferBeforeMinutes', s.bufferBefore, { inputMode: 'numeric', hint: s.bufferHint })}
        {field('bufferAfterMinutes', s.bufferAfter, { inputMode: 'numeric' })}
        {field('price', s.priceIn(service.currency), { inputMode: 'decimal', hint: s.priceHint })}
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <DialogActions
          submit={saving.loading ? s.saving : s.saveChanges}
          disabled={saving.loading}
          onCancel={onClose}
        />
      </form>
    </AdminDialog>
  );
}
