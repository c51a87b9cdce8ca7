import 'reflect-metadata';
import { runService } from '@carebook/platform';
import { startPatient } from './app';
import { loadPatientConfig } from './config';

runService('patient', () => startPatient(loadPatientConfig()));
