import { useMutation } from '@apollo/client/react';
import { type BookingRule, type MedicalServicesQuery, SetBookingPolicyDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { AdminDialog, DialogActions } from '../board/admin-dialog';
import { inLargestUnit, POLICY_UNITS, type PolicyUnit, toMinutes } from './policy-units';

type Service = MedicalServicesQuery['medicalServices'][number];
type Key = 'minNoticeMinutes' | 'horizonMinutes' | 'cancellationWindowMinutes';
const RULES: Array<{ key: Key; rule: BookingRule }> = [
  { key: 'minNoticeMinutes', rule: 'MIN_NOTICE' },
  { key: 'horizonMinutes', rule: 'HORIZON' },
  { key: 'cancellationWindowMinutes', rule: 'CANCELLATION_WINDOW' },
];

interface RuleForm {
  own: boolean;
  amount: string;
  unit: PolicyUnit;
}

/**
 * A service's own booking rules (SetBookingPolicy): each either the
 * service's, in minutes, hours or days, or the clinic's default (sent as
 * null). What applies now is the starting point.
 */
export function BookingPolicyDialog({
  service,
  onDone,
  onClose,
}: {
  service: Service;
  onDone: (name: string) => void;
  onClose: () => void;
}) {
  const p = t.admin.policy;
  const [save, saving] = useMutation(SetBookingPolicyDocument, {
    refetchQueries: ['MedicalServices'],
    awaitRefetchQueries: true,
  });
  const [rules, setRules] = useState<Record<Key, RuleForm>>(
    () =>
      Object.fromEntries(
        RULES.map(({ key, rule }) => [
          key,
          { own: service.bookingPolicy.ownRules.includes(rule), ...inLargestUnit(service.bookingPolicy[key]) },
        ]),
      ) as Record<Key, RuleForm>,
  );
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const policy: Partial<Record<Key, number | null>> = {};
    for (const { key } of RULES) {
      const rule = rules[key];
      if (!rule.own) {
        policy[key] = null;
        continue;
      }
      const minutes = toMinutes(rule.amount, rule.unit);
      if (minutes === null) return setProblem(p.notANumber(p.rules[key]));
      policy[key] = minutes;
    }
    try {
      const { data } = await save({ variables: { serviceId: service.id, policy } });
      onDone(data!.setBookingPolicy.name);
    } catch (caught) {
      setProblem(messageFor(caught));
    }
  }

  const change = (key: Key, patch: Partial<RuleForm>) => setRules({ ...rules, [key]: { ...rules[key], ...patch } });
  return (
    <AdminDialog title={p.title(service.name)} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="hint">{p.intro}</p>
        {RULES.map(({ key }) => {
          const rule = rules[key];
          return (
            <fieldset key={key} className="hours-day">
              <legend>{p.rules[key]}</legend>
              <p className="hint">{p.explain[key]}</p>
              <div className="checks">
                <label>
                  <input
                    type="radio"
                    name={`${key}-source`}
                    checked={!rule.own}
                    onChange={() => change(key, { own: false })}
                  />{' '}
                  {p.clinicDefault}
                </label>
                <label>
                  <input
                    type="radio"
                    name={`${key}-source`}
                    checked={rule.own}
                    onChange={() => change(key, { own: true })}
                  />{' '}
                  {p.ownRule}
                </label>
              </div>
              {rule.own ? (
                <div className="hours-row">
                  <div className="field">
                    <label htmlFor={`${key}-amount`}>{p.amount(p.rules[key])}</label>
                    <input
                      id={`${key}-amount`}
                      inputMode="decimal"
                      required
                      value={rule.amount}
                      onChange={(e) => change(key, { amount: e.target.value })}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${key}-unit`}>{p.unit(p.rules[key])}</label>
                    <select
                      id={`${key}-unit`}
                      value={rule.unit}
                      onChange={(e) => change(key, { unit: e.target.value as PolicyUnit })}
                    >
                      {POLICY_UNITS.map((unit) => (
                        <option key={unit} value={unit}>
                          {p.units[unit]}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
              ) : null}
            </fieldset>
          );
        })}
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <DialogActions
          submit={saving.loading ? t.admin.services.saving : p.save}
          disabled={saving.loading}
          onCancel={onClose}
        />
      </form>
    </AdminDialog>
  );
}
