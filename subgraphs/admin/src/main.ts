import 'reflect-metadata';
import { runService } from '@carebook/platform';
import { startAdmin } from './app';
import { loadAdminConfig } from './config';

runService('admin', () => startAdmin(loadAdminConfig()));
