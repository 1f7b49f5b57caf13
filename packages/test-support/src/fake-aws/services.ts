import { FakeAwsEndpoint, type FakeAwsOptions } from './fake-aws-endpoint.js';
import { awsJson } from './wire-protocol.js';

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
