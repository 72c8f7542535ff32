/* Typo tolerance for Material's search: a wrapper around Material's own search worker.
 *
 * overrides/main.html points Material at this file, with Material's worker after the `#`
 * ("search-worker.js#workers/search.<hash>.min.js"). This file loads that worker, then
 * sits between it and the page: before Material's worker sees a query, every word of
 * four letters or more that matches nothing in the index (no indexed word starts with
 * it) is replaced by the closest word of the site's own vocabulary (titles, aliases,
 * search phrases, glossary terms, both spellings of each variant: search/did-you-mean.js,
 * written by hooks/act/search.py), within 1 edit (5-7 letters) or 2 (8 or more).
 * "verteboplasty" searches for "vertebroplasty"; a word that is in the index is never
 * changed. Works in a real worker (hosted) and in the iframe-worker shim (file://).
 *
 * Each result message of a corrected query also carries `corrected` (the query searched
 * for), which search-correction.js shows above the results ("Showing results for ...").
 * Result messages are cut to what the page renders, with teasers for texts (`slim`), so
 * the page has less to copy in and lay out (benchmarks/NOTES.md, search).
 */
(function () {
  "use strict";
  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;

  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : self.location.href;
  var material = new URL(decodeURIComponent(new URL(here).hash.slice(1)).split("?")[0], here).href;

  var known = [];      // every indexed word, sorted
  var vocabulary = []; // the site's words to correct to
  var corrections = Object.create(null);

  // The index's words come made with the vocabulary (hooks/act/search.py, indexed_words):
  // splitting every entry here took longer than a search on a slow phone.
  function setUp() {
    known = (self.indexedWords || []).slice().sort();
    vocabulary = (self.didYouMean || []).filter(isKnown);
    corrections = Object.create(null);
  }

  // Whether some indexed word starts with `word` (Material searches every word as a prefix).
  function isKnown(word) {
    var lo = 0, hi = known.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (known[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo < known.length && known[lo].lastIndexOf(word, 0) === 0;
  }

  // Optimal string alignment distance, or max + 1 once it must exceed max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], row;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  // The closest vocabulary word: whole words first, then (while typing) word beginnings.
  function closest(word) {
    var max = word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
    if (!max) return null;
    var best = null, bestScore = Infinity;
    for (var k = 0; k < vocabulary.length; k++) {
      var v = vocabulary[k];
      var score = distance(word, v, max) * 2;
      if (score > max * 2 && v.length > word.length)
        score = distance(word, v.slice(0, word.length), max) * 2 + 1;
      if (score <= max * 2 + 1 && score < bestScore) {
        best = v;
        bestScore = score;
      }
    }
    return best;
  }

  function correct(query) {
    if (!vocabulary.length) return query;
    return query.split(/([\s\-]+)/).map(function (part) {
      var word = part.toLowerCase();
      if (word.length < 4 || !/^\p{L}+$/u.test(word) || isKnown(word)) return part;
      if (!(word in corrections)) corrections[word] = closest(word);
      return corrections[word] || part;
    }).join("");
  }

  // Material's worker registers one "message" listener: keep it, and pass it our messages.
  var listeners = [];
  var waiting = [];
  var addEventListener = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return addEventListener(type, listener, options);
    listeners.push(listener);
    waiting.splice(0).forEach(deliver);
  };

  function deliver(data) {
    var event = new MessageEvent("message", { data: data });
    listeners.forEach(function (listener) { listener(event); });
  }

  // Results as the page needs them. Material's worker returns every matching section
  // whole, with every index field (aliases, variants, phrases) and a copy of its page:
  // up to 800 kB for a query of common words, which the page must copy in and render,
  // the slow part of a search on a slow phone. The page renders only these fields, and
  // a result's text is a teaser: up to TEASER visible characters, ending where a
  // paragraph or list item ends (or, past 1.5 times that, at a space, with "..."), from
  // the paragraph that holds the first match; citation numbers left out.
  var TEASER = 280;
  var SHOWN = ["location", "title", "text", "tags", "score", "terms"];
  var BLOCK_END = /^<\/(p|li|ul|ol|dd|dt|dl|tr|table|blockquote|pre|h[1-6])>$/i;
  var BLOCK_START = /<(p|li|dd|dt|tr|blockquote|pre|h[1-6])[\s>]/gi;

  function teaser(html) {
    if (typeof html !== "string") return html;
    html = html.replace(/<sup\b[^>]*>[\s\S]*?<\/sup>/gi, "");
    if (html.length <= TEASER) return html;
    var mark = html.indexOf("<mark");
    if (mark > TEASER) {
      var start = 0, found;
      BLOCK_START.lastIndex = 0;
      while ((found = BLOCK_START.exec(html)) && found.index < mark) start = found.index;
      html = html.slice(start);
    }
    var visible = 0;
    for (var i = 0; i < html.length;) {
      var c = html.charAt(i);
      if (c === "<") {
        var end = html.indexOf(">", i);
        if (end < 0) break;
        var tag = html.slice(i, end + 1);
        i = end + 1;
        if (visible >= TEASER && BLOCK_END.test(tag)) return html.slice(0, i);
        continue;
      }
      if (c === "&") {
        var semi = html.indexOf(";", i);
        if (semi > i && semi - i <= 10) { i = semi + 1; visible++; continue; }
      }
      visible++;
      i++;
      if (visible >= TEASER * 1.5 && /\s/.test(c)) return html.slice(0, i - 1) + "\u2026";
    }
    return html;
  }

  function slim(result) {
    var items = (result.items || []).map(function (group) {
      return group.map(function (doc) {
        var out = {};
        SHOWN.forEach(function (field) { if (field in doc) out[field] = doc[field]; });
        if ("text" in out) out.text = teaser(out.text);
        return out;
      });
    });
    return Object.assign({}, result, { items: items });
  }

  // What each query forwarded to Material's worker was corrected to ("" if it was not),
  // oldest first: its worker answers every query, in order, with one result message.
  var pending = [];
  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT) {
      var data = slim(message.data || {});
      var corrected = pending.shift();
      if (corrected) data.corrected = corrected;
      message = { type: RESULT, data: data };
    }
    return post.apply(self, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };

  addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === SETUP) setUp();
    if (message && message.type === QUERY && typeof message.data === "string") {
      var corrected = correct(message.data);
      pending.push(corrected !== message.data ? corrected : "");
      message = { type: QUERY, data: corrected };
    }
    if (listeners.length) deliver(message); else waiting.push(message);
  });

  importScripts(new URL("../../search/did-you-mean.js", here).href, material);
})();
