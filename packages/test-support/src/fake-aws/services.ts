import { FakeAwsEndpoint, type FakeAwsOptions } from './fake-aws-endpoint.js';
import { awsJson, ec2Query } from './wire-protocol.js';

/** FAKE EC2 (query protocol, XML answers): give each Describe call a handler returning EC2's shape as an object. */
export class FakeEc2 extends FakeAwsEndpoint {
  static start(options: FakeAwsOptions = {}): Promise<FakeEc2> {
    return new FakeEc2(ec2Query(), { ...options.handlers }).listen();
  }
}

/** FAKE AWS Transfer Family API (JSON 1.1, `TransferService.<Operation>`), e.g. TestIdentityProvider. */
export class FakeTransfer extends FakeAwsEndpoint {
  static start(options: FakeAwsOptions = {}): Promise<FakeTransfer> {
    return new FakeTransfer(awsJson('TransferService'), { ...options.handlers }).listen();
  }
}

/** FAKE Systems Manager (JSON 1.1, `AmazonSSM.<Operation>`), e.g. SendCommand and GetCommandInvocation. */
export class FakeSsm extends FakeAwsEndpoint {
  static start(options: FakeAwsOptions = {}): Promise<FakeSsm> {
    return new FakeSsm(awsJson('AmazonSSM'), { ...options.handlers }).listen();
  }
}

/** FAKE CloudWatch Logs (JSON 1.1, `Logs_20140328.<Operation>`), e.g. FilterLogEvents. */
export class FakeCloudWatchLogs extends FakeAwsEndpoint {
  static start(options: FakeAwsOptions = {}): Promise<FakeCloudWatchLogs> {
    return new FakeCloudWatchLogs(awsJson('Logs_20140328'), { ...options.handlers }).listen();
  }
}
