import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '@closed-ftp/network-check/catalog';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { mermaidFence } from './mermaid-fence.mjs';
import { BASE_PATH, REPOSITORY_URL, SITE_URL } from './site.mjs';

const DOCS = join(import.meta.dirname, '..');

function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036F]/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this line removes.
      .replace(/[\u0000-\u001f]/g, '')
      .replace(/[\s~`!@#$%^&*()\-+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^(\d)/, '_$1')
      .toLowerCase()
  );
}

/** The published packages, in the order a reader meets them. */
const PACKAGES = [
  'cdk-closed-ftp',
  'network-check',
  'ftp-probe',
  'idp-core',
  'idp-lambda',
  'transfer-emulator',
  'rule-catalog',
];

/** Pages under `folder` (without `.md`), sorted: what a generated section of the sidebar lists. */
function pagesIn(folder: string): string[] {
  const path = join(DOCS, folder);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((name) => name.endsWith('.md') && name !== 'index.md')
    .map((name) => name.slice(0, -3))
    .sort();
}

/** Japanese pages, as paths relative to the locale root: the language switcher links to these, else to the home. */
const JAPANESE_PAGES = ['index.md', 'get-started/index.md', 'troubleshooting.md'];

const englishSidebar: DefaultTheme.Sidebar = [
  {
    text: 'Get started',
    link: '/get-started/',
    items: [
      { text: 'CDK integrator', link: '/get-started/cdk' },
      { text: 'Identity provider only', link: '/get-started/idp' },
      { text: 'Operator: probe and check', link: '/get-started/operator' },
      { text: 'Rehearse locally', link: '/get-started/rehearse' },
    ],
  },
  {
    text: 'Guides',
    link: '/guides/',
    collapsed: false,
    items: [
      { text: 'Deploy and verify the article topology', link: '/guides/article-topology' },
      { text: 'On-premises and hub-and-spoke', link: '/guides/on-premises-and-hub-and-spoke' },
      { text: 'Migrate from the official template', link: '/guides/migrate-from-official-template' },
      { text: 'Manage users and rotate passwords', link: '/guides/users-and-passwords' },
      { text: 'FTPS and TLS session resumption', link: '/guides/ftps' },
      { text: 'network-check in CI', link: '/guides/network-check-in-ci' },
      { text: 'Rehearse failures locally', link: '/guides/rehearse-failures' },
    ],
  },
  { text: 'Troubleshooting by symptom', link: '/troubleshooting' },
  { text: 'Diagrams', link: '/diagrams' },
  {
    text: 'Packages',
    collapsed: false,
    items: PACKAGES.map((name) => ({ text: name, link: `/packages/${name}` })),
  },
  {
    text: 'Reference',
    link: '/reference/',
    collapsed: false,
    items: [
      { text: 'Command lines', link: '/reference/cli' },
      { text: 'API', link: '/reference/api/' },
      { text: 'Secret format', link: '/reference/secret-format' },
      { text: 'IdP environment variables', link: '/reference/idp-environment' },
      { text: 'Emulator: options, faults, replies', link: '/reference/emulator' },
      { text: 'Probe causes', link: '/reference/probe-causes' },
      {
        text: 'Rules',
        link: '/rules/',
        collapsed: true,
        items: pagesIn('rules').map((id) => ({
          text: `${id} ${RULES[id as keyof typeof RULES]?.title ?? ''}`.trim(),
          link: `/rules/${id}`,
        })),
      },
    ],
  },
  { text: 'Changelog', link: '/changelog' },
];

const japaneseSidebar: DefaultTheme.Sidebar = [
  { text: 'ホーム', link: '/ja/' },
  { text: 'はじめに', link: '/ja/get-started/' },
  { text: '症状から探すトラブルシューティング', link: '/ja/troubleshooting' },
  { text: 'English documentation', link: '/' },
];

export default defineConfig({
  base: BASE_PATH,
  title: 'closed-ftp',
  description:
    'AWS Transfer Family FTP/FTPS in fully closed VPCs: build it, check it, authenticate, prove it, rehearse it.',
  cleanUrls: true,
  lastUpdated: false,
  outDir: './dist',
  srcExclude: ['README.md', 'tests/**', 'scripts/**', 'dist/**', 'node_modules/**', '.generated/**'],
  // Links are checked by tests/unit/links.test.ts over the built site, anchors included.
  ignoreDeadLinks: false,
  sitemap: { hostname: SITE_URL },
  head: [
    ['meta', { name: 'theme-color', content: '#3c8772' }],
    // The site's own icon: without one, browsers ask the host's root for /favicon.ico, outside the site.
    ['link', { rel: 'icon', type: 'image/svg+xml', href: `${BASE_PATH}favicon.svg` }],
  ],
  markdown: {
    // VitePress's slugify, except that `_` is kept: the API pages link to `#docs_base_url` (typedoc-plugin-markdown).
    anchor: { slugify },
    config: (md) => {
      md.use(mermaidFence);
    },
  },
  locales: {
    root: { label: 'English', lang: 'en' },
    ja: {
      label: '日本語',
      lang: 'ja',
      description: 'AWS Transfer Family の FTP/FTPS を完全閉域の VPC で使うための道具と解説。',
      themeConfig: {
        nav: [
          { text: 'はじめに', link: '/ja/get-started/' },
          { text: 'トラブルシューティング', link: '/ja/troubleshooting' },
          { text: 'English', link: '/' },
        ],
        sidebar: { '/ja/': japaneseSidebar },
        outline: { label: 'このページの内容', level: [2, 3] },
        docFooter: { prev: '前のページ', next: '次のページ' },
        langMenuLabel: '言語',
        returnToTopLabel: 'ページの先頭へ',
        sidebarMenuLabel: 'メニュー',
        darkModeSwitchLabel: '表示モード',
      },
    },
  },
  themeConfig: {
    nav: [
      { text: 'Get started', link: '/get-started/' },
      { text: 'Guides', link: '/guides/' },
      { text: 'Troubleshooting', link: '/troubleshooting' },
      { text: 'Reference', link: '/reference/' },
      { text: 'Changelog', link: '/changelog' },
    ],
    sidebar: { '/': englishSidebar, '/ja/': japaneseSidebar },
    outline: { level: [2, 3] },
    socialLinks: [{ icon: 'github', link: REPOSITORY_URL }],
    search: {
      provider: 'local',
      options: {
        // The API reference is left out of search: its pages are long lists of signatures that would outrank the
        // page a reader wants (searching CFTP-NET-006 must find the rule) and would triple the index.
        // Fuzzy matching only for longer words: "006" must not match every other rule number.
        miniSearch: { searchOptions: { fuzzy: 0.1, prefix: true, boost: { title: 6, text: 2, titles: 1 } } },
        _render(source, env, md) {
          return env.relativePath.startsWith('reference/api/') ? '' : md.render(source, env);
        },
        locales: {
          ja: {
            translations: {
              button: { buttonText: '検索', buttonAriaLabel: '検索' },
              modal: {
                noResultsText: '見つかりませんでした',
                resetButtonTitle: 'リセット',
                footer: { selectText: '選択', navigateText: '移動', closeText: '閉じる' },
              },
            },
          },
        },
      },
    },
    // Read by the language switcher (theme/langs.ts).
    translatedPages: JAPANESE_PAGES,
  } as DefaultTheme.Config & { translatedPages: string[] },
  vite: {
    resolve: {
      alias: [{ find: /^.*\/composables\/langs(\.js)?$/, replacement: join(import.meta.dirname, 'theme', 'langs.ts') }],
    },
  },
});
