import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge, LAMBDA_BASIC_EXECUTION } from './acknowledgements.js';

export interface EndpointAddressesProps {
  /** The Transfer server id. */
  readonly serverId: string;
  /** The Transfer server ARN (scopes `transfer:DescribeServer`). */
  readonly serverArn: string;
  /** How many subnets the endpoint spans: one network interface, so one IP, per subnet. */
  readonly subnetCount: number;
}

/**
 * Reads the VPC endpoint that Transfer creates for a VPC server, which CloudFormation does not return: its id, its
 * regional DNS name and its private IPs (Transfer -> VPC endpoint -> network interfaces, one read-only call each).
 */
export class EndpointAddresses extends Construct {
  /** The id of the server's VPC endpoint (`vpce-...`). */
  readonly vpcEndpointId: string;
  /** The endpoint's regional DNS name (`vpce-....vpce-svc-....<region>.vpce.amazonaws.com`). */
  readonly dnsName: string;
  /** The endpoint's private IPs, one per subnet. */
  readonly privateIps: string[];

  constructor(scope: Construct, id: string, props: EndpointAddressesProps) {
    super(scope, id);
    const server = this.describe('Server', {
      service: 'Transfer',
      action: 'describeServer',
      parameters: { ServerId: props.serverId },
      outputPaths: ['Server.EndpointDetails.VpcEndpointId'],
      statement: new iam.PolicyStatement({ actions: ['transfer:DescribeServer'], resources: [props.serverArn] }),
    });
    this.vpcEndpointId = server.getResponseField('Server.EndpointDetails.VpcEndpointId');

    const eniPaths = range(props.subnetCount).map((i) => `VpcEndpoints.0.NetworkInterfaceIds.${i}`);
    const endpoint = this.describe('VpcEndpoint', {
      service: 'EC2',
      action: 'describeVpcEndpoints',
      parameters: { VpcEndpointIds: [this.vpcEndpointId] },
      outputPaths: ['VpcEndpoints.0.DnsEntries.0.DnsName', ...eniPaths],
      // EC2 Describe* actions support no resource-level permissions.
      statement: new iam.PolicyStatement({ actions: ['ec2:DescribeVpcEndpoints'], resources: ['*'] }),
    });
    this.dnsName = endpoint.getResponseField('VpcEndpoints.0.DnsEntries.0.DnsName');

    const interfaces = this.describe('NetworkInterfaces', {
      service: 'EC2',
      action: 'describeNetworkInterfaces',
      parameters: { NetworkInterfaceIds: eniPaths.map((path) => endpoint.getResponseField(path)) },
      outputPaths: range(props.subnetCount).map((i) => `NetworkInterfaces.${i}.PrivateIpAddress`),
      statement: new iam.PolicyStatement({ actions: ['ec2:DescribeNetworkInterfaces'], resources: ['*'] }),
    });
    this.privateIps = range(props.subnetCount).map((i) =>
      interfaces.getResponseField(`NetworkInterfaces.${i}.PrivateIpAddress`),
    );
    this.acknowledgeProviderFindings();
  }

  private describe(
    id: string,
    call: {
      service: string;
      action: string;
      parameters: object;
      outputPaths: string[];
      statement: iam.PolicyStatement;
    },
  ): cr.AwsCustomResource {
    const sdkCall: cr.AwsSdkCall = {
      service: call.service,
      action: call.action,
      parameters: call.parameters,
      outputPaths: call.outputPaths,
      physicalResourceId: cr.PhysicalResourceId.of(`closed-ftp-${id}`),
    };
    return new cr.AwsCustomResource(this, id, {
      onCreate: sdkCall,
      onUpdate: sdkCall,
      policy: cr.AwsCustomResourcePolicy.fromStatements([call.statement]),
      installLatestAwsSdk: false,
    });
  }

  // The provider function is a stack-wide singleton owned by aws-cdk-lib; these findings are about its defaults.
  private acknowledgeProviderFindings(): void {
    acknowledge(this, 'AwsSolutions-IAM5[Resource::*]', 'EC2 Describe* actions support no resource-level permissions.');
    const provider = Stack.of(this).node.tryFindChild(PROVIDER_ID);
    if (!provider) return;
    acknowledge(
      provider,
      LAMBDA_BASIC_EXECUTION,
      'AwsCustomResource logs with the Lambda default; its calls are scoped.',
    );
    acknowledge(
      provider,
      'AwsSolutions-L1',
      "AwsCustomResource's runtime is chosen by aws-cdk-lib, not by this construct.",
    );
  }
}

/** The construct id aws-cdk-lib gives the stack-wide AwsCustomResource provider function. */
const PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
