// Synth time of a closed-VPC FTP server stack against an empty CDK app, in the same process (ratio = cost of ours).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { bench, describe } from 'vitest';
import { ClosedFtpServer, ClosedVpc } from '../src/index.js';

function synth(build: (app: App) => void): void {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-closed-ftp-bench-'));
  const app = new App({ outdir });
  build(app);
  app.synth();
  rmSync(outdir, { recursive: true, force: true });
}

const options = { iterations: 20, warmupIterations: 3, time: 0 };

describe('synth', () => {
  bench(
    'empty app',
    () => {
      synth(() => {});
    },
    options,
  );

  bench(
    'ClosedVpc + ClosedFtpServer + 2 users',
    () => {
      synth((app) => {
        const stack = new Stack(app, 'Ftp');
        const server = new ClosedFtpServer(stack, 'Server', {
          vpc: new ClosedVpc(stack, 'Vpc'),
          allowFrom: [ec2.Peer.ipv4('10.1.0.0/16')],
        });
        server.addUser('user1');
        server.addUser('user2');
      });
    },
    options,
  );
});
