// The page's script, bundled into the page (../page-bundle.ts): ranks the cards for what is typed, filters by the chips.
/**
 * It reads the JSON in #search-data (page-data.ts), ranks with page-search.ts and uses the `data-card`, `data-theme`,
 * `data-body` attributes the sections write. While a query is typed, the matching cards move, best first, into
 * #results at the top of the page, and back to their places when it is cleared, so links and print keep the
 * document's order. Bundled as ES2017 so old phone browsers run it.
 */
import type { SearchData } from './page-data.js';
import { createPageSearch } from './page-search.js';

/** A card on the page, with the comment that marks its place in the document. */
interface PageCard {
  el: HTMLElement;
  home: Comment;
  qa: boolean;
  theme: string | null;
  body: string | null;
  text: string;
}

type ChipGroup = 'theme' | 'body';

/** An element the page always has; its absence is a broken page, said by name. */
function required<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`quick reference: the page has no #${id}`);
  return el as T;
}

/** Question and answer only, without the 问 label: the text the bot compares query words with. */
function cardText(el: HTMLElement): string {
  return Array.from(el.querySelectorAll('.question, .answer p'), (node) =>
    Array.from(node.childNodes)
      .filter((child) => child.nodeType === Node.TEXT_NODE)
      .map((child) => child.textContent)
      .join(''),
  ).join('\n');
}

function start(): void {
  document.documentElement.classList.add('js');
  const data = JSON.parse(required('search-data').textContent ?? '') as SearchData;

  const cards: PageCard[] = data.cards.map((id) => {
    const el = required(id);
    const home = document.createComment(id);
    el.parentNode!.insertBefore(home, el);
    return {
      el,
      home,
      qa: el.classList.contains('qa-card'),
      theme: el.getAttribute('data-theme'),
      body: el.getAttribute('data-body'),
      text: cardText(el),
    };
  });
  const search = createPageSearch(data, cards);
  const literal = cards.map((c) => search.fold(c.el.textContent || '').replace(/\s+/g, ''));
  const results = required('results');
  const groups = document.querySelectorAll<HTMLElement>('[data-card-group]');
  const input = required<HTMLInputElement>('search');
  const status = required('status');
  const empty = required('empty');
  const printNote = required('print-note');
  const totalQa = cards.filter((c) => c.qa).length;
  const chosen: Record<ChipGroup, string> = { theme: '', body: '' };

  // The bot's ranking first; a query it finds nothing for (a word typed halfway, a phrase not in its words) still
  // shows the cards that contain it as typed.
  function matches(query: string): { cards: number[]; ranked: boolean } {
    const ranked = search.rank(query).map((hit) => hit.card);
    if (ranked.length) return { cards: ranked, ranked: true };
    const terms = search.fold(query).split(/\s+/).filter(Boolean);
    const found: number[] = [];
    literal.forEach((text, i) => {
      if (terms.length && terms.every((t) => text.includes(t))) found.push(i);
    });
    return { cards: found, ranked: false };
  }

  function apply(): void {
    const query = input.value.trim();
    const inChips = (c: PageCard) =>
      (!chosen.theme || c.theme === chosen.theme) && (!chosen.body || c.body === chosen.body);
    let shown: PageCard[] = [];
    let found: { cards: number[]; ranked: boolean } | null = null;
    for (const c of cards) c.home.parentNode!.insertBefore(c.el, c.home.nextSibling);
    if (query) {
      found = matches(query);
      for (const i of found.cards) if (inChips(cards[i]!)) shown.push(cards[i]!);
      for (const c of shown) results.appendChild(c.el);
    } else {
      shown = cards.filter(inChips);
    }
    for (const c of cards) c.el.hidden = !shown.includes(c);
    results.hidden = !query;
    for (const g of Array.from(groups)) g.hidden = Boolean(query) || !g.querySelector('[data-card]:not([hidden])');
    const shownQa = shown.filter((c) => c.qa).length;
    const shownOther = shown.length - shownQa;
    const filtered = Boolean(query || chosen.theme || chosen.body);
    document.body.classList.toggle('filtering', filtered);
    status.textContent = filtered
      ? `显示 ${shownQa} / ${totalQa} 条问答${shownOther ? '及总体回应' : ''}${found?.ranked && shown.length > 1 ? '，最相关的在前' : ''}`
      : `共 ${totalQa} 条问答及总体回应`;
    empty.hidden = shown.length > 0;
    printNote.hidden = !filtered;
    printNote.textContent = filtered ? `本打印件只含筛选结果：${describe()}` : '';
  }

  function describe(): string {
    const parts: string[] = [];
    if (input.value.trim()) parts.push(`搜索「${input.value.trim()}」`);
    if (chosen.theme) parts.push(`主题 ${chipLabel('theme', chosen.theme)}`);
    if (chosen.body) parts.push(`答复单位 ${chosen.body}`);
    return parts.join('，');
  }

  function chipLabel(group: ChipGroup, value: string): string {
    const chip = document.querySelector(`.chip[data-group="${group}"][data-value="${value}"]`);
    return chip ? chip.textContent || '' : value;
  }

  function choose(group: ChipGroup, value: string): void {
    chosen[group] = value;
    for (const chip of Array.from(document.querySelectorAll(`.chip[data-group="${group}"]`)))
      chip.setAttribute('aria-pressed', String(chip.getAttribute('data-value') === value));
  }

  function clearAll(): void {
    input.value = '';
    choose('theme', '');
    choose('body', '');
    apply();
  }

  // Folded parts (the index) open when a link leads into them, and all of them print.
  function unfold(target: Element): void {
    const fold = target.closest('details') || target.querySelector<HTMLDetailsElement>('details.fold');
    if (fold) fold.open = true;
  }
  const folds = Array.from(document.querySelectorAll<HTMLDetailsElement>('details.fold'));
  // On a desk there is room for the table of contents; on a phone it stays folded so the first card shows.
  if (typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 48rem)').matches) {
    for (const d of Array.from(document.querySelectorAll<HTMLDetailsElement>('details[data-open-wide]'))) d.open = true;
  }
  let openBeforePrint: boolean[] = [];
  window.addEventListener('beforeprint', () => {
    openBeforePrint = folds.map((d) => d.open);
    for (const d of folds) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    folds.forEach((d, i) => {
      if (i < openBeforePrint.length) d.open = openBeforePrint[i]!;
    });
  });

  input.addEventListener('input', apply);
  input.addEventListener('search', apply);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') clearAll();
  });
  document.addEventListener('click', (e) => {
    if (!(e.target instanceof Element)) return;
    const chip = e.target.closest('.chip');
    if (chip) {
      const group = chip.getAttribute('data-group');
      if (group === 'theme' || group === 'body') choose(group, chip.getAttribute('data-value') || '');
      apply();
      return;
    }
    if (e.target.closest('[data-clear]')) {
      clearAll();
      input.focus();
      return;
    }
    // A link to a card the filters hide (from the index, or a section listing cards) would scroll nowhere; show
    // everything first.
    const href = e.target.closest('a[href^="#"]')?.getAttribute('href');
    const target = href ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    if (!target) return;
    if (target.closest('[hidden]')) clearAll();
    unfold(target);
  });
  if (location.hash) {
    const landing = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (landing) unfold(landing);
  }
  apply();
}

start();
