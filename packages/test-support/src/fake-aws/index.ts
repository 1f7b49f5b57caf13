export {
  type FakeAwsCall,
  FakeAwsEndpoint,
  type FakeAwsOptions,
  type FakeHandler,
  type FakeHandlers,
} from './fake-aws-endpoint.js';
export {
  EC2_LISTS,
  type Ec2ListOperation,
  FakeEc2,
  type FakeEc2Account,
  type FakeEc2Options,
  type FakeTransitGatewayRouteTableContents,
  queryFilters,
} from './fake-ec2.js';
export { FakeSecretsManager, type StoredSecret } from './fake-secrets-manager.js';
export { FakeAwsError, type FakeFault, type FaultScope } from './faults.js';
export { paginate } from './paginate.js';
export { FakeCloudWatchLogs, FakeSsm, FakeTransfer } from './services.js';
