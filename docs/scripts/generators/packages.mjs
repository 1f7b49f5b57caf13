// The generated part of each package page: versions, how its errors are recognised (from its exports), and the
// package README's own "Errors" section. The hand-written page includes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryPoints } from './api.mjs';
import { releasePlan } from './changelog.mjs';
import { generatedNotice, rewriteLinks, section } from './workspace.mjs';

export const PARTS_DIR = '.generated';

/** The error classes a package exports, each with the exported class it extends (undefined for a base). */
async function errorClasses(pkg) {
  const exports = await import(pkg.name);
  const classes = Object.entries(exports).filter(
    ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
  );
  const exported = new Set(classes.map(([, value]) => value));
  return classes
    .map(([name, value]) => {
      const parent = Object.getPrototypeOf(value);
      return {
        name,
        value,
        parent: exported.has(parent) ? parent.name : undefined,
        marked: typeof value.isInstance === 'function',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function errorsSection(pkg, classes, readme) {
  const lines = [];
  if (classes.length === 0) {
    lines.push('This package exports no error classes: what it throws is an input error of another package, or a bug.');
  } else {
    const bases = classes.filter((entry) => entry.parent === undefined);
    const tree = (parent, depth) =>
      classes
        .filter((entry) => entry.parent === parent)
        .flatMap((entry) => [
          `${'  '.repeat(depth)}- \`${entry.name}\`${entry.marked ? '' : ' (no `isInstance`: use `instanceof`)'}`,
          ...tree(entry.name, depth + 1),
        ]);
    const marked = bases.filter((entry) => entry.marked);
    lines.push(
      marked.length > 0
        ? `Recognise an error of this package with ${marked.map((entry) => `\`${entry.name}.isInstance(e)\``).join(' or ')}, and a particular one with its own class's \`isInstance\`: unlike \`instanceof\`, it works across duplicated installs of the package.`
        : 'The error classes below carry no `isInstance` marker yet; recognise them with `instanceof`.',
      '',
      'Exported error classes, each under the class it extends:',
      '',
      ...bases.flatMap((entry) => [
        `- \`${entry.name}\`${entry.marked ? '' : ' (no `isInstance`: use `instanceof`)'}`,
        ...tree(entry.name, 1),
      ]),
    );
  }
  const details = readme === undefined ? undefined : section(readme, 'Errors');
  if (details !== undefined)
    lines.push('', '### From the package README', '', rewriteLinks(details, pkg).replace(/^### /gm, '#### '));
  return lines.join('\n');
}

export async function generatePackageParts() {
  const files = new Map();
  const entries = entryPoints();
  for (const { pkg, current, next, changes } of releasePlan()) {
    const readme = (() => {
      try {
        return readFileSync(join(pkg.dir, 'README.md'), 'utf8');
      } catch {
        return undefined;
      }
    })();
    const classes = await errorClasses(pkg);
    const modules = entries
      .filter((entry) => entry.pkg.name === pkg.name)
      .map((entry) => `[\`${entry.module}\`](../reference/api/${entry.module})`);
    const bins = Object.keys(pkg.manifest.bin ?? {}).map((bin) => `[\`${bin}\`](../reference/cli#${bin})`);
    const since =
      changes.length > 0
        ? `Everything on this page is new in **${next}**, its first release (pending: ${changes.map((change) => `\`.changeset/${change.file}\``).join(', ')}). Later additions are marked "since" where they appear, and listed in the [changelog](../changelog).`
        : `Current version **${current}**; what changed when is in the [changelog](../changelog).`;
    files.set(
      `${PARTS_DIR}/package-${pkg.folder}.md`,
      `${generatedNotice(`${pkg.name} (its exports, README and changesets)`)}
## Versions

\`npm install ${pkg.name}\`. ${since}

## Errors

${errorsSection(pkg, classes, readme)}

## Reference

API: ${modules.join(', ')}.${bins.length > 0 ? ` Command line: ${bins.join(', ')}.` : ''}
`,
    );
  }
  return files;
}
