import { styleText } from 'node:util';

/** How a demo step talks to the reader: a heading per chapter, then plain lines. */
export interface Story {
  chapter(title: string): void;
  line(text: string): void;
  ok(text: string): void;
  bad(text: string): void;
}

/** A chapter of the demo: one package's part of the story. */
export interface Step {
  title: string;
  run(story: Story): Promise<void>;
}

export function consoleStory(out: NodeJS.WritableStream = process.stdout): Story {
  const tty = 'isTTY' in out && out.isTTY === true && !process.env.NO_COLOR;
  const colour = (format: Parameters<typeof styleText>[0], text: string) =>
    tty ? styleText(format, text, { validateStream: false }) : text;
  return {
    chapter: (title) => out.write(`\n${colour('bold', `== ${title}`)}\n`),
    line: (text) => out.write(`   ${text}\n`),
    ok: (text) => out.write(` ${colour('green', '✔')} ${text}\n`),
    bad: (text) => out.write(` ${colour('red', '✘')} ${text}\n`),
  };
}
