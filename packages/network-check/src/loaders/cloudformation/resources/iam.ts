// IAM roles (the user roles Transfer assumes) and the policies attached to them.
import { arnFor } from '../intrinsics.js';
import type { Props, ResourceReader } from './resource-reader.js';

const role: ResourceReader = ({ type, id, props, location, stack, read }, { topology }) => {
  const inline = Array.isArray(props.Policies) ? props.Policies : [];
  const managed = Array.isArray(props.ManagedPolicyArns) ? props.ManagedPolicyArns : [];
  const trust = read.policy(props.AssumeRolePolicyDocument, 'AssumeRolePolicyDocument');
  topology.roles.push({
    id,
    location,
    arn: arnFor(type, id, stack),
    name: typeof props.RoleName === 'string' ? props.RoleName : id,
    ...(trust === undefined ? {} : { trustPolicy: trust }),
    policies: [
      ...inline.flatMap((p, i) => read.policy((p as Props)?.PolicyDocument, `Policies[${i}]`) ?? []),
      // A managed policy's statements are not in the template.
      ...managed.map((arn) => ({ unknown: `managed policy ${JSON.stringify(arn)}` })),
    ],
  });
};

const policy: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const document = read.policy(props.PolicyDocument, 'PolicyDocument');
    const roles = Array.isArray(props.Roles) ? props.Roles : [];
    for (const name of roles) {
      const found = parts.topology.roles.find((r) => r.id === name || r.name === name);
      if (found && document !== undefined) found.policies.push(document);
    }
  });

export const IAM_READERS: Record<string, ResourceReader> = {
  'AWS::IAM::Role': role,
  'AWS::IAM::Policy': policy,
  'AWS::IAM::ManagedPolicy': policy,
};
