import 'reflect-metadata';
import { runService } from '../shared/process/run-service';
import { loadEhrFhirConfig } from './config';
import { startEhrFhir } from './server';

runService('ehr-fhir', () => startEhrFhir(loadEhrFhirConfig()));
