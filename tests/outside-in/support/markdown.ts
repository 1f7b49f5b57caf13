/** A fenced code block of a README. */
export interface CodeBlock {
  /** The info string's first word: `ts`, `sh`... */
  lang: string;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
  /** Marked with `<!-- outside-in: quick-start -->` on the line (or lines, blank ones skipped) before it. */
  marked: boolean;
}

export const QUICK_START_MARK = '<!-- outside-in: quick-start -->';
const LIBRARY_LANGS = new Set(['ts', 'typescript']);
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);
const INSTALL_LINE = /^\s*npm (install|i)\s/;

/** Every fenced block (``` or ~~~), in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]!.match(/^(\s*)(`{3,}|~{3,})\s*([\w-]*)/);
    if (!open) continue;
    const fence = open[2]!;
    let previous = i - 1;
    while (previous >= 0 && lines[previous]!.trim() === '') previous--;
    const marked = previous >= 0 && lines[previous]!.trim() === QUICK_START_MARK;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(fence)) body.push(lines[j++]!);
    blocks.push({ lang: open[3]!.toLowerCase(), code: `${body.join('\n')}\n`, line: i + 1, marked });
    i = j;
  }
  return blocks;
}

/** The lines of a shell block that are commands (comments and blank lines dropped, `\` continuations joined). */
export function commandLines(code: string): string[] {
  return code
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** A block that only installs packages: the suite installs what it names (ours from the packed tarballs). */
export function isInstallBlock(block: CodeBlock): boolean {
  const lines = commandLines(block.code);
  return SHELL_LANGS.has(block.lang) && lines.length > 0 && lines.every((line) => INSTALL_LINE.test(line));
}

/** The package names an install block names (flags dropped). */
export function installedNames(block: CodeBlock): string[] {
  return commandLines(block.code).flatMap((line) =>
    line
      .replace(INSTALL_LINE, '')
      .split(/\s+/)
      .filter((word) => word !== '' && !word.startsWith('-')),
  );
}

export interface QuickStarts {
  /** The library quick start: the marked TypeScript block, else the first one. */
  library?: CodeBlock;
  /** The CLI quick start: the marked shell block, else the first shell block that is not an install block. */
  cli?: CodeBlock;
  /** Every install block. */
  installs: CodeBlock[];
}

/** The README's quick starts, by the convention in CONTRIBUTING.md ("README examples"). */
export function quickStarts(markdown: string): QuickStarts {
  const blocks = codeBlocks(markdown);
  const ts = blocks.filter((block) => LIBRARY_LANGS.has(block.lang));
  const sh = blocks.filter((block) => SHELL_LANGS.has(block.lang) && !isInstallBlock(block));
  const library = ts.find((block) => block.marked) ?? ts[0];
  const cli = sh.find((block) => block.marked) ?? sh[0];
  return {
    ...(library ? { library } : {}),
    ...(cli ? { cli } : {}),
    installs: blocks.filter(isInstallBlock),
  };
}
