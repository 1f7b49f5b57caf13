/** The page `pnpm run docs` writes to docs/rules/<id>.md (reads the built catalog in dist/). */
export declare function renderRulePage(id: string): string;
