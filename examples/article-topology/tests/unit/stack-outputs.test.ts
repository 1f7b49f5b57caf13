import { describe, expect, it } from 'vitest';
import { VerifyInputError } from '../../src/errors.js';
import { STACK_NAME } from '../../src/index.js';
import { parseDeployedArticle } from '../../src/verify/stack-outputs.js';

const outputs = {
  ClientInstanceId: 'i-0123456789abcdef0',
  EndpointDnsName: 'vpce-0abc-1234.vpce-svc-0def.eu-west-1.vpce.amazonaws.com',
  UserName: 'user1',
  UserSecretArn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/s-0123456789abcdef0/user1-AbCdEf',
  ProbePath: '/opt/closed-ftp/ftp-probe.mjs',
  CanaryName: 'ClosedFtpArticle/Canary',
  CanaryLogGroupName: 'ClosedFtpArticle-CanaryLogs0123-AbCdEf',
};

describe('the deployed stack outputs verify reads', () => {
  it('reads what verify needs, taking the Region from the secret ARN', () => {
    expect(parseDeployedArticle(JSON.stringify({ [STACK_NAME]: outputs }), 'cdk-outputs.json', STACK_NAME)).toEqual({
      clientInstanceId: outputs.ClientInstanceId,
      endpointDnsName: outputs.EndpointDnsName,
      userName: 'user1',
      userSecretArn: outputs.UserSecretArn,
      probePath: outputs.ProbePath,
      canaryName: outputs.CanaryName,
      canaryLogGroupName: outputs.CanaryLogGroupName,
      region: 'eu-west-1',
    });
  });

  it('names the missing or malformed input and what to run', () => {
    const parse = (text: string) => () => parseDeployedArticle(text, 'cdk-outputs.json', STACK_NAME);
    expect(parse('{')).toThrow(VerifyInputError);
    expect(parse('{}')).toThrow(/no outputs of stack ClosedFtpArticle; run `npm run deploy`/);
    const { ClientInstanceId: _, ...partial } = outputs;
    expect(parse(JSON.stringify({ [STACK_NAME]: partial }))).toThrow(/ClosedFtpArticle\.ClientInstanceId: is missing/);
    // A stack deployed before the canary: redeploy to get its outputs.
    const { CanaryLogGroupName: __, ...beforeCanary } = outputs;
    expect(parse(JSON.stringify({ [STACK_NAME]: beforeCanary }))).toThrow(
      /ClosedFtpArticle\.CanaryLogGroupName: is missing; redeploy/,
    );
  });
});
