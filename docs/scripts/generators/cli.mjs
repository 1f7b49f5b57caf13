// The command-line reference: each bin's real `--help` and `--version`, run from the built package.
import { documentedBins, generatedNotice, runBin } from './workspace.mjs';

export async function generateCli() {
  const bins = documentedBins();
  const sections = await Promise.all(
    bins.map(async ({ bin, pkg, path }) => {
      const help = await runBin(path, ['--help']);
      if (help.code !== 0) throw new Error(`${bin} --help exited ${help.code}; build ${pkg.name} first`);
      const text = (help.stdout || help.stderr).trimEnd();
      return `## ${bin}

From [${pkg.name}](../packages/${pkg.folder}) (\`npx ${pkg.name}\` or, once installed, \`${bin}\`).
\`${bin} --help\` prints:

\`\`\`text
${text}
\`\`\`
`;
    }),
  );
  const list = bins.map(({ bin }) => `[\`${bin}\`](#${bin})`).join(', ');
  return new Map([
    [
      'reference/cli.md',
      `${generatedNotice("each bin's --help output")}
# Command lines

Every command line of closed-ftp, as its own \`--help\` describes it: ${list}. All of them follow one
convention: \`-h\`/\`--help\`, \`--version\`, no arguments prints the usage on standard error and exits 2,
\`NO_COLOR\` is respected, and every error is one line naming the fix.

${sections.join('\n')}`,
    ],
  ]);
}
