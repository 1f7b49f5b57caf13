// The local demo: every package's part of the story, in the order a team meets them. No AWS account needed.
import { consoleStory, type Step } from './story.js';

const steps: Step[] = [
  // demo steps, in story order
];

const story = consoleStory();
for (const step of steps) {
  story.chapter(step.title);
  await step.run(story);
}
story.chapter('Done: every step above ran locally, without AWS.');
