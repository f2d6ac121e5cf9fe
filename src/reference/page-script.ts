// The page's inline script: filters the cards by what is typed and by the chips. Plain ES2017 so old phone browsers run it.
/**
 * Kept as a string (not a compiled function) so that no build tool can rewrite it with helpers that only exist in
 * Node. It reads the JSON in #search-data (see search-data.ts) and the `data-card`, `data-theme`, `data-body`
 * attributes the sections write.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var data = JSON.parse(document.getElementById('search-data').textContent);
  var toSimplified = {};
  var pairs = Array.from(data.traditional);
  for (var i = 0; i + 1 < pairs.length; i += 2) toSimplified[pairs[i]] = pairs[i + 1];

  // Full-width → half-width, lower case, Traditional → Simplified: the card text gets the same treatment, so
  // 經開區, ＣＩＭ and cim all find what 经开区 and CIM find.
  function fold(text) {
    var out = '';
    var chars = Array.from(text.normalize('NFKC').toLowerCase());
    for (var i = 0; i < chars.length; i++) out += toSimplified[chars[i]] || chars[i];
    return out;
  }

  var cards = Array.prototype.map.call(document.querySelectorAll('[data-card]'), function (el) {
    var body = el.getAttribute('data-body');
    return {
      el: el,
      qa: el.classList.contains('qa-card'),
      theme: el.getAttribute('data-theme'),
      body: body,
      text: fold(el.textContent).replace(/\s+/g, ''),
      // Short names match whole, not as substrings: 经开区 is 经开区管委会, not also the 临空港经开区 in another body's names.
      names: [body].concat(data.bodyNames[body] || []).map(function (n) { return fold(n).replace(/\s+/g, ''); }),
    };
  });
  var groups = document.querySelectorAll('[data-card-group]');
  var input = document.getElementById('search');
  var status = document.getElementById('status');
  var empty = document.getElementById('empty');
  var printNote = document.getElementById('print-note');
  var totalQa = cards.filter(function (c) { return c.qa; }).length;
  var chosen = { theme: '', body: '' };

  function apply() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    var shownQa = 0, shownOther = 0;
    cards.forEach(function (c) {
      var show = (!chosen.theme || c.theme === chosen.theme) && (!chosen.body || c.body === chosen.body) &&
        terms.every(function (t) { return c.text.indexOf(t) >= 0 || c.names.indexOf(t) >= 0; });
      c.el.hidden = !show;
      if (show) { if (c.qa) shownQa++; else shownOther++; }
    });
    Array.prototype.forEach.call(groups, function (g) { g.hidden = !g.querySelector('[data-card]:not([hidden])'); });
    var filtered = terms.length > 0 || chosen.theme || chosen.body;
    document.body.classList.toggle('filtering', Boolean(filtered));
    status.textContent = filtered
      ? '显示 ' + shownQa + ' / ' + totalQa + ' 条问答' + (shownOther ? '，及总体回应' : '')
      : '共 ' + totalQa + ' 条问答及总体回应';
    empty.hidden = shownQa + shownOther > 0;
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

  input.addEventListener('input', apply);
  input.addEventListener('search', apply);
  input.addEventListener('keydown', function (e) { if (e.key === 'Escape') clearAll(); });
  document.addEventListener('click', function (e) {
    var chip = e.target.closest('.chip');
    if (chip) { choose(chip.getAttribute('data-group'), chip.getAttribute('data-value')); apply(); return; }
    if (e.target.closest('[data-clear]')) { clearAll(); input.focus(); return; }
    // A link to a card the filters hide (from the index, or a section listing cards) would scroll nowhere; show everything first.
    var link = e.target.closest('a[href^="#"]');
    var target = link && document.getElementById(link.getAttribute('href').slice(1));
    if (target && target.closest('[hidden]')) clearAll();
  });
  apply();
})();
`;
