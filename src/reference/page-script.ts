// The page's inline script: ranks the cards for what is typed (page-search.ts) and filters them by the chips.
/**
 * Kept as a string (not a compiled function) so that no build tool can rewrite it with helpers that only exist in
 * Node; plain ES2017 so old phone browsers run it. It reads the JSON in #search-data (see search-data.ts), calls
 * `createPageSearch` (defined just before it, see page-search.ts) and uses the `data-card`, `data-theme`, `data-body`
 * attributes the sections write. While a query is typed, the matching cards move, best first, into #results at the
 * top of the page, and back to their places when it is cleared, so links and print keep the document's order.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var data = JSON.parse(document.getElementById('search-data').textContent);

  // Question and answer only, without the 问 label: the text the bot compares query words with.
  function cardText(el) {
    return Array.prototype.map.call(el.querySelectorAll('.question, .answer p'), function (node) {
      return Array.prototype.filter.call(node.childNodes, function (child) { return child.nodeType === 3; })
        .map(function (child) { return child.textContent; }).join('');
    }).join('\n');
  }

  var cards = data.cards.map(function (id) {
    var el = document.getElementById(id);
    var home = document.createComment(id);
    el.parentNode.insertBefore(home, el);
    return { el: el, home: home, qa: el.classList.contains('qa-card'), theme: el.getAttribute('data-theme'),
      body: el.getAttribute('data-body'), text: cardText(el) };
  });
  var search = createPageSearch(data, cards);
  var literal = cards.map(function (c) { return search.fold(c.el.textContent).replace(/\s+/g, ''); });
  var results = document.getElementById('results');
  var groups = document.querySelectorAll('[data-card-group]');
  var input = document.getElementById('search');
  var status = document.getElementById('status');
  var empty = document.getElementById('empty');
  var printNote = document.getElementById('print-note');
  var totalQa = cards.filter(function (c) { return c.qa; }).length;
  var chosen = { theme: '', body: '' };

  // The bot's ranking first; a query it finds nothing for (a word typed halfway, a phrase not in its words) still
  // shows the cards that contain it as typed.
  function matches(query) {
    var ranked = search.rank(query).map(function (hit) { return hit.card; });
    if (ranked.length) return { cards: ranked, ranked: true };
    var terms = search.fold(query).split(/\s+/).filter(Boolean);
    var found = [];
    literal.forEach(function (text, i) {
      if (terms.length && terms.every(function (t) { return text.indexOf(t) >= 0; })) found.push(i);
    });
    return { cards: found, ranked: false };
  }

  function apply() {
    var query = input.value.trim();
    var inChips = function (c) {
      return (!chosen.theme || c.theme === chosen.theme) && (!chosen.body || c.body === chosen.body);
    };
    var shown = [];
    var found = null;
    cards.forEach(function (c) { c.home.parentNode.insertBefore(c.el, c.home.nextSibling); });
    if (query) {
      found = matches(query);
      found.cards.forEach(function (i) { if (inChips(cards[i])) shown.push(cards[i]); });
      shown.forEach(function (c) { results.appendChild(c.el); });
    } else {
      shown = cards.filter(inChips);
    }
    cards.forEach(function (c) { c.el.hidden = shown.indexOf(c) < 0; });
    results.hidden = !query;
    Array.prototype.forEach.call(groups, function (g) {
      g.hidden = Boolean(query) || !g.querySelector('[data-card]:not([hidden])');
    });
    var shownQa = shown.filter(function (c) { return c.qa; }).length;
    var shownOther = shown.length - shownQa;
    var filtered = Boolean(query || chosen.theme || chosen.body);
    document.body.classList.toggle('filtering', filtered);
    status.textContent = filtered
      ? '显示 ' + shownQa + ' / ' + totalQa + ' 条问答' + (shownOther ? '及总体回应' : '') +
        (found && found.ranked && shown.length > 1 ? '，最相关的在前' : '')
      : '共 ' + totalQa + ' 条问答及总体回应';
    empty.hidden = shown.length > 0;
    printNote.hidden = !filtered;
    printNote.textContent = filtered ? '本打印件只含筛选结果：' + describe() : '';
  }

  function describe() {
    var parts = [];
    if (input.value.trim()) parts.push('搜索「' + input.value.trim() + '」');
    if (chosen.theme) parts.push('主题 ' + chipLabel('theme', chosen.theme));
    if (chosen.body) parts.push('答复单位 ' + chosen.body);
    return parts.join('，');
  }

  function chipLabel(group, value) {
    var chip = document.querySelector('.chip[data-group="' + group + '"][data-value="' + value + '"]');
    return chip ? chip.textContent : value;
  }

  function choose(group, value) {
    chosen[group] = value;
    Array.prototype.forEach.call(document.querySelectorAll('.chip[data-group="' + group + '"]'), function (chip) {
      chip.setAttribute('aria-pressed', String(chip.getAttribute('data-value') === value));
    });
  }

  function clearAll() {
    input.value = '';
    choose('theme', '');
    choose('body', '');
    apply();
  }

  // Folded parts (the index) open when a link leads into them, and all of them print.
  function unfold(target) {
    var fold = target.closest('details') || target.querySelector('details.fold');
    if (fold) fold.open = true;
  }
  var folds = document.querySelectorAll('details.fold');
  // On a desk there is room for the table of contents; on a phone it stays folded so the first card shows.
  if (window.matchMedia && window.matchMedia('(min-width: 48rem)').matches) {
    Array.prototype.forEach.call(document.querySelectorAll('details[data-open-wide]'), function (d) { d.open = true; });
  }
  var openBeforePrint = [];
  window.addEventListener('beforeprint', function () {
    openBeforePrint = Array.prototype.map.call(folds, function (d) { return d.open; });
    Array.prototype.forEach.call(folds, function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    Array.prototype.forEach.call(folds, function (d, i) { if (i < openBeforePrint.length) d.open = openBeforePrint[i]; });
  });

  input.addEventListener('input', apply);
  input.addEventListener('search', apply);
  input.addEventListener('keydown', function (e) { if (e.key === 'Escape') clearAll(); });
  document.addEventListener('click', function (e) {
    var chip = e.target.closest('.chip');
    if (chip) { choose(chip.getAttribute('data-group'), chip.getAttribute('data-value')); apply(); return; }
    if (e.target.closest('[data-clear]')) { clearAll(); input.focus(); return; }
    // A link to a card the filters hide (from the index, or a section listing cards) would scroll nowhere; show everything first.
    var link = e.target.closest('a[href^="#"]');
    var target = link && document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!target) return;
    if (target.closest('[hidden]')) clearAll();
    unfold(target);
  });
  if (location.hash) {
    var landing = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (landing) unfold(landing);
  }
  apply();
})();
`;
