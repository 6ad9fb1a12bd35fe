import 'reflect-metadata';
import { runService } from '../shared/process/run-service';
import { loadIdentityConfig } from './config';
import { startIdentity } from './server';

runService('identity', () => startIdentity(loadIdentityConfig()));
