// Synth time of a closed-VPC FTP server stack against an empty CDK app, in the same process (ratio = cost of ours).
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDir } from '@closed-ftp/test-support';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { afterAll, bench, describe } from 'vitest';
import { ClosedFtpServer, ClosedVpc } from '../src/index.js';

// Every synth writes into a fresh folder inside this one, removed at the end.
const assemblies = await createTempDir('cdk-closed-ftp-bench');
afterAll(() => assemblies.remove());

function synth(build: (app: App) => void): void {
  const app = new App({ outdir: mkdtempSync(join(assemblies.path, 'cdk.out-')) });
  build(app);
  app.synth();
}

const options = { iterations: 20, warmupIterations: 3, time: 0 };

describe('synth', () => {
  bench('empty app', () => synth(() => {}), options);

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
