import { readFile } from 'node:fs/promises';
import { VerifyInputError } from '../errors.js';

/** What `verify` needs from the deployed stack (`cdk deploy --outputs-file`). */
export interface DeployedArticle {
  clientInstanceId: string;
  endpointDnsName: string;
  userName: string;
  userSecretArn: string;
  probePath: string;
  /** The canary's `Canary` metric dimension and its log group, where verify reads its last run. */
  canaryName: string;
  canaryLogGroupName: string;
  region: string;
}

const KEYS = [
  'ClientInstanceId',
  'EndpointDnsName',
  'UserName',
  'UserSecretArn',
  'ProbePath',
  'CanaryName',
  'CanaryLogGroupName',
] as const;

/** Reads the stack's outputs from the file `npm run deploy` writes. */
export async function readDeployedArticle(file: string, stackName: string): Promise<DeployedArticle> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new VerifyInputError(file, 'cannot be read; run `npm run deploy` first (it writes this file)', {
      cause: error,
    });
  }
  return parseDeployedArticle(text, file, stackName);
}

export function parseDeployedArticle(text: string, file: string, stackName: string): DeployedArticle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new VerifyInputError(file, 'is not JSON; run `npm run deploy` again to rewrite it', { cause: error });
  }
  const outputs = (json as Record<string, Record<string, unknown> | undefined>)?.[stackName];
  if (typeof outputs !== 'object' || outputs === null) {
    throw new VerifyInputError(file, `has no outputs of stack ${stackName}; run \`npm run deploy\` first`);
  }
  for (const key of KEYS) {
    if (typeof outputs[key] !== 'string' || outputs[key] === '') {
      throw new VerifyInputError(`${file} ${stackName}.${key}`, 'is missing; redeploy with `npm run deploy`');
    }
  }
  const value = (key: (typeof KEYS)[number]) => outputs[key] as string;
  const region = value('UserSecretArn').split(':')[3];
  if (!region) throw new VerifyInputError(`${stackName}.UserSecretArn`, 'is not a secret ARN');
  return {
    clientInstanceId: value('ClientInstanceId'),
    endpointDnsName: value('EndpointDnsName'),
    userName: value('UserName'),
    userSecretArn: value('UserSecretArn'),
    probePath: value('ProbePath'),
    canaryName: value('CanaryName'),
    canaryLogGroupName: value('CanaryLogGroupName'),
    region,
  };
}
