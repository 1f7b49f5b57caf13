// The HTML report in a real browser (Debian's Chromium through test-support): the failing hop is drawn red and
// named with its finding, the page loads nothing from the network, and the console stays quiet.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useTempDir } from '@closed-ftp/test-support';
import { launchChromium } from '@closed-ftp/test-support/browser';
import { describe, expect, it } from 'vitest';
import { checkTopology, describeCoverage, formatHtml, loadTemplateText } from '../../src/index.js';
import { articleTopology } from '../../src/samples.js';
import { hubAndSpokeTemplate } from '../fixtures/hub-and-spoke-template.js';

const temp = useTempDir('network-check-html');

describe('--format html in Chromium', () => {
  it('draws the failing hop red with its rule, the others green, without console errors or requests', async () => {
    const template = articleTopology();
    const sg = template.Resources.ServerSg!.Properties as { SecurityGroupIngress: unknown[] };
    sg.SecurityGroupIngress = sg.SecurityGroupIngress.slice(0, 1); // data ports 8192-8200 missing
    const topology = loadTemplateText(JSON.stringify(template), 'article.json');
    const findings = checkTopology(topology);
    expect(findings.map((f) => f.id)).toEqual(['CFTP-NET-006']);
    const file = join(temp.path, 'report.html');
    await writeFile(file, formatHtml(findings, topology, describeCoverage(topology)));

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      const hops = await page.$$eval('section.path g.hop', (nodes) =>
        nodes.map((n) => ({
          hop: n.getAttribute('data-hop'),
          status: n.getAttribute('data-status'),
          rules: n.getAttribute('data-rules'),
          fill: n.querySelector('rect')?.getAttribute('fill'),
          visible: (n.querySelector('rect')?.getBoundingClientRect().width ?? 0) > 0,
        })),
      );
      const failing = hops.filter((h) => h.status === 'fail');
      expect(failing).toEqual([
        { hop: 'Endpoint security groups', status: 'fail', rules: 'CFTP-NET-006', fill: '#d93025', visible: true },
      ]);
      expect(hops.filter((h) => h.status === 'pass')).toHaveLength(7);
      const text = await page.textContent('section.path');
      expect(text).toContain('FtpClient (10.1.0.0/24) → Server and back');
      expect(text).toContain('fix: Add an ingress rule TCP 8192-8200 from 10.1.0.0/24');
      expect(await page.textContent('p.summary')).toContain('Checked 1 FTP server and 1 client network.');
      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('draws a transit gateway path with the hop its finding fails at red and named (an attachment missing the endpoint zone)', async () => {
    const template = hubAndSpokeTemplate();
    (template.Resources.FtpTgwSubnet!.Properties as { AvailabilityZone: string }).AvailabilityZone = 'eu-west-1b';
    const topology = loadTemplateText(JSON.stringify(template), 'hub-and-spoke.json');
    const findings = checkTopology(topology);
    expect(findings.map((f) => f.id)).toEqual(['CFTP-NET-034']);
    const file = join(temp.path, 'tgw-report.html');
    await writeFile(file, formatHtml(findings, topology, describeCoverage(topology)));

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(pathToFileURL(file).href);
      const failing = await page.$$eval('section.path g.hop[data-status="fail"]', (nodes) =>
        nodes.map((n) => ({
          hop: n.getAttribute('data-hop'),
          rules: n.getAttribute('data-rules'),
          fill: n.querySelector('rect')?.getAttribute('fill'),
          visible: (n.querySelector('rect')?.getBoundingClientRect().width ?? 0) > 0,
          label: n.querySelector('.label')?.textContent,
        })),
      );
      // Both ways meet the attachment without a subnet in the endpoint's zone: into the endpoint, and out of it.
      expect(failing).toEqual([
        {
          hop: 'TGW attachment FtpAttachment',
          rules: 'CFTP-NET-034',
          fill: '#d93025',
          visible: true,
          label: 'TGW attachment FtpAttachmentCFTP-NET-034',
        },
        {
          hop: 'TGW attachment FtpAttachment (back)',
          rules: 'CFTP-NET-034',
          fill: '#d93025',
          visible: true,
          label: 'TGW attachment FtpAttachment (back)CFTP-NET-034',
        },
      ]);
      const passing = await page.$$eval('section.path g.hop[data-status="pass"]', (nodes) =>
        nodes.map((n) => n.getAttribute('data-hop')),
      );
      expect(passing).toEqual(expect.arrayContaining(['Transit gateway Tgw', 'TGW attachment ClientAttachment']));
      const text = await page.textContent('section.path');
      expect(text).toContain('has no subnet in eu-west-1a, the zone of endpoint subnet FtpSubnet');
      expect(text).toContain('fix: Add a subnet in eu-west-1a of FtpVpc to SubnetIds of FtpAttachment');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
