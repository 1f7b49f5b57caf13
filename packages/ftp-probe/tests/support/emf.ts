/**
 * The rules of CloudWatch's Embedded Metric Format specification
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * returns every rule a record breaks, so a test can show them all.
 */
const UNITS = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

export function emfViolations(record: unknown): string[] {
  const problems: string[] = [];
  if (record === null || typeof record !== 'object' || Array.isArray(record))
    return ['the record is not a JSON object'];
  const root = record as Record<string, unknown>;
  const aws = root._aws as Record<string, unknown> | undefined;
  if (!aws || typeof aws !== 'object') return ['_aws (the metadata object) is missing'];
  if (!Number.isInteger(aws.Timestamp) || (aws.Timestamp as number) <= 0) {
    problems.push('_aws.Timestamp must be a positive integer of milliseconds since the epoch');
  }
  const directives = aws.CloudWatchMetrics;
  if (!Array.isArray(directives) || directives.length === 0) {
    return [...problems, '_aws.CloudWatchMetrics must be an array of metric directives'];
  }
  for (const [d, directive] of directives.entries()) {
    const at = `CloudWatchMetrics[${d}]`;
    const namespace = directive?.Namespace;
    if (typeof namespace !== 'string' || namespace.length < 1 || namespace.length > 255) {
      problems.push(`${at}.Namespace must be a string of 1 to 255 characters`);
    }
    const dimensionSets = directive?.Dimensions;
    if (!Array.isArray(dimensionSets)) problems.push(`${at}.Dimensions must be an array of dimension sets`);
    for (const [s, set] of (Array.isArray(dimensionSets) ? dimensionSets : []).entries()) {
      if (!Array.isArray(set)) {
        problems.push(`${at}.Dimensions[${s}] must be an array of dimension names`);
        continue;
      }
      if (set.length > 30) problems.push(`${at}.Dimensions[${s}] has more than 30 dimensions`);
      for (const name of set) {
        const value = root[name as string];
        if (typeof name !== 'string') problems.push(`${at}.Dimensions[${s}] holds a name that is not a string`);
        else if (typeof value !== 'string' || value.length < 1 || value.length > 1024) {
          problems.push(`dimension ${name} must be a root member holding a string of 1 to 1024 characters`);
        }
      }
    }
    const metrics = directive?.Metrics;
    if (!Array.isArray(metrics) || metrics.length === 0) {
      problems.push(`${at}.Metrics must be a non-empty array of metric definitions`);
      continue;
    }
    if (metrics.length > 100) problems.push(`${at}.Metrics has more than 100 metrics`);
    const dimensionNames = new Set((Array.isArray(dimensionSets) ? dimensionSets : []).flat());
    for (const metric of metrics) {
      const name = metric?.Name;
      if (typeof name !== 'string' || name.length < 1 || name.length > 1024) {
        problems.push(`${at}.Metrics holds a Name that is not a string of 1 to 1024 characters`);
        continue;
      }
      if (dimensionNames.has(name)) problems.push(`${name} is both a metric and a dimension`);
      const value = root[name];
      const numbers = Array.isArray(value) ? value : [value];
      if (numbers.length === 0 || numbers.length > 100 || !numbers.every((n) => Number.isFinite(n))) {
        problems.push(`metric ${name} must be a root member holding a number (or up to 100 numbers)`);
      }
      if (metric.Unit !== undefined && !UNITS.has(metric.Unit)) problems.push(`metric ${name} has unit ${metric.Unit}`);
      if (metric.StorageResolution !== undefined && ![1, 60].includes(metric.StorageResolution)) {
        problems.push(`metric ${name} has StorageResolution ${metric.StorageResolution} (1 or 60)`);
      }
    }
  }
  return problems;
}
