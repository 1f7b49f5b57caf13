// S3 buckets with their policies, and the user secrets' Role key (the IdP's answer).
import { isUnknown } from '../../../model.js';
import { arnFor } from '../intrinsics.js';
import { safeJson } from '../property-reader.js';
import type { Props, ResourceReader } from './resource-reader.js';

const bucket: ResourceReader = ({ type, id, props, location, stack }, { topology }) => {
  topology.buckets.push({
    id,
    location,
    name: typeof props.BucketName === 'string' ? props.BucketName : id,
    arn: arnFor(type, id, stack),
  });
};

const bucketPolicy: ResourceReader = ({ id, props, location, read }, parts) =>
  parts.later(() => {
    const name = read.ref(props.Bucket, 'Bucket');
    const policy = read.policy(props.PolicyDocument, 'PolicyDocument');
    if (policy === undefined || name === undefined || isUnknown(name)) return;
    const buckets = parts.topology.buckets;
    const found = buckets.find((b) => b.id === name || b.name === name);
    // A policy on a bucket made elsewhere still decides what the user role may do there.
    if (found) found.policy = policy;
    else buckets.push({ id, location, name, arn: `arn:aws:s3:::${name}`, policy });
  });

const secret: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const generate = (props.GenerateSecretString ?? {}) as Props;
  const text = props.SecretString ?? generate.SecretStringTemplate;
  if (isUnknown(text)) {
    read.str(text, 'SecretString');
    return;
  }
  const value = typeof text === 'string' ? safeJson(text) : undefined;
  const role = (value as Props | undefined)?.Role;
  if (typeof role === 'string') topology.secrets.push({ id, location, roleArn: role });
};

export const STORAGE_READERS: Record<string, ResourceReader> = {
  'AWS::S3::Bucket': bucket,
  'AWS::S3::BucketPolicy': bucketPolicy,
  'AWS::SecretsManager::Secret': secret,
};
