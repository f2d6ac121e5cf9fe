// The page's search, in the browser: cuts a query into words, looks up the bot's answers for each, ranks the cards.
/**
 * Plain ES2017 in a string, like page-script.ts, so old phone browsers run it and no build step rewrites it. It
 * defines `createPageSearch(data, cards)`: `data` is the page's SearchData (search-data.ts), `cards` the cards in the
 * order of `data.cards`, each `{ text }` with its question and answer. `rank(query)` returns the matching cards as
 * `{ card, score }`, best first, or `[]`.
 *
 * A query of one word or name gets exactly the bot's answers for it, which the build stored. A longer query is
 * combined the way the bot combines words: each word weighs more the fewer cards it is in, a card must hold at least
 * half the query by weight, naming a body or person counts 3 and doubles the score of their cards, and words standing
 * side by side in a card as in the query raise its score. A question staff pinned (data/pins.json) gets its card first.
 */
export const PAGE_SEARCH = String.raw`
function createPageSearch(data, cards) {
  'use strict';
  // Lookup tables without a prototype, so a query such as constructor or __proto__ is just an unknown word.
  var toSimplified = Object.create(null);
  var pairs = Array.from(data.traditional);
  for (var i = 0; i + 1 < pairs.length; i += 2) toSimplified[pairs[i]] = pairs[i + 1];
  var stop = Object.create(null);
  data.stopWords.forEach(function (w) { stop[w] = true; });
  var dictionary = Object.create(null), names = Object.create(null), longest = 1;
  Object.keys(data.words).forEach(function (w) { dictionary[w] = data.words[w]; longest = Math.max(longest, w.length); });
  Object.keys(data.names).forEach(function (w) { names[w] = data.names[w]; });
  var pins = Object.create(null);
  Object.keys(data.pins || {}).forEach(function (k) { pins[k] = data.pins[k]; });
  var logTotal = Math.log(data.total);
  var cardCount = data.cards.length;
  var PUNCTUATION = /[\s!-\/:-@\[-\x60{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/;

  /** Full-width → half-width, lower case and, when there is a Traditional character, Traditional → Simplified. */
  function fold(text) {
    var s = String(text).normalize('NFKC').toLowerCase();
    var chars = Array.from(s);
    if (!chars.some(function (ch) { return toSimplified[ch]; })) return s;
    for (var p = 0; p + 1 < data.phrases.length; p += 2) s = s.split(data.phrases[p]).join(data.phrases[p + 1]);
    return Array.from(s).map(function (ch) { return toSimplified[ch] || ch; }).join('');
  }

  /**
   * jieba's most probable path through the dictionary. Like jieba, a run of digits or of letters stays one word, and
   * characters left single side by side are read as one word the dictionary lacks (jieba's HMM mostly joins them:
   * 闪退, 红包), which then weighs as a word the hearing does not use.
   */
  function segment(s) {
    var n = s.length, best = [], next = [];
    best[n] = 0;
    for (var i = n - 1; i >= 0; i--) {
      best[i] = -Infinity;
      for (var j = i + 1; j <= Math.min(n, i + longest); j++) {
        var entry = dictionary[s.slice(i, j)];
        if (!entry && j > i + 1) continue;
        var p = Math.log(entry ? entry[0] : 1) - logTotal + best[j];
        if (p > best[i]) { best[i] = p; next[i] = j; }
      }
      var kind = charKind(s[i]);
      if (kind && !dictionary[s.slice(i, next[i])]) {
        var end = i;
        while (end < n && charKind(s[end]) === kind) end++;
        next[i] = end;
        best[i] = -logTotal + best[end];
      }
    }
    var words = [], single = '';
    for (var at = 0; at < n; at = next[at]) {
      var word = s.slice(at, next[at]);
      if (word.length === 1 && !charKind(word) && !stop[word]) { single += word; continue; }
      if (single) words.push(single);
      single = '';
      words.push(word);
    }
    if (single) words.push(single);
    return words;
  }

  function charKind(ch) {
    return /[0-9]/.test(ch) ? 'digit' : /[a-z]/.test(ch) ? 'letter' : '';
  }

  /** The content words of a query, in order: chat phrases, punctuation and generic words left out. */
  function queryWords(query) {
    var s = fold(query);
    data.fillerPhrases.forEach(function (phrase) { s = s.split(phrase).join(' '); });
    var words = [];
    s.split(PUNCTUATION).forEach(function (part) {
      if (part) segment(part).forEach(function (w) { if (!stop[w]) words.push(w); });
    });
    return words;
  }

  /** The bot's answers for a word alone: card number → score, in the bot's order. */
  function answersFor(word) {
    var entry = dictionary[word];
    var answers = [];
    if (entry) for (var i = 1; i + 1 < entry.length; i += 2) answers.push({ card: entry[i], score: entry[i + 1] });
    return answers;
  }

  var texts = cards.map(function (c) { return fold(c.text).replace(/\s+/g, ''); });

  /** How many adjacent query words stand together in the text, and the longest such run in characters. */
  function literalRuns(words, text) {
    var pairs = 0, longestRun = 0, run = '';
    words.forEach(function (w) {
      if (run && text.indexOf(run + w) >= 0) { pairs++; run += w; } else run = text.indexOf(w) >= 0 ? w : '';
      longestRun = Math.max(longestRun, run.length);
    });
    return { pairs: pairs, longest: longestRun };
  }

  /**
   * How topical a word is in general Chinese, from floor (everyday words: 改革, 提高) to 1 (算力, words the
   * dictionary lacks), read from how often the dictionary has it: a word the hearing does not use weighs less the
   * more everyday it is, so 国有企业改革 still finds the answer on 国有企业.
   */
  function topical(word, floor) {
    var entry = dictionary[word];
    if (!entry) return 1;
    var rarity = logTotal - Math.log(entry[0]);
    return Math.min(1, Math.max(floor, (rarity - EVERYDAY_RARITY) / (TOPICAL_RARITY - EVERYDAY_RARITY)));
  }

  // Everything but letters and digits, as the bot leaves out of a pinned question; a browser without Unicode
  // property escapes (before 2018) leaves out punctuation and white space only.
  var NOT_A_WORD = (function () {
    try { return new RegExp('[^\\p{L}\\p{N}]+', 'gu'); } catch (e) { return new RegExp(PUNCTUATION.source, 'g'); }
  })();

  /** What a question staff pinned is matched by (search/pins.ts questionKey): folded, letters and digits only. */
  function pinKey(query) {
    return fold(query).replace(NOT_A_WORD, '');
  }

  /** The ranking, with the card staff pinned to this very question (if any) first, as the bot answers it. */
  function rank(query) {
    var hits = rankWords(query);
    var pinned = pins[pinKey(query)];
    if (pinned === undefined) return hits;
    var top = hits.length ? hits[0].score : 0;
    return [{ card: pinned, score: top + 1 }].concat(hits.filter(function (h) { return h.card !== pinned; }));
  }

  function rankWords(query) {
    // A phrase the bot was asked as a whole at build time (big data, 汉融通) is answered as the bot answered it.
    var whole = fold(String(query).slice(0, MAX_QUERY)).trim().replace(/\s+/g, ' ');
    if (dictionary[whole] && dictionary[whole].length > 1) {
      return answersFor(whole).map(function (a) { return { card: a.card, score: a.score }; });
    }
    var words = queryWords(String(query).slice(0, MAX_QUERY));
    if (words.length === 1) {
      return answersFor(words[0]).map(function (a) { return { card: a.card, score: a.score }; });
    }
    var mentions = { b: {}, p: {} }, mentionKinds = {}, groups = [];
    words.forEach(function (w) {
      var kind = names[w];
      if (kind) {
        mentionKinds[kind] = true;
        answersFor(w).forEach(function (a) { mentions[kind][a.card] = true; });
        return;
      }
      var answers = answersFor(w);
      var scores = {};
      answers.forEach(function (a) { scores[a.card] = a.score; });
      groups.push({
        word: w,
        scores: scores,
        weight: answers.length ? Math.log(1 + cardCount / answers.length) * topical(w, KNOWN_WORD_FLOOR)
          : w.length < 2 ? UNKNOWN_CHARACTER_WEIGHT
          : UNKNOWN_WORD_WEIGHT * Math.log(1 + 2 * cardCount) * topical(w, UNKNOWN_WORD_FLOOR),
      });
    });
    var mentioned = function (c) { return Boolean(mentions.b[c] || mentions.p[c]); };
    var mentionCount = Object.keys(mentionKinds).length;
    var all = [];
    for (var c = 0; c < cardCount; c++) all.push(c);
    if (groups.length === 0) {
      var named = all.filter(mentioned);
      return named.map(function (c, i) { return { card: c, score: named.length - i }; });
    }
    var total = groups.reduce(function (s, g) { return s + g.weight; }, 0) + mentionCount * MENTION_WEIGHT;
    var questionWords = groups.map(function (g) { return g.word; });
    var hits = [];
    all.forEach(function (c) {
      var found = groups.filter(function (g) { return g.scores[c] !== undefined; });
      if (found.length === 0 && !mentioned(c)) return;
      var text = texts[c];
      var matched = groups.filter(function (g) { return g.scores[c] !== undefined || text.indexOf(g.word) >= 0; });
      var mentionCovered = (mentions.b[c] ? 1 : 0) + (mentions.p[c] ? 1 : 0);
      var coverage = (matched.reduce(function (s, g) { return s + g.weight; }, 0) + mentionCovered * MENTION_WEIGHT) / total;
      if (coverage < MIN_COVERAGE) return;
      var runs = literalRuns(questionWords, text);
      var evidence = mentionCovered > 0 || matched.some(function (g) { return g.word.length > 1; }) || runs.longest >= 3;
      if (!evidence) return;
      var base = found.reduce(function (s, g) { return s + g.scores[c]; }, 0) * Math.max(1, found.length + mentionCovered);
      var together = 1 + (TOGETHER_BONUS * runs.pairs) / Math.max(1, groups.length - 1);
      hits.push({ card: c, score: (base || 1) * coverage * together * (mentioned(c) ? MENTION_FACTOR : 1) });
    });
    return hits.sort(function (a, b) { return b.score - a.score || a.card - b.card; });
  }

  return { rank: rank, queryWords: queryWords, fold: fold };
}
var MAX_QUERY = 200, MIN_COVERAGE = 0.5, MENTION_WEIGHT = 3, MENTION_FACTOR = 2, TOGETHER_BONUS = 3;
var UNKNOWN_CHARACTER_WEIGHT = 1.5, UNKNOWN_WORD_WEIGHT = 1.5, KNOWN_WORD_FLOOR = 0.6, UNKNOWN_WORD_FLOOR = 0.15;
var EVERYDAY_RARITY = 7, TOPICAL_RARITY = 10;
`;
