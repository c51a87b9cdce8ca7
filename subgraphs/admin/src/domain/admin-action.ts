/** The admin mutations this service performs itself; other services name their own in ADMIN_ACTION_TAKEN events. */
export const AdminAction = {
  CREATE_DOCTOR: 'CREATE_DOCTOR',
  CREATE_MEDICAL_SERVICE: 'CREATE_MEDICAL_SERVICE',
  SET_BOOKING_POLICY: 'SET_BOOKING_POLICY',
  UPDATE_MEDICAL_SERVICE: 'UPDATE_MEDICAL_SERVICE',
  RETIRE_MEDICAL_SERVICE: 'RETIRE_MEDICAL_SERVICE',
  UPDATE_DOCTOR: 'UPDATE_DOCTOR',
  DEACTIVATE_USER: 'DEACTIVATE_USER',
  SET_USER_ROLE: 'SET_USER_ROLE',
} as const;

export type AdminActionName = (typeof AdminAction)[keyof typeof AdminAction];

/** What an ADMIN_ACTION_TAKEN event may carry as an action name: upper snake case, like the ones above. */
export const ACTION_NAME_PATTERN = /^[A-Z][A-Z0-9_]{2,63}$/;
