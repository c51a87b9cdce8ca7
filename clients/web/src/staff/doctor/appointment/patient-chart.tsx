import { useMutation, useQuery } from '@apollo/client/react';
import { AddMedicalRecordDocument, PatientChartDocument, UpdateMedicalRecordDocument } from '@carebook/sdk';
import { useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';
import { Loading } from '../../../ui/page';
import { RecordForm } from './record-form';

/** A patient's chart as their doctor sees it: details, medical history, records to add and correct. */
export function PatientChart({ patientId, appointmentId }: { patientId: string; appointmentId: string }) {
  const clock = useClock();
  const announce = useAnnounce();
  const { data, loading, error, refetch } = useQuery(PatientChartDocument, { variables: { id: patientId } });
  const [addRecord] = useMutation(AddMedicalRecordDocument);
  const [updateRecord] = useMutation(UpdateMedicalRecordDocument);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (error) return <Alert kind="error">{messageFor(error)}</Alert>;
  if (loading && !data) return <Loading />;
  const patient = data?.patient;
  if (!patient) return null;
  const records = [...patient.records].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const said = (text: string) => {
    setDone(text);
    announce(text);
  };

  return (
    <section className="panel-section" aria-labelledby="chart-title">
      <h3 id="chart-title">{t.doctor.chartTitle(patient.name)}</h3>
      <dl className="summary">
        <div>
          <dt>{t.doctor.dateOfBirth}</dt>
          <dd>{patient.dateOfBirth ? clock.longDate(patient.dateOfBirth) : t.doctor.notGiven}</dd>
        </div>
        <div>
          <dt>{t.doctor.gender}</dt>
          <dd>{patient.gender ? (t.doctor.genders[patient.gender] ?? patient.gender) : t.doctor.notGiven}</dd>
        </div>
        <div>
          <dt>{t.doctor.medicalHistory}</dt>
          <dd className="preserve-lines">{patient.medicalHistory || t.doctor.notGiven}</dd>
        </div>
      </dl>
      <h4>{t.doctor.records}</h4>
      {done ? <Alert kind="success">{done}</Alert> : null}
      {records.length === 0 ? <p className="meta">{t.doctor.noRecords}</p> : null}
      <ul className="record-list">
        {records.map((record) => (
          <li key={record.id} className="record">
            {editing === record.id ? (
              <RecordForm
                initial={{ diagnosis: record.diagnosis, notes: record.notes ?? '' }}
                submitLabel={t.doctor.saveRecord}
                busyLabel={t.doctor.savingRecord}
                onCancel={() => setEditing(null)}
                onSubmit={async (input) => {
                  await updateRecord({ variables: { id: record.id, input } });
                  setEditing(null);
                  said(t.doctor.recordSaved);
                }}
              />
            ) : (
              <>
                <h4>{record.diagnosis}</h4>
                {record.notes ? <p className="preserve-lines">{record.notes}</p> : null}
                <p className="meta">{t.doctor.recordBy(record.doctor?.name ?? '', clock.dateTime(record.createdAt))}</p>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t.doctor.editRecord(record.diagnosis)}
                  onClick={() => setEditing(record.id)}
                >
                  {t.doctor.edit}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <h4>{t.doctor.addRecord}</h4>
      <RecordForm
        submitLabel={t.doctor.addRecord}
        busyLabel={t.doctor.addingRecord}
        onSubmit={async (input) => {
          await addRecord({ variables: { input: { patientId, appointmentId, ...input } } });
          await refetch();
          said(t.doctor.recordAdded);
        }}
      />
    </section>
  );
}
