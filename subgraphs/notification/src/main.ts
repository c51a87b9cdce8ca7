import 'reflect-metadata';
import { createLogger, runService } from '@carebook/platform';
import { startNotification } from './app';
import { loadNotificationConfig } from './config';

runService('notification', () => startNotification(loadNotificationConfig()), createLogger('notification'));
