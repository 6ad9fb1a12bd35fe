import { summarizeCpuProfile, type CpuProfile } from './cpu-profile-summary';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 1 });

/** root -> handler -> (sqlite run | graphql execute), idle; one sample a millisecond. */
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    {
      id: 2,
      callFrame: frame('handle', 'file:///work/main/subgraphs/x/server.ts'),
      children: [3, 4],
    },
    { id: 3, callFrame: frame('run', 'file:///work/main/node_modules/libsql/index.js') },
    {
      id: 4,
      callFrame: frame('execute', 'file:///work/main/node_modules/graphql/execution/execute.js'),
    },
    { id: 5, callFrame: frame('(idle)') },
  ],
  startTime: 0,
  endTime: 10_000,
  samples: [3, 3, 3, 4, 5, 5, 5, 5, 3, 4],
  timeDeltas: Array.from({ length: 10 }, () => 1_000),
};

describe('CPU profile summary', () => {
  it('shares busy samples out by what the stack was doing', () => {
    const summary = summarizeCpuProfile(PROFILE);
    expect(summary.samples).toBe(10);
    expect(summary.busyShare).toBeCloseTo(0.6);
    expect(summary.categories).toEqual([
      ['SQLite (libsql driver)', 4 / 6],
      ['GraphQL execution (graphql, Apollo)', 2 / 6],
    ]);
    expect(summary.topFunctions[0]).toEqual(['run index.js:1', 4 / 6]);
  });

  it('reads only the window before the end', () => {
    // The last 3 ms (samples at 8, 9, 10 ms): idle, run, execute.
    const summary = summarizeCpuProfile(PROFILE, 0.0025, 0);
    expect(summary.samples).toBe(3);
    expect(summary.busyShare).toBeCloseTo(2 / 3);
  });
});
