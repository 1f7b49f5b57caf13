import {
  emptyTopology,
  isUnknown,
  type LambdaPermission,
  type Maybe,
  type SourceLocation,
  type Topology,
} from '../../model.js';
import { resolveIntrinsics, type StackContext } from './intrinsics.js';
import type { CloudFormationTemplate } from './parse-template.js';
import { PropertyReader } from './property-reader.js';
import { RESOURCE_READERS } from './resources/index.js';
import type { Props, TopologyParts } from './resources/resource-reader.js';
import { WorkBudget } from './work-budget.js';

/** One stack to load: a template plus where it came from. */
export interface StackInput {
  stackName: string;
  template: CloudFormationTemplate;
  file: string;
  /** Makes logical ids unique when several stacks are loaded together (`Stack/`). */
  idPrefix?: string;
  region?: string;
  account?: string;
  /** Values for parameters, overriding their defaults. */
  parameters?: Record<string, string>;
  /** Logical id -> CDK construct path, where the template's own `aws:cdk:path` metadata is missing. */
  constructPaths?: Record<string, string>;
}

/** Builds one topology from the stacks of a template file or a cdk.out folder, resolving cross-stack imports. */
export function stacksToTopology(stacks: StackInput[], source: Topology['source']): Topology {
  const builder = new TopologyBuilder(source);
  const contexts = stacks.map((stack) => builder.context(stack));
  for (const [index, stack] of stacks.entries()) builder.addStack(stack, contexts[index]!);
  return builder.finish();
}

class TopologyBuilder implements TopologyParts {
  readonly topology: Topology;
  private readonly typeById = new Map<string, string>();
  private readonly pending: (() => void)[] = [];
  private readonly permissions: { functionName: Maybe<string>; permission: LambdaPermission }[] = [];
  private readonly importing = new Set<string>();
  private readonly templates = new Map<StackContext, CloudFormationTemplate>();
  private readonly indexes = new Map<unknown[], Map<string, unknown>>();
  private readonly budget: WorkBudget;

  constructor(source: Topology['source']) {
    this.topology = emptyTopology(source);
    this.budget = new WorkBudget(source.location);
  }

  context(stack: StackInput): StackContext {
    const parameters = { ...(stack.template.Parameters ?? {}) };
    for (const [name, value] of Object.entries(stack.parameters ?? {})) {
      parameters[name] = { ...parameters[name], Default: value };
    }
    const context: StackContext = {
      stackName: stack.stackName,
      idPrefix: stack.idPrefix ?? '',
      region: stack.region ?? '<region>',
      account: stack.account ?? '<account>',
      resources: stack.template.Resources,
      parameters,
      conditions: stack.template.Conditions ?? {},
      mappings: stack.template.Mappings ?? {},
      importValue: (name) => this.importValue(name),
      budget: this.budget,
    };
    this.templates.set(context, stack.template);
    return context;
  }

  /** Export name -> where its value is, built on the first import: one pass over the outputs, not one per import. */
  private exports: Map<string, { context: StackContext; value: unknown }> | undefined;
  private readonly imported = new Map<string, unknown>();

  private importValue(name: string): unknown {
    if (this.importing.has(name)) return { unknown: `Fn::ImportValue ${name} (cycle)` };
    if (this.imported.has(name)) return this.imported.get(name);
    this.importing.add(name);
    try {
      const found = this.exportTable().get(name);
      const value = found
        ? resolveIntrinsics(found.value, found.context)
        : { unknown: `Fn::ImportValue ${name} (no stack in this input exports it)` };
      this.imported.set(name, value);
      return value;
    } finally {
      this.importing.delete(name);
    }
  }

  private exportTable(): Map<string, { context: StackContext; value: unknown }> {
    if (this.exports === undefined) {
      this.exports = new Map();
      for (const [context, template] of this.templates) {
        for (const output of Object.values(template.Outputs ?? {})) {
          if (typeof output !== 'object' || output === null || output.Export === undefined) continue;
          const exportName = resolveIntrinsics(output.Export.Name, context);
          if (typeof exportName === 'string' && !this.exports.has(exportName)) {
            this.exports.set(exportName, { context, value: output.Value });
          }
        }
      }
    }
    return this.exports;
  }

  addStack(stack: StackInput, context: StackContext): void {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      const id = context.idPrefix + logicalId;
      this.typeById.set(id, String(resource.Type));
    }
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      if (typeof resource.Condition === 'string') {
        const enabled = resolveIntrinsics({ Condition: resource.Condition }, context);
        if (enabled === false) continue;
      }
      const metadata = resource.Metadata as Record<string, unknown> | undefined;
      const location: SourceLocation = { file: stack.file, stack: stack.stackName, logicalId };
      const constructPath = metadata?.['aws:cdk:path'] ?? stack.constructPaths?.[logicalId];
      if (typeof constructPath === 'string') location.constructPath = constructPath;
      const id = context.idPrefix + logicalId;
      const resolved = resolveIntrinsics(resource.Properties ?? {}, context);
      const props = (
        typeof resolved === 'object' && resolved !== null && !isUnknown(resolved) ? resolved : {}
      ) as Props;
      const type = String(resource.Type);
      const read = new PropertyReader(this.topology.unresolved, id, location);
      RESOURCE_READERS[type]?.({ type, id, props, location, stack: context, read }, this);
    }
  }

  later(step: () => void): void {
    this.pending.push(step);
  }

  typeOf(id: string): string | undefined {
    return this.typeById.get(id);
  }

  permission(functionName: Maybe<string>, permission: LambdaPermission): void {
    this.permissions.push({ functionName, permission });
  }

  /** By id, indexed on first use: pending steps run after every resource is added, so the lists are complete. */
  find<T extends { id: string }>(list: T[], id: Maybe<string> | undefined): T | undefined {
    if (typeof id !== 'string') return undefined;
    let index = this.indexes.get(list);
    if (index === undefined) {
      index = new Map(list.map((item) => [item.id, item]));
      this.indexes.set(list, index);
    }
    return index.get(id) as T | undefined;
  }

  finish(): Topology {
    for (const step of this.pending) step();
    const t = this.topology;
    for (const { functionName, permission } of this.permissions) {
      const fn = t.lambdaFunctions.find(
        (f) =>
          functionName === f.id ||
          functionName === f.arn ||
          functionName === f.name ||
          (typeof functionName === 'string' && functionName.startsWith(`${f.arn}:`)),
      );
      fn?.permissions.push(permission);
    }
    for (const table of t.routeTables) {
      const vpc = this.find(t.vpcs, table.vpcId);
      const local = (vpc?.cidrBlocks ?? []).map((destination) => ({
        destination,
        target: { kind: 'local' as const, id: 'local' },
        state: 'active' as const,
      }));
      table.routes.unshift(...local);
      if (
        vpc &&
        table.routes.some((r) => !isUnknown(r.target) && ['internet-gateway', 'nat-gateway'].includes(r.target.kind))
      ) {
        vpc.hasInternetPath = true;
      }
    }
    return t;
  }
}
