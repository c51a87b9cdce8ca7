import 'reflect-metadata';
import { runService } from '@carebook/platform';
import { startAuth } from './app';
import { loadAuthConfig } from './config';

runService('auth', () => startAuth(loadAuthConfig()));
