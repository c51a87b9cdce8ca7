import type { Role, UsersQuery } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { t } from '../../../i18n';

type User = UsersQuery['users']['edges'][number]['node'];

interface Props {
  user: User;
  since: string;
  roles: Role[];
  onSetRole(role: Role): Promise<boolean>;
  onDeactivate(reason: string): Promise<boolean>;
}

/** One account: its role to change, and deactivation with a reason for the log. */
export function UserRow({ user, since, roles, onSetRole, onDeactivate }: Props) {
  const u = t.admin.users;
  const [role, setRole] = useState<Role>(user.role);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const idBase = `user-${user.id}`;

  async function deactivate(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setReasonError(true);
    if (await onDeactivate(reason.trim())) setAsking(false);
  }

  return (
    <tr>
      <th scope="row">{user.email}</th>
      <td>
        <div className="field-inline">
          <label htmlFor={`${idBase}-role`} className="visually-hidden">
            {u.roleOf(user.email)}
          </label>
          <select id={`${idBase}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-secondary"
            disabled={role === user.role}
            onClick={() => onSetRole(role)}
          >
            {u.setRole}
          </button>
        </div>
      </td>
      <td>{user.active ? u.active : u.inactive}</td>
      <td>{since}</td>
      <td>
        {!user.active ? null : asking ? (
          <form className="field-inline" onSubmit={deactivate} noValidate>
            <label htmlFor={`${idBase}-reason`}>{u.reason}</label>
            <input
              id={`${idBase}-reason`}
              value={reason}
              aria-invalid={reasonError}
              aria-describedby={reasonError ? `${idBase}-reason-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {reasonError ? (
              <span id={`${idBase}-reason-error`} className="field-error">
                {u.reasonNeeded}
              </span>
            ) : null}
            <button type="submit" className="button button-danger">
              {u.deactivate}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
              {t.admin.cancel}
            </button>
          </form>
        ) : (
          <button
            type="button"
            className="button button-danger-outline"
            aria-label={u.deactivateLabel(user.email)}
            onClick={() => setAsking(true)}
          >
            {u.deactivate}
          </button>
        )}
      </td>
    </tr>
  );
}
