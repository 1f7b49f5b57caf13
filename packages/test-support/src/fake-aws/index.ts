export {
  type FakeAwsCall,
  FakeAwsEndpoint,
  type FakeAwsOptions,
  type FakeHandler,
  type FakeHandlers,
} from './fake-aws-endpoint.js';
export { FakeSecretsManager, type StoredSecret } from './fake-secrets-manager.js';
export { FakeAwsError, type FakeFault, type FaultScope } from './faults.js';
export { paginate } from './paginate.js';
export { FakeCloudWatchLogs, FakeEc2, FakeSsm, FakeTransfer } from './services.js';
