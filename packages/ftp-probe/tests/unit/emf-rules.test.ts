import { describe, expect, it } from 'vitest';
import { emfViolations } from '../support/emf.js';

const valid = () => ({
  _aws: {
    Timestamp: 1_764_633_600_000,
    CloudWatchMetrics: [
      { Namespace: 'ClosedFtp', Dimensions: [['service', 'Canary']], Metrics: [{ Name: 'Success', Unit: 'Count' }] },
    ],
  },
  service: 'closed-ftp-canary',
  Canary: 'client-vpc',
  Success: 1,
});

// The checker the canary's EMF tests rely on: each rule it knows must be able to fail.
describe('emfViolations', () => {
  it('accepts a valid record', () => {
    expect(emfViolations(valid())).toEqual([]);
  });

  it.each([
    ['no _aws', (r: ReturnType<typeof valid>) => Reflect.deleteProperty(r, '_aws'), /_aws/],
    [
      'a timestamp in seconds as text',
      (r: ReturnType<typeof valid>) => Object.assign(r._aws, { Timestamp: '17' }),
      /Timestamp/,
    ],
    [
      'an empty namespace',
      (r: ReturnType<typeof valid>) => Object.assign(r._aws.CloudWatchMetrics[0]!, { Namespace: '' }),
      /Namespace/,
    ],
    [
      'a dimension without its value',
      (r: ReturnType<typeof valid>) => Reflect.deleteProperty(r, 'Canary'),
      /dimension Canary/,
    ],
    [
      'a metric without its value',
      (r: ReturnType<typeof valid>) => Object.assign(r, { Success: 'yes' }),
      /metric Success/,
    ],
    [
      'an unknown unit',
      (r: ReturnType<typeof valid>) => Object.assign(r._aws.CloudWatchMetrics[0]!.Metrics[0]!, { Unit: 'ms' }),
      /unit ms/,
    ],
    [
      'no metrics',
      (r: ReturnType<typeof valid>) => Object.assign(r._aws.CloudWatchMetrics[0]!, { Metrics: [] }),
      /Metrics/,
    ],
    [
      'more than 30 dimensions',
      (r: ReturnType<typeof valid>) => {
        const names = Array.from({ length: 31 }, (_, i) => `D${i}`);
        for (const name of names) Object.assign(r, { [name]: 'v' });
        r._aws.CloudWatchMetrics[0]!.Dimensions = [names];
      },
      /more than 30/,
    ],
  ])('refuses %s', (_, breakIt, message) => {
    const record = valid();
    breakIt(record);
    expect(emfViolations(record).join('\n')).toMatch(message);
  });
});
