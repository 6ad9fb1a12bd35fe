import { rowId } from './row-id';

describe('rowId', () => {
  it('makes unique, UUID-shaped ids that sort in creation order', () => {
    const ids = Array.from({ length: 5000 }, (_, i) =>
      rowId(1_700_000_000_000 + Math.floor(i / 100)),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
