// Declared once in platform: the notification subgraph exposes the same enum.
export { NotificationChannel } from '@carebook/platform';
