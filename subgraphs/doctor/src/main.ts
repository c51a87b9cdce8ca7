import 'reflect-metadata';
import { runService } from '@carebook/platform';
import { startDoctor } from './app';
import { loadDoctorConfig } from './config';

runService('doctor', () => startDoctor(loadDoctorConfig()));
