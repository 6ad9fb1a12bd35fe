import 'reflect-metadata';
import { runService } from '../shared/process/run-service';
import { loadRadiologyConfig } from './config';
import { startRadiology } from './server';

const config = loadRadiologyConfig();
runService(config.name, () => startRadiology(config));
