import fs from 'node:fs';
import path from 'node:path';
import { errorCodeLabel, GatewayMetrics, OperationLabels } from './gateway-metrics';

describe('OperationLabels', () => {
  it('keeps valid names of resolved operations, up to a limit', () => {
    const labels = new OperationLabels(2);
    expect(labels.label(true, 'PatientSummary')).toBe('PatientSummary');
    expect(labels.label(true, 'Glucose')).toBe('Glucose');
    expect(labels.label(true, 'Third')).toBe('(other)');
    expect(labels.label(true, 'PatientSummary')).toBe('PatientSummary');
  });

  it('buckets anonymous, unresolved and invalid names', () => {
    const labels = new OperationLabels();
    expect(labels.label(true, null)).toBe('(anonymous)');
    expect(labels.label(true, undefined)).toBe('(anonymous)');
    expect(labels.label(false, 'Anything')).toBe('(none)');
    expect(labels.label(true, 'Jane Doe')).toBe('(other)');
    expect(labels.label(true, 'x'.repeat(101))).toBe('(other)');
  });
});

describe('GatewayMetrics', () => {
  it('counts errors by code, consent denials by outcome, and buckets unknown codes', () => {
    const metrics = new GatewayMetrics(() => 3, 1_700_000_000_000);
    metrics.countErrors(
      new Map([
        ['CONSENT_REQUIRED', 2],
        ['CONSENT_UNAVAILABLE', 1],
        ['FORBIDDEN', 1],
        ['SOMETHING_ELSE', 4],
      ]),
    );
    const text = metrics.registry.render();
    expect(text).toContain('patientgraph_gateway_errors_total{code="CONSENT_REQUIRED"} 2');
    expect(text).toContain('patientgraph_gateway_errors_total{code="FORBIDDEN"} 1');
    expect(text).toContain('patientgraph_gateway_errors_total{code="OTHER"} 4');
    expect(text).toContain('patientgraph_gateway_consent_denials_total{outcome="required"} 2');
    expect(text).toContain('patientgraph_gateway_consent_denials_total{outcome="unavailable"} 1');
    expect(text).toContain('patientgraph_gateway_in_flight_requests 3');
    expect(text).toContain('process_start_time_seconds 1700000000');
    expect(text).toMatch(/\nprocess_resident_memory_bytes \d+\n/);
  });

  it('labels codes from the closed catalogue and Apollo request errors as they are', () => {
    expect(errorCodeLabel('UPSTREAM_UNAVAILABLE')).toBe('UPSTREAM_UNAVAILABLE');
    expect(errorCodeLabel('GRAPHQL_VALIDATION_FAILED')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorCodeLabel('Jane')).toBe('OTHER');
  });
});

describe('the README metrics table', () => {
  it('names every metric the gateway serves (operators read it, not this file)', () => {
    const text = new GatewayMetrics(() => 0).registry.render();
    const served = [...text.matchAll(/^# TYPE (patientgraph_\S+)/gm)].map((m) => m[1]!);
    expect(served.length).toBeGreaterThanOrEqual(8);
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    expect(served.filter((name) => !readme.includes(`| \`${name}\``))).toEqual([]);
  });
});
