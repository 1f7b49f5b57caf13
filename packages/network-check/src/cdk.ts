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
import { checkTopology, declaredClients, hasFindingsAtOrAbove, type NetworkFinding } from './check.js';
import type { ClientNetwork } from './clients.js';
import { coverageGap, describeCoverage } from './coverage.js';
import { parseTemplate } from './loaders/cloudformation/parse-template.js';
import { stacksToTopology } from './loaders/cloudformation/stacks-to-topology.js';
import type { Topology } from './model.js';
import { atLeast, type Profile } from './profiles.js';

export interface NetworkCheckPluginProps {
  /**
   * Client networks that are not in the app (on-premises, other accounts): `10.20.0.0/16`, or with where they
   * enter AWS, `192.168.0.0/16@<TGW attachment, VPN connection or VPN gateway, by logical id>`. @default none
   */
  clientCidrs?: string[];
  /** The same as objects: `{ cidr: '192.168.0.0/16', via: 'OnPremisesVpn' }`. @default none */
  clients?: ClientNetwork[];
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
    const clients = declaredClients(this.props);
    const findings = checkTopology(topology, { clients, profile: this.props.profile ?? 'closed' });
    const failOn = this.props.failOn ?? 'error';
    const gap = coverageViolation(topology, clients);
    return {
      // An unchecked path is a warning: it fails synthesis under failOn 'warning' or 'info'.
      success: !hasFindingsAtOrAbove(findings, failOn) && !(gap && atLeast('warning', failOn)),
      violations: [...(gap ? [gap] : []), ...violations(findings)],
    };
  }
}

/** The servers no client network is known for, as one warning: their network path was not checked. */
function coverageViolation(topology: Topology, clients: ClientNetwork[]): PolicyViolationBeta1 | undefined {
  const coverage = describeCoverage(topology, clients);
  const gap = coverageGap(coverage);
  if (gap === undefined) return undefined;
  const servers = topology.transferServers.filter((s) => coverage.serversWithoutClients.includes(s.id));
  return {
    ruleName: 'network-check-coverage',
    description: gap.replace('--client-cidr', 'clientCidrs'),
    fix: 'Pass the client networks to NetworkCheckPlugin ({ clientCidrs: [...] }) or add the client VPC or instances to the app.',
    severity: 'warning',
    violatingResources: servers.map((s) => ({
      resourceLogicalId: s.location?.logicalId ?? s.id,
      templatePath: s.location?.file ?? '',
      locations: [s.location?.constructPath ?? s.id],
    })),
  };
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
