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
 *
 * The first query is not kept waiting for the index: Material's worker builds its lunr
 * index from every entry's text when search starts, which on a slow phone took up to a
 * second. hooks/act/lunr_index.py has done that part at build time (search/lunr-index.js:
 * each term, the entries and fields that hold it and how often). As soon as this worker
 * starts, lunr.js builds the index from that (scores, vectors, token set: lunr's own
 * code, so the same numbers), and when Material's worker then builds its index, this
 * hands it the finished one instead (`adopt`), if everything Material set up matches
 * what was prebuilt (fields, boosts, pipeline, entries, `fingerprint`); otherwise
 * Material builds its own as before. The positions of matches, which Material uses to
 * highlight them, are found by Material's own tokenizer for the results of each query
 * (`withPositions`). READY says which index answers (`prebuilt`).
 */
(function () {
  "use strict";
  var SETUP = 0;
  var READY = 1;
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
    if (data && data.type === SETUP) usePrebuilt(data.data);
    var event = new MessageEvent("message", { data: data });
    listeners.forEach(function (listener) { listener(event); });
  }

  // The prebuilt index (search/lunr-index.js, hooks/act/lunr_index.py).
  var prebuilt = null;  // {data, index} once built
  var adopted = false;  // whether Material's worker searches the prebuilt index

  // lunr.js builds the index from the prebuilt terms: what Builder.add would have left.
  function buildPrebuilt() {
    var data = self.lunrIndex, lunr = self.lunr;
    self.lunrIndex = undefined;
    if (prebuilt || !data || !lunr || lunr.version !== data.lunr) return;
    var builder = new lunr.Builder();
    builder.ref("location");
    builder.b(0);
    data.fields.forEach(function (field) { builder.field(field[0], { boost: field[1] }); });
    var names = data.fields.map(function (field) { return field[0]; });
    var boosts = Object.create(null);
    data.boosts.forEach(function (pair) { boosts[pair[0]] = pair[1]; });
    data.refs.forEach(function (ref, n) {
      builder._documents[ref] = { boost: boosts[n] };
      names.forEach(function (name) {
        builder.fieldTermFrequencies[name + "/" + ref] = Object.create(null);
        builder.fieldLengths[name + "/" + ref] = 0;
      });
    });
    builder.documentCount = data.refs.length;
    data.terms.forEach(function (term, k) {
      var posting = Object.create(null), flat = data.postings[k];
      posting._index = k;
      names.forEach(function (name) { posting[name] = Object.create(null); });
      for (var i = 0; i < flat.length;) {
        var name = names[flat[i]], count = flat[i + 1], n = 0;
        for (i += 2; count--; i += 2) {
          var ref = data.refs[n += flat[i]], key = name + "/" + ref;
          posting[name][ref] = Object.create(null);
          builder.fieldTermFrequencies[key][term] = flat[i + 1];
          builder.fieldLengths[key] += flat[i + 1];
        }
      }
      builder.invertedIndex[term] = posting;
    });
    prebuilt = { data: data, builder: builder, index: builder.build() };
    data.terms = data.postings = null;  // in the index now
  }

  // Whatever goes wrong with the prebuilt index, search goes on: Material builds its own.
  function tryBuildPrebuilt() {
    try {
      buildPrebuilt();
    } catch (err) {
      prebuilt = null;
      console.warn("search: prebuilt index not used", err);
    }
  }

  // Material's worker builds its index with lunr(function () { ...; this.add(doc) ...}):
  // for the next build only, adding records the entries, and building hands over the
  // prebuilt index when it matches, or adds them all and builds as lunr always does.
  function usePrebuilt(setup) {
    tryBuildPrebuilt();
    if (!prebuilt || !setup || fingerprint(setup.config, setup.docs) !== prebuilt.data.fingerprint) return;
    var proto = self.lunr.Builder.prototype, add = proto.add, build = proto.build, calls = [];
    proto.add = function (doc, attributes) { calls.push([doc, attributes]); };
    proto.build = function () {
      proto.add = add;
      proto.build = build;
      if (matches(this, calls)) return adopt(this, calls);
      calls.forEach(function (call) { add.call(this, call[0], call[1]); }, this);
      return build.call(this);
    };
  }

  function labels(pipeline) {
    return pipeline._stack.map(function (fn) { return fn.label; }).join();
  }

  function matches(builder, calls) {
    var data = prebuilt.data, ours = prebuilt.builder;
    var names = Object.keys(builder._fields);
    return builder._ref === ours._ref && builder._b === ours._b && builder._k1 === ours._k1 &&
      builder.metadataWhitelist.join() === "position" &&
      labels(builder.pipeline) === data.pipeline.join() &&
      names.join("\n") === Object.keys(ours._fields).join("\n") &&
      names.every(function (name) {
        return (builder._fields[name].boost || 1) === (ours._fields[name].boost || 1);
      }) &&
      calls.length === data.refs.length &&
      calls.every(function (call, n) {
        var ref = data.refs[n];
        return call[0][builder._ref] === ref &&
          ((call[1] && call[1].boost) || 1) === (ours._documents[ref].boost || 1);
      });
  }

  function adopt(builder, calls) {
    var index = prebuilt.index;
    index.pipeline = builder.searchPipeline;
    adopted = true;
    return withPositions(index, builder, calls.map(function (call) { return call[0]; }));
  }

  // Each match's positions, as Material's build would have recorded them: its own
  // tokenizer (which also fills the table it highlights from) and pipeline, run over a
  // result's field the first time a query matches it there.
  function withPositions(index, builder, docs) {
    var byRef = Object.create(null), found = Object.create(null);
    docs.forEach(function (doc) { byRef[doc[builder._ref]] = doc; });
    function positions(ref, field) {
      var key = field + "/" + ref;
      if (found[key]) return found[key];
      var terms = found[key] = Object.create(null);
      var spec = builder._fields[field], doc = byRef[ref];
      var value = spec.extractor ? spec.extractor(doc) : doc[field];
      builder.pipeline.run(builder.tokenizer(value, { fields: [field] })).forEach(function (token) {
        var term = token.toString();
        (terms[term] || (terms[term] = [])).push(token.metadata.position);
      });
      return terms;
    }
    // Then, in a real worker, a few milliseconds at a time between queries, every other
    // field, so that the reader's first queries find them done. Not in the iframe-worker
    // shim (file://): there this would run on the page's own thread while the reader types
    // (measured slower there; benchmarks/NOTES.md).
    var todo = [];
    Object.keys(builder._fields).forEach(function (field) {
      docs.forEach(function (doc) { if (doc[field] !== undefined) todo.push([doc[builder._ref], field]); });
    });
    var done = 0;
    function step() {
      for (var until = performance.now() + 4; done < todo.length && performance.now() < until; done++)
        positions(todo[done][0], todo[done][1]);
      if (done < todo.length) setTimeout(step, 0);
    }
    if (typeof document === "undefined") setTimeout(step, 0);
    var search = index.search;
    index.search = function (query) {
      var results = search.call(this, query);
      results.forEach(function (result) {
        var metadata = result.matchData.metadata;
        for (var term in metadata)
          for (var field in metadata[term])
            if (!metadata[term][field].position)
              metadata[term][field].position = (positions(result.ref, field)[term] || []).slice();
      });
      return results;
    };
    return index;
  }

  // hooks/act/lunr_index.py's fingerprint of the entries: FNV-1a over each location and
  // the length of each field, so an index never meets entries it was not built from.
  function fingerprint(config, docs) {
    var h = 0x811c9dc5;
    function mix(n) { h = Math.imul(h ^ n, 0x01000193) >>> 0; }
    function text(s) { for (var i = 0; i < s.length; i++) mix(s.charCodeAt(i)); }
    var names = Object.keys((config && config.fields) || {});
    names.forEach(function (name) { text(name); mix(-1); });
    (docs || []).forEach(function (doc) {
      text(String(doc.location));
      names.forEach(function (name) {
        var value = doc[name];
        if (value === undefined || value === null) mix(-1);
        else if (Array.isArray(value)) {
          mix(value.length);
          value.forEach(function (item) { mix(String(item).length); });
        } else mix(String(value).length);
      });
    });
    return h;
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

  // Each query forwarded to Material's worker, as the page sent it and as corrected ("" if
  // it was not), oldest first: its worker answers every query, in order, with one result
  // message. The result says which query it answers (`query`: search-correction.js
  // drops a result the reader has already typed past).
  var pending = [];
  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === READY) message = { type: READY, prebuilt: adopted };
    if (message && message.type === RESULT) {
      var data = slim(message.data || {});
      var asked = pending.shift() || { query: "", corrected: "" };
      if (asked.corrected) data.corrected = asked.corrected;
      data.query = asked.query;
      message = { type: RESULT, data: data };
    }
    return post.apply(self, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };

  function forward(message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var corrected = correct(message.data);
      pending.push({ query: message.data, corrected: corrected !== message.data ? corrected : "" });
      message = { type: QUERY, data: corrected };
    }
    if (listeners.length) deliver(message); else waiting.push(message);
  }

  // Only the newest query is worth an answer. The page sends one for every keystroke;
  // while a search runs, the next keystrokes' queries wait in line, and answering each
  // in turn kept the reader waiting for results already out of date (a whole second in
  // a freshly opened tab on a slow phone). A query is held for one turn of the event
  // loop, so any newer one already waiting replaces it; the page shows whatever result
  // comes last, so it never misses one.
  var latest = null;
  function flush() {
    var message = latest;
    latest = null;
    if (message !== null) forward(message);
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === SETUP) setUp();
    if (message && message.type === QUERY) {
      if (latest === null) setTimeout(flush, 0);
      latest = message;
      return;
    }
    if (latest !== null) flush();  // keep the order of anything else
    forward(message);
  });

  // did-you-mean.js and lunr-index.js first: Material's worker may start on load.
  var loaded = importScripts(
    new URL("../../search/did-you-mean.js", here).href,
    new URL("../../search/lunr-index.js", here).href,
    material
  );
  // In a worker the scripts have run; in the iframe-worker shim (file://) they run later.
  if (loaded && typeof loaded.then === "function") loaded.then(tryBuildPrebuilt); else tryBuildPrebuilt();
})();
