import { AdminActionLog } from './admin-action-log.entity';

export const entities = [AdminActionLog];
export { AdminActionLog };
