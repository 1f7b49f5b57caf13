// ```mermaid fences become <MermaidDiagram>, which loads mermaid only on the pages that have a diagram.
/** @param {import('markdown-it').default} md */
export function mermaidFence(md) {
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index];
    if (token.info.trim() !== 'mermaid') return fence(tokens, index, options, env, self);
    const source = encodeURIComponent(token.content);
    // The source also stays in the page as text, so search indexes it and it reads without JavaScript.
    return `<MermaidDiagram source="${source}"><pre class="mermaid-source">${md.utils.escapeHtml(token.content)}</pre></MermaidDiagram>\n`;
  };
}
