import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { makeTempDir } from '../../test/helpers/temp-dir';
import { accountFromPath, detectWearablePayload, sendWearableFiles } from './wearables.sender';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures', 'wearables');
const fixture = (relative: string) =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, relative), 'utf8')) as unknown;

describe('detectWearablePayload', () => {
  it('recognises real vendor responses by their shape', () => {
    expect(
      detectWearablePayload(fixture('vendors/fitbit/fitbit-activities-heart-1d-1m-intraday.json')),
    ).toBe('fitbit-heart');
    expect(
      detectWearablePayload(fixture('vendors/fitbit/fitbit-activities-steps-1d-1m-intraday.json')),
    ).toBe('fitbit-steps');
    expect(
      detectWearablePayload(fixture('vendors/fitbit/fitbit-sleep-date-empty-sleep-list.json')),
    ).toBe('fitbit-sleep');
    expect(detectWearablePayload(fixture('vendors/fitbit/fitbit-body-log-weight.json'))).toBe(
      'fitbit-body',
    );
    expect(
      detectWearablePayload(fixture('vendors/googlefit/googlefit-merge-heart-rate.json')),
    ).toBe('googlefit');
    expect(detectWearablePayload(fixture('vendors/ihealth/ihealth-bp.json'))).toBe('ihealth');
    expect(detectWearablePayload(fixture('vendors/withings/withings-sleep-summary.json'))).toBe(
      'withings',
    );
    expect(detectWearablePayload(fixture('omh/data-point/1.0/shouldPass/empty-body.json'))).toBe(
      'omh',
    );
    expect(detectWearablePayload({ recordType: 'egv', records: [] })).toBe('dexcom-egvs');
    expect(detectWearablePayload({ unit: 'mg/dL', egvs: [] })).toBe('dexcom-egvs');
    expect(
      detectWearablePayload({
        enrollments: [{ vendor: 'fitbit', accountId: 'A', identifiers: [] }],
      }),
    ).toBe('enrollment');
  });

  it('leaves other JSON alone', () => {
    expect(detectWearablePayload({ resourceType: 'Bundle', entry: [] })).toBeNull();
    expect(detectWearablePayload([1, 2])).toBeNull();
    expect(detectWearablePayload('text')).toBeNull();
  });
});

describe('sendWearableFiles', () => {
  it('takes the account from the vendor folder layout', () => {
    expect(accountFromPath('/x/wearables/fitbit/3ZH7YC/heart-2026-01-01.json')).toBe('3ZH7YC');
    expect(accountFromPath('/x/wearables/enrollments/person-000001.json')).toBeNull();
  });

  it('reports unreadable files and an unreachable subgraph per file, never silently', async () => {
    const temp = makeTempDir('sender');
    try {
      const notJson = path.join(temp.dir, 'broken.json');
      fs.writeFileSync(notJson, '{ nope');
      const other = path.join(temp.dir, 'other.json');
      fs.writeFileSync(other, '{"resourceType":"Patient"}');
      const heart = path.join(temp.dir, 'fitbit', 'U1', 'heart.json');
      fs.mkdirSync(path.dirname(heart), { recursive: true });
      fs.writeFileSync(heart, JSON.stringify({ 'activities-heart': [] }));
      const port = await new Promise<number>((resolve) => {
        const server = net.createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = server.address() as net.AddressInfo;
          server.close(() => resolve(free));
        });
      });
      const summary = await sendWearableFiles([notJson, other, heart], {
        baseUrl: `http://127.0.0.1:${port}`,
        serviceToken: 't',
      });
      expect(summary.accepted).toBe(0);
      expect(summary.rejected).toEqual([
        { location: notJson, reason: expect.stringMatching(/^not JSON/) },
        { location: other, reason: 'not a wearable payload this subgraph knows' },
        { location: heart, reason: expect.stringMatching(/^wearables subgraph unreachable/) },
      ]);
    } finally {
      temp.cleanup();
    }
  });
});
