import { splitCidr } from '../../analysis/cidr.js';
import { isUnknown, type Unknown } from '../../model.js';
import { WorkBudget } from './work-budget.js';

/** `AWS::NoValue`: the property is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

type Json = unknown;

/** What the resolver needs to know about the stack a template belongs to. */
export interface StackContext {
  stackName: string;
  /** Prefix that makes logical ids unique across stacks (`Stack/`), empty for a single template. */
  idPrefix: string;
  region: string;
  account: string;
  resources: Record<string, { Type?: unknown; Properties?: unknown }>;
  parameters: Record<string, { Default?: unknown; Type?: unknown }>;
  conditions: Record<string, unknown>;
  mappings: Record<string, unknown>;
  /** Exports of every stack loaded together, for `Fn::ImportValue`. */
  importValue(name: string): Json;
  /** Shared by the stacks loaded together; default one per context. */
  budget?: WorkBudget;
}

const MAX_DEPTH = 64;

/** The ARN a resource's `Arn` attribute stands for, built from its id so that references match across resources. */
export function arnFor(type: string, id: string, context: Pick<StackContext, 'region' | 'account'>): string {
  const { region, account } = context;
  switch (type) {
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${region}:${account}:function:${id}`;
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${account}:role/${id}`;
    case 'AWS::Transfer::Server':
      return `arn:aws:transfer:${region}:${account}:server/${id}`;
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${id}`;
    default:
      return `arn:aws:cloudformation:${region}:${account}:resource/${id}`;
  }
}

function unknown(expression: string): Unknown {
  return { unknown: expression };
}

const PREVIEW = 120;

/** At most 120 characters of the value as JSON, without serializing all of a large value first. */
function describe(value: Json): string {
  let text = '';
  const write = (part: string) => {
    text += part;
    return text.length <= PREVIEW;
  };
  const walk = (item: Json): boolean => {
    if (Array.isArray(item))
      return write('[') && item.every((child, i) => (i === 0 || write(',')) && walk(child)) && write(']');
    if (typeof item === 'object' && item !== null) {
      return (
        write('{') &&
        Object.entries(item).every(
          ([key, child], i) => (i === 0 || write(',')) && write(`${JSON.stringify(key)}:`) && walk(child),
        ) &&
        write('}')
      );
    }
    return write(typeof item === 'string' ? JSON.stringify(item.slice(0, PREVIEW)) : String(item));
  };
  walk(value);
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW - 3)}...` : text;
}

/** What a context's references resolve to, computed once: a template may name one condition or parameter many times. */
interface Memo {
  budget: WorkBudget;
  conditions: Map<string, Json>;
  parameters: Map<string, Json>;
  attributes: Map<string, Json>;
}

const IN_PROGRESS = Symbol('in progress');
const memos = new WeakMap<StackContext, Memo>();

function memoOf(context: StackContext): Memo {
  let memo = memos.get(context);
  if (memo === undefined) {
    const budget = context.budget ?? new WorkBudget(context.stackName);
    memo = { budget, conditions: new Map(), parameters: new Map(), attributes: new Map() };
    memos.set(context, memo);
  }
  return memo;
}

/**
 * Resolves CloudFormation intrinsics in `value`. Whatever cannot be resolved becomes `{ unknown }` in place, so a
 * caller always gets a value; the only error is a `WorkBudgetError` for input that would take unbounded work.
 */
export function resolveIntrinsics(value: Json, context: StackContext): Json {
  return new Resolver(context).resolve(value, 0);
}

class Resolver {
  private readonly memo: Memo;

  constructor(private readonly context: StackContext) {
    this.memo = memoOf(context);
  }

  /** `compute()` once per key; a key met again while it is being computed is a reference cycle. */
  private once(cache: Map<string, Json>, key: string, compute: () => Json): Json {
    const known = cache.get(key);
    if (known === IN_PROGRESS) return unknown(`${key} refers to itself`);
    if (known !== undefined || cache.has(key)) return known;
    cache.set(key, IN_PROGRESS);
    const value = compute();
    cache.set(key, value);
    return value;
  }

  resolve(value: Json, depth: number): Json {
    this.memo.budget.spend(1);
    if (depth > MAX_DEPTH) return unknown('expression nested too deeply (or a reference cycle)');
    if (Array.isArray(value)) {
      return value.map((item) => this.resolve(item, depth + 1)).filter((item) => item !== NO_VALUE);
    }
    if (typeof value !== 'object' || value === null) return value;
    if (isUnknown(value)) return value;
    const keys = Object.keys(value);
    const record = value as Record<string, Json>;
    if (keys.length === 1) {
      const key = keys[0]!;
      const argument = record[key];
      if (key === 'Ref') return this.ref(argument, depth);
      if (key === 'Condition' && typeof argument === 'string') return this.condition(argument, depth);
      if (key.startsWith('Fn::')) return this.function(key, argument, depth);
    }
    const result: Record<string, Json> = {};
    for (const key of keys) {
      const resolved = this.resolve(record[key], depth + 1);
      if (resolved !== NO_VALUE) result[key] = resolved;
    }
    return result;
  }

  private ref(name: Json, depth: number): Json {
    if (typeof name !== 'string') return unknown(`Ref ${describe(name)}`);
    const { context } = this;
    switch (name) {
      case 'AWS::Region':
        return context.region;
      case 'AWS::AccountId':
        return context.account;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return context.stackName;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${context.region}:${context.account}:stack/${context.stackName}`;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
    }
    const parameter = Object.hasOwn(context.parameters, name) ? context.parameters[name] : undefined;
    if (parameter !== undefined) {
      return this.once(this.memo.parameters, name, () => this.parameter(name, parameter, depth));
    }
    const resource = Object.hasOwn(context.resources, name) ? context.resources[name] : undefined;
    if (resource === undefined) return unknown(`Ref ${name} (no such parameter or resource)`);
    const id = context.idPrefix + name;
    // Ref of a Transfer server returns its ARN; of most other resources, their id or name.
    return resource.Type === 'AWS::Transfer::Server' ? arnFor('AWS::Transfer::Server', id, context) : id;
  }

  private parameter(name: string, parameter: { Default?: unknown; Type?: unknown }, depth: number): Json {
    if (parameter.Default === undefined) return unknown(`Ref ${name} (parameter without a default)`);
    const type = typeof parameter.Type === 'string' ? parameter.Type : '';
    if (type.startsWith('AWS::SSM::Parameter::Value')) return unknown(`Ref ${name} (SSM parameter)`);
    if (type.startsWith('List<') || type === 'CommaDelimitedList') {
      return typeof parameter.Default === 'string' ? parameter.Default.split(',').map((s) => s.trim()) : unknown(name);
    }
    return this.resolve(parameter.Default, depth + 1);
  }

  private getAtt(argument: Json, depth: number): Json {
    let target: Json;
    let attribute: Json;
    if (typeof argument === 'string') {
      const dot = argument.indexOf('.');
      target = argument.slice(0, dot);
      attribute = argument.slice(dot + 1);
    } else if (Array.isArray(argument)) {
      target = argument[0];
      attribute = this.resolve(argument[1], depth + 1);
    }
    if (typeof target !== 'string' || typeof attribute !== 'string') return unknown(`Fn::GetAtt ${describe(argument)}`);
    const name = target;
    const key = attribute;
    return this.once(this.memo.attributes, `${name}.${key}`, () => this.attribute(name, key, depth));
  }

  private attribute(target: string, attribute: string, depth: number): Json {
    const resource = Object.hasOwn(this.context.resources, target) ? this.context.resources[target] : undefined;
    if (resource === undefined) return unknown(`Fn::GetAtt ${target}.${attribute} (no such resource)`);
    const type = String(resource.Type);
    const id = this.context.idPrefix + target;
    const properties = (resource.Properties ?? {}) as Record<string, Json>;
    if (attribute === 'Arn') return arnFor(type, id, this.context);
    switch (`${type}.${attribute}`) {
      case 'AWS::EC2::VPC.CidrBlock':
        return this.resolve(properties.CidrBlock, depth + 1);
      case 'AWS::EC2::VPC.DefaultSecurityGroup':
        return `${id}.DefaultSecurityGroup`;
      case 'AWS::EC2::VPC.DefaultNetworkAcl':
        return `${id}.DefaultNetworkAcl`;
      case 'AWS::EC2::VPC.VpcId':
      case 'AWS::EC2::Subnet.SubnetId':
      case 'AWS::EC2::SecurityGroup.GroupId':
      case 'AWS::EC2::VPCEndpoint.Id':
      case 'AWS::Transfer::Server.ServerId':
      case 'AWS::EC2::VPCPeeringConnection.Id':
      case 'AWS::EC2::TransitGateway.Id':
      case 'AWS::EC2::TransitGatewayAttachment.Id':
      case 'AWS::EC2::TransitGatewayVpcAttachment.Id':
      case 'AWS::EC2::TransitGatewayRouteTable.TransitGatewayRouteTableId':
      case 'AWS::EC2::TransitGatewayPeeringAttachment.TransitGatewayAttachmentId':
      case 'AWS::EC2::VPNConnection.VpnConnectionId':
      case 'AWS::EC2::VPNGateway.VPNGatewayId':
        return id;
      case 'AWS::EC2::Subnet.CidrBlock':
        return this.resolve(properties.CidrBlock, depth + 1);
      case 'AWS::EC2::Subnet.VpcId':
      case 'AWS::EC2::SecurityGroup.VpcId':
        return this.resolve(properties.VpcId, depth + 1);
    }
    return `${id}.${attribute}`;
  }

  private condition(name: string, depth: number): Json {
    const definition = Object.hasOwn(this.context.conditions, name) ? this.context.conditions[name] : undefined;
    if (definition === undefined) return unknown(`Condition ${name} (not defined)`);
    return this.once(this.memo.conditions, name, () => this.resolve(definition, depth + 1));
  }

  private function(name: string, argument: Json, depth: number): Json {
    const resolve = (value: Json) => this.resolve(value, depth + 1);
    const args = Array.isArray(argument) ? argument : undefined;
    switch (name) {
      case 'Fn::GetAtt':
        return this.getAtt(argument, depth);
      case 'Fn::Sub':
        return this.sub(argument, depth);
      case 'Fn::Join': {
        const delimiter = resolve(args?.[0]);
        const items = resolve(args?.[1]);
        if (typeof delimiter !== 'string' || !Array.isArray(items)) return unknown(`Fn::Join ${describe(argument)}`);
        if (items.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
          return unknown(`Fn::Join ${describe(argument)}`);
        }
        this.memo.budget.spendText(
          items.reduce((sum: number, item) => sum + String(item).length + delimiter.length, 0),
        );
        return items.join(delimiter);
      }
      case 'Fn::Select': {
        const index = Number(resolve(args?.[0]));
        const items = resolve(args?.[1]);
        if (!Array.isArray(items) || !Number.isInteger(index) || index < 0 || index >= items.length) {
          return unknown(`Fn::Select ${describe(argument)}`);
        }
        return items[index];
      }
      case 'Fn::Split': {
        const delimiter = resolve(args?.[0]);
        const text = resolve(args?.[1]);
        if (typeof delimiter !== 'string' || delimiter === '' || typeof text !== 'string') {
          return unknown(`Fn::Split ${describe(argument)}`);
        }
        return text.split(delimiter);
      }
      case 'Fn::If': {
        const test = typeof args?.[0] === 'string' ? this.condition(args[0], depth) : undefined;
        if (typeof test !== 'boolean') return unknown(`Fn::If ${describe(argument)}`);
        return resolve(test ? args?.[1] : args?.[2]);
      }
      case 'Fn::Equals': {
        const left = resolve(args?.[0]);
        const right = resolve(args?.[1]);
        if (isUnknown(left) || isUnknown(right)) return unknown(`Fn::Equals ${describe(argument)}`);
        return JSON.stringify(left) === JSON.stringify(right);
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = (args ?? []).map(resolve);
        if (values.some((v) => typeof v !== 'boolean')) return unknown(`${name} ${describe(argument)}`);
        return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
      }
      case 'Fn::Not': {
        const value = resolve(args?.[0]);
        return typeof value === 'boolean' ? !value : unknown(`Fn::Not ${describe(argument)}`);
      }
      case 'Fn::GetAZs': {
        const region = resolve(argument);
        const name = typeof region === 'string' && region !== '' ? region : this.context.region;
        return ['a', 'b', 'c'].map((zone) => `${name}${zone}`);
      }
      case 'Fn::Cidr': {
        const block = resolve(args?.[0]);
        const count = Number(resolve(args?.[1]));
        const bits = Number(resolve(args?.[2]));
        const cidrs = typeof block === 'string' ? splitCidr(block, count, bits) : undefined;
        return cidrs ?? unknown(`Fn::Cidr ${describe(argument)}`);
      }
      case 'Fn::ImportValue': {
        const exportName = resolve(argument);
        if (typeof exportName !== 'string') return unknown(`Fn::ImportValue ${describe(argument)}`);
        return this.context.importValue(exportName);
      }
      case 'Fn::FindInMap': {
        const [map, top, second] = (args ?? []).map(resolve);
        const found = (this.context.mappings as Record<string, Record<string, Record<string, Json>>>)[String(map)]?.[
          String(top)
        ]?.[String(second)];
        return found === undefined ? unknown(`Fn::FindInMap ${describe(argument)}`) : resolve(found);
      }
      case 'Fn::Base64':
        return resolve(argument);
      case 'Fn::Length': {
        const items = resolve(argument);
        return Array.isArray(items) ? items.length : unknown(`Fn::Length ${describe(argument)}`);
      }
      case 'Fn::ToJsonString': {
        const inner = resolve(argument);
        return containsUnknown(inner) ? unknown(`Fn::ToJsonString ${describe(argument)}`) : JSON.stringify(inner);
      }
    }
    return unknown(`${name} (not supported)`);
  }

  private sub(argument: Json, depth: number): Json {
    const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof template !== 'string') return unknown(`Fn::Sub ${describe(argument)}`);
    const locals = (typeof variables === 'object' && variables !== null ? variables : {}) as Record<string, Json>;
    let failed: string | undefined;
    const text = template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const value =
        name in locals
          ? this.resolve(locals[name], depth + 1)
          : name.includes('.') && !name.startsWith('AWS::')
            ? this.getAtt(name, depth)
            : this.ref(name, depth);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        const text = String(value);
        this.memo.budget.spendText(text.length);
        return text;
      }
      failed ??= whole;
      return whole;
    });
    return failed === undefined ? text : unknown(`Fn::Sub ${describe(template)} (${failed} unresolved)`);
  }
}

export function containsUnknown(value: Json): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}
