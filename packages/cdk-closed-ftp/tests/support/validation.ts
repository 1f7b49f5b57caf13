import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, type IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { testApp } from './apps.js';

export interface Violation {
  plugin: string;
  rule: string;
  description: string;
  constructs: string[];
}

interface ReportedViolation {
  ruleName: string;
  description: string;
  violatingConstructs?: Array<{ constructPath: string }>;
  violatingResources?: Array<{ resourceLogicalId: string }>;
}

/** An app whose synth runs the given validation plugins, writing into the test file's temp folder. */
export function appWithPlugins(makePlugins: (app: App) => IPolicyValidationPlugin[]): App {
  const app = testApp();
  Validations.of(app).addPlugins(...makePlugins(app));
  return app;
}

/** Synthesizes `app` and returns every violation its validation plugins reported (none if synth passed). */
export function synthViolations(app: App): Violation[] {
  try {
    app.synth();
    return [];
  } catch (error) {
    const report = join(app.outdir, 'validation-report.json');
    let json: { pluginReports: Array<{ pluginName: string; violations: ReportedViolation[] }> };
    try {
      json = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      throw error;
    }
    return json.pluginReports.flatMap((r) =>
      r.violations.map((v) => ({
        plugin: r.pluginName,
        rule: v.ruleName,
        description: v.description,
        constructs: [
          ...(v.violatingConstructs ?? []).map((c) => c.constructPath),
          ...(v.violatingResources ?? []).map((r) => r.resourceLogicalId),
        ],
      })),
    );
  }
}
