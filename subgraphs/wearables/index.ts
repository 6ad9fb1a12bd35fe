import 'reflect-metadata';
import { runService } from '../shared/process/run-service';
import { loadWearablesConfig } from './config';
import { startWearables } from './server';

runService('wearables', () => startWearables(loadWearablesConfig()));
