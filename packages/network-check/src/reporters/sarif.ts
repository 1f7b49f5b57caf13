import { relative } from 'node:path';
import { PACKAGE_DOCS_URL, RULES, type RuleId, ruleDocsUrl, type Severity } from '../catalog.js';
import type { NetworkFinding } from '../check.js';
import { type Coverage, coverageGap } from '../coverage.js';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  toolVersion?: string;
  /** Artifact URIs are written relative to this folder (default: the current directory). */
  baseDirectory?: string;
  /** What was checked: a gap becomes a warning notification of the run. */
  coverage?: Coverage;
}

/** SARIF 2.1.0: one run, every rule described, each result located at its template logical id and construct path. */
export function formatSarif(findings: NetworkFinding[], options: SarifOptions = {}): string {
  const base = options.baseDirectory ?? process.cwd();
  const ids = Object.keys(RULES) as RuleId[];
  const gap = options.coverage && coverageGap(options.coverage);
  const invocation = {
    executionSuccessful: true,
    ...(gap ? { toolExecutionNotifications: [{ level: 'warning', message: { text: gap } }] } : {}),
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'network-check',
            informationUri: PACKAGE_DOCS_URL,
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: ids.map((id) => ({
              id,
              name: id.replace(/-/g, ''),
              shortDescription: { text: RULES[id].title },
              fullDescription: { text: RULES[id].summary },
              help: { text: RULES[id].remediation },
              helpUri: ruleDocsUrl(id),
              defaultConfiguration: { level: LEVELS[RULES[id].severity] },
            })),
          },
        },
        invocations: [invocation],
        ...(options.coverage ? { properties: { coverage: options.coverage } } : {}),
        results: findings.map((f) => ({
          ruleId: f.id,
          ruleIndex: ids.indexOf(f.id),
          level: LEVELS[f.severity],
          message: { text: `${f.message} Fix: ${f.remediation}` },
          locations: [
            {
              ...(f.location?.file
                ? {
                    physicalLocation: {
                      artifactLocation: { uri: relative(base, f.location.file).split('\\').join('/') },
                    },
                  }
                : {}),
              logicalLocations: [
                {
                  name: f.location?.logicalId ?? f.resource,
                  fullyQualifiedName: f.location?.constructPath ?? f.resource,
                  kind: 'resource',
                },
              ],
            },
          ],
          properties: { resource: f.resource, evidence: f.evidence },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
