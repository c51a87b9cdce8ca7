import 'reflect-metadata';
import { createLogger, runService } from '@carebook/platform';
import { startBilling } from './app';
import { loadBillingConfig } from './config';

runService('billing', () => startBilling(loadBillingConfig()), createLogger('billing'));
