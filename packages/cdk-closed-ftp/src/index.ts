export {
  type ClientNetwork,
  ClientNetworks,
  type ClientNetworksProps,
  type TransitGatewayVpcAttachment,
} from './client-networks.js';
export {
  type CanaryAlarms,
  type ClosedFtpAlarmThresholds,
  ClosedFtpMonitoring,
  type ClosedFtpMonitoringProps,
  DEFAULT_ALARM_THRESHOLDS,
  type MonitoringThreshold,
} from './closed-ftp-monitoring.js';
export { ClosedFtpServer, type ClosedFtpServerProps, DEFAULT_SECRET_NAME_TEMPLATE } from './closed-ftp-server.js';
export {
  type ClosedFtpServerAttributes,
  ClosedFtpServerBase,
  CONTROL_PORT,
  type IClosedFtpServer,
  PASSIVE_PORTS,
} from './closed-ftp-server-base.js';
export { ClosedVpc, type ClosedVpcProps, type TransitGatewayAttachmentOptions } from './closed-vpc.js';
export { EndpointAddresses, type EndpointAddressesProps } from './endpoint-addresses.js';
export { ClosedFtpError, type ClosedFtpErrorOptions, InvalidPropError } from './errors.js';
export { CANARY_STEPS, type CanaryStep, FTP_CANARY_TAG, FtpCanary, type FtpCanaryProps } from './ftp-canary.js';
export { FtpUser, type FtpUserOptions, type FtpUserProps, type LogicalDirectory, PasswordSource } from './ftp-user.js';
export { IdentityProviderFunction, type IdentityProviderFunctionProps } from './identity-provider-function.js';
export { DRIFT_CHECK_ACTIONS, NetworkDriftCheck, type NetworkDriftCheckProps } from './network-drift-check.js';
export { type FtpProtocol, StorageDomain, TlsSessionResumptionMode } from './protocols.js';
export {
  activityFilterPattern,
  LOG_ACTIVITY_METRICS,
  LOG_METRICS_NAMESPACE,
  type LogActivityType,
  ServerLogMetrics,
  type ServerLogMetricsProps,
} from './server-log-metrics.js';
export { StorageBucket, type StorageBucketProps } from './storage-bucket.js';
export { VpcPeering, type VpcPeeringProps } from './vpc-peering.js';
