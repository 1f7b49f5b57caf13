// Replaces the default theme's composables/langs (see the alias in config.mts): the language switcher links to the
// same page in the other language when that page exists, else to that language's home. VitePress's own version
// always links to the same path, which does not exist for pages that have no translation.
import { useData } from 'vitepress';
import { computed } from 'vue';

export function useLangs({ correspondingLink = false }: { correspondingLink?: boolean } = {}) {
  const { site, localeIndex, page, theme, hash } = useData();
  const prefixOf = (key: string) => (key === 'root' ? '' : `${key}/`);
  const currentLang = computed(() => ({
    label: site.value.locales[localeIndex.value]?.label,
    link: site.value.locales[localeIndex.value]?.link || `/${prefixOf(localeIndex.value)}`,
  }));
  const localeLinks = computed(() => {
    const translated = new Set<string>((theme.value as { translatedPages?: string[] }).translatedPages ?? []);
    const path = page.value.relativePath.slice(prefixOf(localeIndex.value).length);
    return Object.entries(site.value.locales)
      .filter(([key]) => key !== localeIndex.value)
      .map(([key, locale]) => {
        // Every English page exists; a Japanese one only when it is listed as translated.
        const exists = correspondingLink && (key === 'root' || translated.has(path));
        const target = exists ? path.replace(/(^|\/)index\.md$/, '$1').replace(/\.md$/, '') : '';
        return { text: locale.label ?? key, link: `/${prefixOf(key)}${target}${exists ? hash.value : ''}` };
      });
  });
  return { localeLinks, currentLang };
}
