import { isUnknown, type VpcEndpoint } from '../model.js';

/** Interface endpoints in `vpcId` for the AWS service `service` (e.g. `sts`, `secretsmanager`). */
export function interfaceEndpoints(endpoints: VpcEndpoint[], vpcId: string, service: string): VpcEndpoint[] {
  return endpoints.filter(
    (e) =>
      e.vpcId === vpcId &&
      e.type === 'Interface' &&
      !isUnknown(e.serviceName) &&
      (e.serviceName.endsWith(`.${service}`) || e.serviceName.endsWith(`.${service}-fips`)),
  );
}

/** Whether an endpoint in the VPC has a service name the loader could not resolve (it might be the one). */
export function hasUnknownEndpoint(endpoints: VpcEndpoint[], vpcId: string): boolean {
  return endpoints.some((e) => e.vpcId === vpcId && isUnknown(e.serviceName));
}
