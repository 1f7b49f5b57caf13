export { addHubAndSpokeTopology, hubAndSpokeApp, STACK_NAME, VARIANTS } from './hub-and-spoke-app.js';
export {
  DEFAULT_CUSTOMER_GATEWAY_IP,
  FTP_USER,
  FTP_VPC_CIDR,
  HubAndSpokeStack,
  type HubAndSpokeStackProps,
  type HubAndSpokeVariant,
  ON_PREMISES_CIDR,
  SPOKE_VPC_CIDR,
} from './hub-and-spoke-stack.js';
