import { shippingEstimate } from './inventory.subgraph';

describe('shippingEstimate (reference formula)', () => {
  it('is free above a price of 1000, else half the weight, rounded down', () => {
    expect(shippingEstimate({ price: 1299, weight: 1000 })).toBe(0);
    expect(shippingEstimate({ price: 899, weight: 101 })).toBe(50);
    expect(shippingEstimate({ price: 1000, weight: 20 })).toBe(10);
  });

  it('is null without a price, or without a weight at or below 1000', () => {
    expect(shippingEstimate({ price: null, weight: 100 })).toBeNull();
    expect(shippingEstimate({ price: 15, weight: null })).toBeNull();
  });
});
