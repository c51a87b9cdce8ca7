import 'reflect-metadata';
import { runService } from '@carebook/platform';
import { startScheduling } from './app';
import { loadSchedulingConfig } from './config';

runService('scheduling', () => startScheduling(loadSchedulingConfig()));
