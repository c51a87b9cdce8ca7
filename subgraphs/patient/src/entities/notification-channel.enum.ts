import { registerEnumType } from 'type-graphql';

export enum NotificationChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}

registerEnumType(NotificationChannel, { name: 'NotificationChannel', description: 'How a patient wants to hear about their appointments.' });
