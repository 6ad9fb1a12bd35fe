import { serviceOfEntry } from './find-processes';

describe('serviceOfEntry', () => {
  it('names a stack process by the entry it runs', () => {
    const node = ['/usr/bin/node', '-r', '@swc-node/register'];
    expect(serviceOfEntry([...node, '/work/main/subgraphs/ehr-hl7v2/index.ts'])).toBe('ehr-hl7v2');
    expect(serviceOfEntry([...node, '/work/main/gateway/main.ts'])).toBe('gateway');
  });

  it('ignores processes that run anything else', () => {
    expect(serviceOfEntry(['/usr/bin/node', '/work/main/node_modules/.bin/jest'])).toBeUndefined();
    expect(serviceOfEntry(['/work/main/subgraphs/identity/server.ts'])).toBeUndefined();
  });
});
