// Honest coverage: a report says what it checked, and a stack without any client network is never "clean".
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { Validations } from 'aws-cdk-lib';
import { describe, expect, it, vi } from 'vitest';
import { NetworkCheckPlugin } from '../../src/cdk.js';
import {
  checkTopology,
  describeCoverage,
  formatJson,
  formatMarkdown,
  formatSarif,
  formatText,
  loadTemplateText,
} from '../../src/index.js';
import { ARTICLE_CLIENT_VPC_CIDR, articleTopology } from '../../src/samples.js';
import { articleApp } from '../support/article-app.js';
import { cli } from '../support/cli.js';

// The quick-start shape: a server and its VPC, no client anywhere (no instance, nothing peered).
const NO_CLIENTS = { clientInstance: false, peering: false } as const;
const temp = useTempDir('network-check-coverage');
const load = (options = {}) => loadTemplateText(JSON.stringify(articleTopology(options)), 'article.json');

describe('coverage', () => {
  it('counts the servers and client networks checked', () => {
    expect(describeCoverage(load())).toEqual({
      servers: 1,
      clientNetworks: 1,
      declaredClientNetworks: 0,
      serversWithoutClients: [],
    });
    expect(describeCoverage(load({ clientInstance: false }))).toEqual({
      servers: 1,
      clientNetworks: 1, // the peered Client-VPC's subnet
      declaredClientNetworks: 0,
      serversWithoutClients: [],
    });
    expect(describeCoverage(load(NO_CLIENTS))).toEqual({
      servers: 1,
      clientNetworks: 0,
      declaredClientNetworks: 0,
      serversWithoutClients: ['Server'],
    });
    expect(describeCoverage(load(NO_CLIENTS), ['192.168.0.0/16', '10.9.0.0/16'])).toMatchObject({
      clientNetworks: 2,
      declaredClientNetworks: 2,
    });
  });

  it('every reporter says so first when no client network is known, and never "No findings: nothing blocks"', () => {
    const topology = load(NO_CLIENTS);
    const findings = checkTopology(topology);
    expect(findings).toEqual([]);
    const coverage = describeCoverage(topology);
    const text = formatText(findings, { coverage });
    expect(text.split('\n')[0]).toBe(
      'No client network found: pass --client-cidr or add the clients to the input. Only the servers’ own settings were checked, not the path from any client.',
    );
    expect(text).not.toContain('nothing in this configuration blocks');
    expect(text).toContain('Checked 1 FTP server and 0 client networks.');
    expect(JSON.parse(formatJson(findings, topology, coverage)).coverage).toMatchObject({
      servers: 1,
      clientNetworks: 0,
      gap: expect.stringMatching(/^No client network found/),
    });
    expect(formatMarkdown(findings, 'network-check', coverage)).toContain('> No client network found');
    const sarif = JSON.parse(formatSarif(findings, { coverage }));
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0]).toMatchObject({ level: 'warning' });
  });

  it('a complete check says how much it checked', () => {
    const topology = load();
    const text = formatText(checkTopology(topology), { coverage: describeCoverage(topology) });
    expect(text).toBe(
      'No findings: nothing in this configuration blocks FTP from the clients checked. Checked 1 FTP server and 1 client network.\n',
    );
  });

  it('CLI: exit 3 with the gap first; with the client network the stack admits, its real fault (no route back)', async () => {
    const dir = join(temp.path, 'cli');
    await mkdir(dir);
    articleApp(NO_CLIENTS, dir).synth();
    const alone = await cli(['cdk-out', join(dir, 'cdk.out')]);
    expect(alone.code).toBe(3);
    expect(alone.stdout).toMatch(/^No client network found: pass --client-cidr/);
    const admitted = await cli(['cdk-out', join(dir, 'cdk.out'), '--client-cidr', ARTICLE_CLIENT_VPC_CIDR]);
    expect(admitted.code).toBe(1);
    expect(admitted.stdout).toContain('ERROR CFTP-NET-012');
    expect(admitted.stdout).toContain(
      'Checked 1 FTP server and 1 client network. Declared client networks are checked up to the AWS edge; their on-premises side is outside AWS.',
    );
  }, 60_000);

  it('CDK plugin: an unchecked path is a warning violation, failing synth under failOn warning', async () => {
    const quiet = join(temp.path, 'plugin-error');
    await mkdir(quiet);
    const lenient = articleApp(NO_CLIENTS, quiet);
    Validations.of(lenient).addPlugins(new NetworkCheckPlugin({ failOn: 'error' }));
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(() => lenient.synth()).not.toThrow();
      expect(printed.mock.calls.flat().join('\n')).toContain('WARNING No client network found: pass clientCidrs');
    } finally {
      printed.mockRestore();
    }
    const strict = join(temp.path, 'plugin-warning');
    await mkdir(strict);
    const app = articleApp(NO_CLIENTS, strict);
    Validations.of(app).addPlugins(new NetworkCheckPlugin({ failOn: 'warning' }));
    expect(() => app.synth()).toThrow(/No client network found: pass clientCidrs/);
  }, 60_000);
});
