// The CDK validation plugin. Types only from aws-cdk-lib: this entry point adds no runtime dependency on it.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
  PolicyViolationBeta1,
} from 'aws-cdk-lib';
import { RULES, type Severity } from './catalog.js';
import { checkTopology, hasFindingsAtOrAbove, type NetworkFinding } from './check.js';
import { parseTemplate } from './loaders/cloudformation/parse-template.js';
import { stacksToTopology } from './loaders/cloudformation/stacks-to-topology.js';
import type { Profile } from './profiles.js';

export interface NetworkCheckPluginProps {
  /** Client networks that are not in the app (on-premises, other accounts). @default none */
  clientCidrs?: string[];
  /** Severity profile. @default 'closed' */
  profile?: Profile;
  /** Findings at or above this severity fail synthesis. @default 'error' */
  failOn?: Severity;
}

/**
 * Runs network-check over every stack of the app at synth time:
 * `Validations.of(app).addPlugins(new NetworkCheckPlugin({ clientCidrs: ['10.20.0.0/16'] }))`.
 */
export class NetworkCheckPlugin implements IPolicyValidationPluginBeta1 {
  readonly name = 'closed-ftp-network-check';
  readonly ruleIds = Object.keys(RULES);

  constructor(private readonly props: NetworkCheckPluginProps = {}) {}

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const stacks = context.templatePaths.map((file) => ({
      stackName: basename(file).replace(/\.template\.json$/, ''),
      idPrefix: `${basename(file).replace(/\.template\.json$/, '')}/`,
      template: parseTemplate(readFileSync(file, 'utf8'), file),
      file,
    }));
    const topology = stacksToTopology(stacks, { kind: 'cdk-out', location: 'synth' });
    const findings = checkTopology(topology, {
      clientCidrs: this.props.clientCidrs ?? [],
      profile: this.props.profile ?? 'closed',
    });
    return {
      success: !hasFindingsAtOrAbove(findings, this.props.failOn ?? 'error'),
      violations: violations(findings),
    };
  }
}

/** One violation per finding, so CDK prints each message under the construct it is about. */
function violations(findings: NetworkFinding[]): PolicyViolationBeta1[] {
  return findings.map((f) => ({
    ruleName: f.id,
    description: `${f.title}. ${f.message}`,
    fix: f.remediation,
    severity: f.severity,
    ruleMetadata: { docs: f.docs },
    violatingResources: [
      {
        resourceLogicalId: f.location?.logicalId ?? f.resource,
        templatePath: f.location?.file ?? '',
        locations: [f.location?.constructPath ?? f.resource],
      },
    ],
  }));
}
