// The changelog: released versions from each package's CHANGELOG.md, pending ones from .changeset/*.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentedPackages, generatedNotice, REPO_DIR, rewriteLinks } from './workspace.mjs';

const BUMPS = ['patch', 'minor', 'major'];

/** `{ file, releases: { name: bump }, summary }` for each pending changeset. */
export function pendingChangesets() {
  const folder = join(REPO_DIR, '.changeset');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()
    .map((file) => {
      const text = readFileSync(join(folder, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (match === null) throw new Error(`.changeset/${file} has no front matter`);
      const releases = Object.fromEntries(
        match[1]
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => {
            const [, name, bump] = /^\s*["']?([^"':]+)["']?\s*:\s*(\w+)\s*$/.exec(line) ?? [];
            if (!BUMPS.includes(bump)) throw new Error(`.changeset/${file}: cannot read "${line}"`);
            return [name, bump];
          }),
      );
      return { file, releases, summary: match[2].trim() };
    });
}

/** The version a package gets when its pending changesets are released (semver bump of its current one). */
export function nextVersion(current, bumps) {
  if (bumps.length === 0) return current;
  const level = Math.max(...bumps.map((bump) => BUMPS.indexOf(bump)));
  const [major, minor, patch] = current.split('.').map(Number);
  // Below 1.0.0 changesets bumps as asked: a minor of 0.0.0 is 0.1.0, a major is 1.0.0.
  if (level === 2) return `${major + 1}.0.0`;
  if (level === 1) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** For each documented package: its current version, pending bumps and the version they lead to. */
export function releasePlan() {
  const pending = pendingChangesets();
  return documentedPackages().map((pkg) => {
    const changes = pending.filter((changeset) => pkg.name in changeset.releases);
    const bumps = changes.map((changeset) => changeset.releases[pkg.name]);
    return { pkg, current: pkg.manifest.version, next: nextVersion(pkg.manifest.version, bumps), changes };
  });
}

export async function generateChangelog() {
  const sections = releasePlan().map(({ pkg, current, next, changes }) => {
    const pending =
      changes.length === 0
        ? 'No pending changes.'
        : `### ${next} (pending)\n\n${changes
            .map(
              ({ file, releases, summary }) =>
                `- **${releases[pkg.name]}** (\`.changeset/${file}\`): ${summary.replace(/\n/g, ' ')}`,
            )
            .join('\n')}`;
    const file = join(pkg.dir, 'CHANGELOG.md');
    const released = existsSync(file)
      ? rewriteLinks(
          readFileSync(file, 'utf8')
            .replace(/^# .*\n/, '')
            .replace(/^(#{2,5}) /gm, '#$1 ')
            .trim(),
          pkg,
        )
      : `No release yet (current version ${current}).`;
    return `## ${pkg.name}\n\n[Package page](./packages/${pkg.folder}).\n\n${pending}\n\n${released}\n`;
  });
  return new Map([
    [
      'changelog.md',
      `${generatedNotice(".changeset/*.md and the packages' CHANGELOG.md")}
# Changelog

What changed in each package. Pending entries are the changesets waiting in \`.changeset/\`: the version shown is
the one \`changeset version\` will give them. Released versions come from each package's \`CHANGELOG.md\`.

${sections.join('\n')}`,
    ],
  ]);
}
