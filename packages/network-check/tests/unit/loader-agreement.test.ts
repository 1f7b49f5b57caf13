// The CloudFormation loader and live mode normalize through one module: the same account, read from its template
// and from (the answers of) its Describe calls, gives the same model and the same findings.
import { describe, expect, it } from 'vitest';
import { checkTopology, describeResultsToTopology, loadTemplateText, type Topology } from '../../src/index.js';
import { ACCOUNT, minimalDescribeResults as describeResults } from '../fixtures/minimal-describe-results.js';
import { minimalTemplate, type Template } from '../fixtures/minimal-template.js';

function fromTemplate(withDataPorts: boolean): Topology {
  const template: Template = minimalTemplate();
  const sg = template.Resources.ServerSg!.Properties as { SecurityGroupIngress: unknown[] };
  if (!withDataPorts) sg.SecurityGroupIngress.splice(1, 1);
  sg.SecurityGroupIngress.push({ IpProtocol: 1, FromPort: -1, ToPort: -1, CidrIp: '10.1.0.0/16' });
  return loadTemplateText(JSON.stringify(template), 't.json', { region: 'eu-west-1', account: ACCOUNT });
}

/** The model without where each resource came from (which necessarily differs). */
const network = (t: Topology) => {
  const strip = <T extends { location?: unknown }>(items: T[]) =>
    items.map(({ location: _location, ...rest }) => rest).sort((a, b) => String(a).localeCompare(String(b)));
  const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
  return {
    vpcs: strip(byId(t.vpcs)),
    subnets: strip(byId(t.subnets)),
    routeTables: strip(byId(t.routeTables)),
    securityGroups: strip(byId(t.securityGroups)),
    networkAcls: strip(byId(t.networkAcls)),
    peeringConnections: strip(byId(t.peeringConnections)),
    vpcEndpoints: strip(byId(t.vpcEndpoints)),
  };
};

describe('loader agreement', () => {
  it('the template and the live answers give the same network model (ICMP, ports, default group ids, routes)', () => {
    const live = describeResultsToTopology(describeResults(true));
    const template = fromTemplate(true);
    expect(network(live)).toEqual(network(template));
    const icmp = live.securityGroups.find((g) => g.id === 'ServerSg')!.ingress.at(-1);
    expect(icmp).toEqual({ protocol: 'icmp', fromPort: 0, toPort: 65535, peer: { cidr: '10.1.0.0/16' } });
  });

  it('and the same findings, working and broken', () => {
    for (const withDataPorts of [true, false]) {
      const ids = (t: Topology) => checkTopology(t).map((f) => `${f.id} ${f.resource}`);
      expect(ids(describeResultsToTopology(describeResults(withDataPorts)))).toEqual(ids(fromTemplate(withDataPorts)));
    }
    expect(checkTopology(fromTemplate(false)).map((f) => f.id)).toEqual(['CFTP-NET-006']);
  });

  it('describeResultsToTopology is pure: the same answers, the same topology', () => {
    const answers = describeResults(true);
    expect(describeResultsToTopology(answers)).toEqual(describeResultsToTopology(structuredClone(answers)));
  });
});
