// The local demo: every package's part of the story, in the order a team meets them. No AWS account needed.
import { step as cdkClosedFtp } from './steps/cdk-closed-ftp.js';
import { step as ftpProbe } from './steps/ftp-probe.js';
import { step as idp } from './steps/idp.js';
import { step as networkCheck } from './steps/network-check.js';
import { step as transferEmulator } from './steps/transfer-emulator.js';
import { consoleStory, type Step } from './story.js';

// Authenticate, rehearse the endpoint, prove it from a client, check the network, then build it right.
const steps: Step[] = [idp, transferEmulator, ftpProbe, networkCheck, cdkClosedFtp];

const story = consoleStory();
for (const step of steps) {
  story.chapter(step.title);
  await step.run(story);
}
story.chapter('Done: every step above ran locally, without AWS.');
