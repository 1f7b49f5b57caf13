import { WorkBudgetError } from '../../errors.js';

/** Steps any real template resolves in (the largest CDK apps need a few hundred thousand). */
export const MAX_RESOLVE_STEPS = 2_000_000;
/** Characters of text built by `Fn::Sub` and `Fn::Join` that count as one step. */
const CHARACTERS_PER_STEP = 16;

/**
 * Bounds the work of resolving intrinsics: with memoised references no real template comes near the limit, while
 * a tiny hostile one (references that double at every level) would otherwise run for hours or fill the memory.
 */
export class WorkBudget {
  private steps = 0;

  constructor(
    /** What is being resolved, for the error (a stack name or a file). */
    readonly what: string,
    readonly limit = MAX_RESOLVE_STEPS,
  ) {}

  spend(steps: number): void {
    this.steps += steps;
    if (this.steps > this.limit) {
      throw new WorkBudgetError(
        `${this.what} needs more than ${this.limit.toLocaleString('en-US')} steps to resolve its intrinsic functions (conditions, parameters, Fn::Sub or Fn::Join that refer to one another many times over); simplify the template, or check the live account instead.`,
      );
    }
  }

  /** Text about to be built: long strings cost in proportion to their length. */
  spendText(characters: number): void {
    this.spend(Math.ceil(characters / CHARACTERS_PER_STEP));
  }
}
