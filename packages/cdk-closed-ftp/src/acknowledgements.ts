import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

// Every rule this package acknowledges, with the reason written once. Ids are cdk-nag v3 finding ids.

/** cdk-nag's IAM5 finding id for a wildcard resource, rendered as cdk-nag renders intrinsic functions. */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(resource))}]`;
}

export const LAMBDA_BASIC_EXECUTION =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
export const LAMBDA_VPC_ACCESS =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]';

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

// The same rendering as cdk-nag's flattenCfnReference: Ref -> <Id>, GetAtt -> <Id.Attr>, Join joined.
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const value = node as Record<string, unknown>;
    if (value['Fn::Join']) {
      const [delimiter, items] = value['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (value['Fn::Sub']) return flatten(value['Fn::Sub']);
    if (value['Fn::GetAtt']) {
      const [resource, attribute] = value['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (value['Fn::ImportValue']) return flatten(value['Fn::ImportValue']);
    if (value.Ref) return `<${flatten(value.Ref)}>`;
  }
  return JSON.stringify(node);
}
