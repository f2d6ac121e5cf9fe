// A web page saved to disk → the article's text, one paragraph a line: scripts, navigation, headers, footers and share buttons dropped.
import { type HTMLElement, parse } from 'node-html-parser';

/**
 * The article of a saved page: its heading (or the page title) on the first line, then its paragraphs.
 * @example articleText('<title>x</title><nav>首页</nav><article><h1>询问</h1><p>张三委员问:…</p></article>')
 */
export function articleText(html: string): string {
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  for (const element of root.querySelectorAll(DROPPED_TAGS.join(','))) element.remove();
  for (const element of root.querySelectorAll('[class],[id]'))
    if (AROUND_THE_ARTICLE.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`))
      element.remove();
  const article = mainElement(root);
  const lines = linesOf(article);
  const heading = article.querySelector('h1') ? null : (root.querySelector('h1') ?? root.querySelector('title'));
  const title = heading ? clean(heading.text).split(/\s*[_|]\s*/)[0]! : '';
  return [title, ...lines].filter((line) => line !== '').join('\n');
}

/** The element holding the article: an <article>, a content block, else the body; the one with the most text wins. */
function mainElement(root: HTMLElement): HTMLElement {
  const candidates = [
    ...root.querySelectorAll('article'),
    ...root
      .querySelectorAll('[class],[id]')
      .filter((element) => ARTICLE.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)),
  ];
  const best = candidates.sort((a, b) => b.text.length - a.text.length)[0];
  return best ?? root.querySelector('body') ?? root;
}

/** The text of each block (paragraph, heading, list item, line break) on a line of its own. */
function linesOf(element: HTMLElement): string[] {
  return element.structuredText
    .split('\n')
    .map(clean)
    .filter((line) => line !== '');
}

function clean(text: string): string {
  return text
    .replace(/\u00A0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const DROPPED_TAGS = ['script', 'style', 'noscript', 'nav', 'header', 'footer', 'aside', 'form', 'iframe', 'button'];
// Class or id words of what sites put around an article; matched as whole words so 「content-header」 is not spared.
const AROUND_THE_ARTICLE =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumb|share|bdsharebuttonbox|social|footer|header|sidebar|toolbar|comment|comments|related|print|advert|ad)(?:$|[\s_-])/i;
const ARTICLE = /(?:^|[\s_-])(?:article|content|TRS_Editor|main|detail|text|zoom)(?:$|[\s_-])/i;
