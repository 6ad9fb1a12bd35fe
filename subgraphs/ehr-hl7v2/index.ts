import 'reflect-metadata';
import { runService } from '../shared/process/run-service';
import { loadEhrHl7v2Config } from './config';
import { startEhrHl7v2 } from './server';

runService('ehr-hl7v2', async () => {
  const running = await startEhrHl7v2(loadEhrHl7v2Config());
  return { ...running, extra: { mllpPort: running.mllpPort } };
});
