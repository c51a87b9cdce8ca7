import 'reflect-metadata';
import { createLogger, runService } from '@carebook/platform';
import { startAppointment } from './app';
import { loadAppointmentConfig } from './config';

runService('appointment', () => startAppointment(loadAppointmentConfig()), createLogger('appointment'));
