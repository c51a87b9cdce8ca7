import 'reflect-metadata';
import { createLogger, runService } from '@carebook/platform';
import { startFeedback } from './app';
import { loadFeedbackConfig } from './config';

runService('feedback', () => startFeedback(loadFeedbackConfig()), createLogger('feedback'));
