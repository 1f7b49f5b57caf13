import type { LambdaPermission, Maybe, SourceLocation, Topology } from '../../../model.js';
import type { StackContext } from '../intrinsics.js';
import type { PropertyReader } from '../property-reader.js';

export type Props = Record<string, unknown>;

/** One resource of a template, its intrinsics resolved. */
export interface ResourceInput {
  type: string;
  /** Logical id, prefixed with `Stack/` when several stacks load together. */
  id: string;
  props: Props;
  location: SourceLocation;
  stack: StackContext;
  read: PropertyReader;
}

/** What a resource reader adds to, shared by every resource of the input. */
export interface TopologyParts {
  topology: Topology;
  /** Runs after every resource is added: for resources that refer to others, defined anywhere in the input. */
  later(step: () => void): void;
  /** A model resource by id (indexed on first use; use it in `later` steps, when the lists are complete). */
  find<T extends { id: string }>(list: T[], id: Maybe<string> | undefined): T | undefined;
  /** The CloudFormation type of a resource id of the input. */
  typeOf(id: string): string | undefined;
  /** A Lambda permission, attached to its function once every function is known. */
  permission(functionName: Maybe<string>, permission: LambdaPermission): void;
}

/** Reads one CloudFormation resource type into the model. */
export type ResourceReader = (resource: ResourceInput, parts: TopologyParts) => void;
