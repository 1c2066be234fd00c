/* Search for a large collection: answers Material's search-worker protocol (setup 0, ready 1, query 2, result 3)
 * from an index the build cut into pieces (generator/search/index.py), loading only what each query needs:
 * the manifest at setup, the term shards of the query's words, then the files of the best pages for titles and
 * snippets. Works as a Worker over http and, through the vendored iframe-worker shim, from file://: every piece is
 * a script that registers itself, loaded with importScripts (a Worker) or a script element (the shim's iframe).
 *
 * Words are read as generator/search/tokens.py reads them (a browser test compares the two on the same inputs).
 * Only the newest query is answered; a piece that fails to load gives a "search unavailable" result, never a hang.
 * Titles and snippets are escaped here: Material shows them as HTML. */
"use strict";
(function () {
  var inFrame = typeof document !== "undefined";
  var script = (inFrame && document.currentScript && document.currentScript.src) || self.location.href;
  var BASE = new URL("../../search/readings/", script).href;
  var MAX_PAGES = 15;          // result groups shown with snippets (each needs its page file)
  var MAX_LISTED = 60;         // result groups listed in all (the rest by title, from the titles files)
  var MAX_SECTIONS = 5;        // sections shown under a page
  var MAX_EXPANSIONS = 40;     // terms a prefix may stand for
  var LOAD_TIMEOUT = 8000;     // ms before a piece that does not arrive counts as missing

  var manifest = null, starts = null, unavailable = false, changed = false, latest = 0;
  var shards = new Map(), pages = new Map(), titles = new Map();
  self.readingsSearch = function (kind, key, data, layout) {
    if (kind === "manifest") { manifest = manifest || data; return; }
    // A piece cut for another layout (the index was rebuilt since this page loaded: `readings serve`) would put
    // its hits on the wrong pages: keep none of it.
    if (manifest && layout !== manifest.layout) { changed = true; return; }
    if (kind === "shard") shards.set(key, data);
    else if (kind === "page") pages.set(key, data);
    else if (kind === "titles") titles.set(key, data);
  };

  /* ---- words: generator/search/tokens.py, line for line ---- */
  var STOP = new Set(['a',
  'able',
  'about',
  'across',
  'after',
  'all',
  'almost',
  'also',
  'am',
  'among',
  'an',
  'and',
  'any',
  'are',
  'as',
  'at',
  'be',
  'because',
  'been',
  'but',
  'by',
  'can',
  'cannot',
  'could',
  'dear',
  'did',
  'do',
  'does',
  'either',
  'else',
  'ever',
  'every',
  'for',
  'from',
  'get',
  'got',
  'had',
  'has',
  'have',
  'he',
  'her',
  'hers',
  'him',
  'his',
  'how',
  'however',
  'i',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'just',
  'least',
  'let',
  'like',
  'likely',
  'may',
  'me',
  'might',
  'most',
  'must',
  'my',
  'neither',
  'no',
  'nor',
  'not',
  'of',
  'off',
  'often',
  'on',
  'only',
  'or',
  'other',
  'our',
  'own',
  'rather',
  'said',
  'say',
  'says',
  'she',
  'should',
  'since',
  'so',
  'some',
  'than',
  'that',
  'the',
  'their',
  'them',
  'then',
  'there',
  'these',
  'they',
  'this',
  'tis',
  'to',
  'too',
  'twas',
  'us',
  'wants',
  'was',
  'we',
  'were',
  'what',
  'when',
  'where',
  'which',
  'while',
  'who',
  'whom',
  'why',
  'will',
  'with',
  'would',
  'yet',
  'you',
  'your']);
  var stem = (function () {
  var step2list = {
      "ational" : "ate",
      "tional" : "tion",
      "enci" : "ence",
      "anci" : "ance",
      "izer" : "ize",
      "bli" : "ble",
      "alli" : "al",
      "entli" : "ent",
      "eli" : "e",
      "ousli" : "ous",
      "ization" : "ize",
      "ation" : "ate",
      "ator" : "ate",
      "alism" : "al",
      "iveness" : "ive",
      "fulness" : "ful",
      "ousness" : "ous",
      "aliti" : "al",
      "iviti" : "ive",
      "biliti" : "ble",
      "logi" : "log"
    },

    step3list = {
      "icate" : "ic",
      "ative" : "",
      "alize" : "al",
      "iciti" : "ic",
      "ical" : "ic",
      "ful" : "",
      "ness" : ""
    },

    c = "[^aeiou]",          // consonant
    v = "[aeiouy]",          // vowel
    C = c + "[^aeiouy]*",    // consonant sequence
    V = v + "[aeiou]*",      // vowel sequence

    mgr0 = "^(" + C + ")?" + V + C,               // [C]VC... is m>0
    meq1 = "^(" + C + ")?" + V + C + "(" + V + ")?$",  // [C]VC[V] is m=1
    mgr1 = "^(" + C + ")?" + V + C + V + C,       // [C]VCVC... is m>1
    s_v = "^(" + C + ")?" + v;                   // vowel in stem

  var re_mgr0 = new RegExp(mgr0);
  var re_mgr1 = new RegExp(mgr1);
  var re_meq1 = new RegExp(meq1);
  var re_s_v = new RegExp(s_v);

  var re_1a = /^(.+?)(ss|i)es$/;
  var re2_1a = /^(.+?)([^s])s$/;
  var re_1b = /^(.+?)eed$/;
  var re2_1b = /^(.+?)(ed|ing)$/;
  var re_1b_2 = /.$/;
  var re2_1b_2 = /(at|bl|iz)$/;
  var re3_1b_2 = new RegExp("([^aeiouylsz])\\1$");
  var re4_1b_2 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  var re_1c = /^(.+?[^aeiou])y$/;
  var re_2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;

  var re_3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;

  var re_4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var re2_4 = /^(.+?)(s|t)(ion)$/;

  var re_5 = /^(.+?)e$/;
  var re_5_1 = /ll$/;
  var re3_5 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  var porterStemmer = function porterStemmer(w) {
    var stem,
      suffix,
      firstch,
      re,
      re2,
      re3,
      re4;

    if (w.length < 3) { return w; }

    firstch = w.substr(0,1);
    if (firstch == "y") {
      w = firstch.toUpperCase() + w.substr(1);
    }

    // Step 1a
    re = re_1a
    re2 = re2_1a;

    if (re.test(w)) { w = w.replace(re,"$1$2"); }
    else if (re2.test(w)) { w = w.replace(re2,"$1$2"); }

    // Step 1b
    re = re_1b;
    re2 = re2_1b;
    if (re.test(w)) {
      var fp = re.exec(w);
      re = re_mgr0;
      if (re.test(fp[1])) {
        re = re_1b_2;
        w = w.replace(re,"");
      }
    } else if (re2.test(w)) {
      var fp = re2.exec(w);
      stem = fp[1];
      re2 = re_s_v;
      if (re2.test(stem)) {
        w = stem;
        re2 = re2_1b_2;
        re3 = re3_1b_2;
        re4 = re4_1b_2;
        if (re2.test(w)) { w = w + "e"; }
        else if (re3.test(w)) { re = re_1b_2; w = w.replace(re,""); }
        else if (re4.test(w)) { w = w + "e"; }
      }
    }

    // Step 1c - replace suffix y or Y by i if preceded by a non-vowel which is not the first letter of the word (so cry -> cri, by -> by, say -> say)
    re = re_1c;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      w = stem + "i";
    }

    // Step 2
    re = re_2;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      suffix = fp[2];
      re = re_mgr0;
      if (re.test(stem)) {
        w = stem + step2list[suffix];
      }
    }

    // Step 3
    re = re_3;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      suffix = fp[2];
      re = re_mgr0;
      if (re.test(stem)) {
        w = stem + step3list[suffix];
      }
    }

    // Step 4
    re = re_4;
    re2 = re2_4;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      re = re_mgr1;
      if (re.test(stem)) {
        w = stem;
      }
    } else if (re2.test(w)) {
      var fp = re2.exec(w);
      stem = fp[1] + fp[2];
      re2 = re_mgr1;
      if (re2.test(stem)) {
        w = stem;
      }
    }

    // Step 5
    re = re_5;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      re = re_mgr1;
      re2 = re_meq1;
      re3 = re3_5;
      if (re.test(stem) || (re2.test(stem) && !(re3.test(stem)))) {
        w = stem;
      }
    }

    re = re_5_1;
    re2 = re_mgr1;
    if (re.test(w) && re2.test(w)) {
      re = re_1b_2;
      w = w.replace(re,"");
    }

    // and turn initial Y back to y

    if (firstch == "y") {
      w = firstch.toLowerCase() + w.substr(1);
    }

    return w;
  };

  return porterStemmer;
  })();  /* lunr.js 2.3.9's lunr.stemmer (MIT licence, Oliver Nightingale), unchanged */

  function normalise(text) { return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase(); }
  function words(text) { return normalise(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }
  function terms(text) { return words(text).filter(function (w) { return !STOP.has(w); }).map(stem); }

  /* ---- other languages: generator/search/languages.py, line for line ---- */
  var VENDOR = new URL("vendor/snowball/", script).href;  // Snowball's JavaScript stemmers (BSD-3), loaded as needed
  var FOLD = { "\u00df": "ss", "\u0451": "\u0435", "\u0640": "" }, FOLD_FA = {};
  (function () {
    var c;
    for (c = 0x064B; c < 0x0660; c++) FOLD[String.fromCharCode(c)] = "";
    FOLD["\u0670"] = "";
    for (c = 0; c < 10; c++) { FOLD[String.fromCharCode(0x0660 + c)] = String(c); FOLD[String.fromCharCode(0x06F0 + c)] = String(c); }
    Object.keys(FOLD).forEach(function (k) { FOLD_FA[k] = FOLD[k]; });
    FOLD_FA["\u064a"] = "\u06cc"; FOLD_FA["\u0643"] = "\u06a9"; FOLD_FA["\u0649"] = "\u06cc";
  })();
  var FOLD_RE = new RegExp("[" + Object.keys(FOLD_FA).join("") + "]", "g");
  var BIGRAM_RANGES = [[0x0E00, 0x0EFF], [0x1000, 0x109F], [0x1780, 0x17FF], [0x2E80, 0x2FDF], [0x3005, 0x3007],
    [0x3021, 0x3029], [0x3040, 0x30FF], [0x31F0, 0x31FF], [0x3400, 0x4DBF], [0x4E00, 0x9FFF], [0xF900, 0xFAFF],
    [0x20000, 0x3134F]];
  var BIGRAM_CLASS = BIGRAM_RANGES.map(function (r) { return "\\u{" + r[0].toString(16) + "}-\\u{" + r[1].toString(16) + "}"; }).join("");
  var BIGRAM_SPLIT = new RegExp("([" + BIGRAM_CLASS + "]+)", "u"), BIGRAM_ONE = new RegExp("[" + BIGRAM_CLASS + "]", "u");
  var ANALYSERS = { en: { key: "en", stemmer: null, stop: STOP } };  // key -> {stemmer, stop}: the manifest's languages
  var keys = ["en"];  // the analysers of the collection: a query is analysed by each

  function foldText(text, key) {
    var map = key === "fa" ? FOLD_FA : FOLD;
    return text.normalize("NFKC").toLowerCase().replace(FOLD_RE, function (c) { return c in map ? map[c] : c; });
  }
  function tokenise(folded) {
    var out = [], found = folded.match(/[\p{L}\p{M}\p{N}]+/gu) || [];
    found.forEach(function (word) {
      word.split(BIGRAM_SPLIT).forEach(function (part, number) {
        if (!part) return;
        var chars = Array.from(part);
        if (number % 2 === 0 || chars.length === 1) { out.push(part); return; }
        for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      });
    });
    return out;
  }
  function unaccent(word) {
    return /^[\x00-\x7f]*$/.test(word) ? word : word.normalize("NFD").replace(/[\u0300-\u036f]+/g, "").normalize("NFC");
  }
  function analyse(text, key) {  // [[folded word, term, stop word?], ...]
    if (key === "en") return words(text).map(function (w) { return [w, stem(w), STOP.has(w)]; });
    var a = ANALYSERS[key] || { stemmer: null, stop: new Set() };
    return tokenise(foldText(text, key)).map(function (w) {
      return [w, unaccent(a.stemmer ? a.stemmer(w) : w), a.stop.has(w)];
    });
  }
  function termsFor(text, key) {
    return analyse(text, key).filter(function (t) { return !t[2]; }).map(function (t) { return t[1]; });
  }
  function configure(languages) {  // the manifest's "languages": key -> {stemmer, stop}; their scripts loaded
    keys = Object.keys(languages).sort();
    keys.forEach(function (key) {
      if (key === "en") return;
      var cfg = languages[key], cache = new Map(), Stemmer = cfg.stemmer && self.ReadingsSnowball[cfg.stemmer];
      var instance = Stemmer ? new Stemmer() : null;
      ANALYSERS[key] = { key: key, stop: new Set(cfg.stop || []), stemmer: instance && function (w) {
        var s = cache.get(w);
        if (s === undefined) { s = instance.stemWord(w); cache.set(w, s); }
        return s;
      } };
    });
  }
  function stemmerScripts(languages) {
    var names = Object.keys(languages).map(function (k) { return languages[k].stemmer; }).filter(Boolean);
    if (!names.length) return [];
    return [[VENDOR + "base-stemmer.js"], Array.from(new Set(names)).sort().map(function (n) { return VENDOR + n + "-stemmer.js"; })];
  }
  self.readingsSearchWords = { normalise: normalise, words: words, terms: terms, stem: stem, foldText: foldText,  // for the parity test
    tokenise: tokenise, analyse: analyse, termsFor: termsFor, configure: configure };

  /* ---- loading pieces ---- */
  function load(urls) {
    if (!urls.length) return Promise.resolve();
    if (!inFrame) {
      try { importScripts.apply(self, urls); return Promise.resolve(); }
      catch (error) { return Promise.reject(error); }
    }
    return Promise.all(urls.map(function (url) {
      return new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        var timer = setTimeout(function () { reject(new Error("timeout: " + url)); }, LOAD_TIMEOUT);
        element.onload = function () { clearTimeout(timer); resolve(); };
        element.onerror = function () { clearTimeout(timer); reject(new Error("missing: " + url)); };
        element.src = url;
        document.body.appendChild(element);
      });
    }));
  }

  function decode(text) {
    var out = [], doc = 0, parts = text ? text.split(".") : [];
    for (var i = 0; i < parts.length; i++) { var v = parseInt(parts[i], 36); doc += Math.floor(v / 16); out.push(doc, v % 16); }
    return out;  // doc, impact, doc, impact...
  }

  function shardFor(term) {  // the last shard whose first term is <= term
    var list = manifest.shards, lo = 0, hi = list.length - 1, found = 0;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (list[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1; }
    return found;
  }

  function pageOf(doc) {
    var lo = 0, hi = starts.length - 1, found = 0;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (starts[mid] <= doc) { found = mid; lo = mid + 1; } else hi = mid - 1; }
    return found;
  }

  /* ---- a query ---- */
  function parse(query, key) {  // the query as analyser ``key`` reads it
    var raw = analyse(query, key), open = !/\s$/.test(query), out = [];
    for (var i = 0; i < raw.length; i++) {
      var last = open && i === raw.length - 1;
      if (raw[i][2] && !last) continue;
      // A stop word typed last may be the start of another word ("the" of "theatre"): looked for, never required.
      out.push({ word: key === "en" ? raw[i][0] : unaccent(raw[i][0]), term: raw[i][1], prefix: last, optional: raw[i][2] });
    }
    return out;
  }

  function parseAll(query) {  // one reading of the query per analyser of the collection, the same ones once
    var seen = new Set(), out = [];
    keys.forEach(function (key) {
      var parsed = parse(query, key), id = JSON.stringify(parsed);
      if (parsed.length && !seen.has(id)) { seen.add(id); out.push(parsed); }
    });
    return out;
  }

  function neededShards(query) {
    var needed = new Set();
    query.forEach(function (q) {
      needed.add(shardFor(q.term));
      if (q.prefix) {
        var from = Math.min(shardFor(q.word), shardFor(q.term)), to = shardFor(q.word + "\uffff");
        for (var s = from; s <= Math.min(to, from + 1); s++) needed.add(s);
      }
    });
    return Array.from(needed).filter(function (s) { return !shards.has(s); });
  }

  function postingsOf(q) {  // Map doc -> impact; optional when the list was cut or the word is a stop word
    var found = new Map(), truncated = false, candidates = [];
    shards.forEach(function (shard) {
      Object.keys(shard).forEach(function (term) {
        if (term === q.term || (q.prefix && (term.indexOf(q.word) === 0 || term.indexOf(q.term) === 0)))
          candidates.push([term, shard[term]]);
      });
    });
    candidates.sort(function (a, b) { return (a[0] === q.term ? -1 : 0) - (b[0] === q.term ? -1 : 0) || b[1].length - a[1].length; });
    candidates.slice(0, MAX_EXPANSIONS).forEach(function (entry) {
      var text = entry[1];
      if (text.charAt(0) === "!") { truncated = true; text = text.slice(1); }
      var list = decode(text);
      for (var i = 0; i < list.length; i += 2) if ((found.get(list[i]) || 0) < list[i + 1]) found.set(list[i], list[i + 1]);
    });
    return { docs: found, optional: truncated || q.optional, matched: candidates.map(function (c) { return c[0]; }) };
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  function matcher(queries, matchedTerms) {
    var exact = new Set(matchedTerms);
    var query = [].concat.apply([], queries);
    return function (word) {
      return keys.some(function (key) {
        var t = analyse(word, key)[0];
        if (!t) return false;
        if (exact.has(t[1])) return true;
        var n = key === "en" ? t[0] : unaccent(t[0]);
        return query.some(function (q) { return q.prefix && (n.indexOf(q.word) === 0 || t[1].indexOf(q.term) === 0); });
      });
    };
  }

  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  function wordSpans(text, start, word, matches, spans) {  // a run of an unspaced script: its matching bigrams
    var chars = Array.from(word), at = [start];
    chars.forEach(function (c, i) { at.push(at[i] + c.length); });
    for (var i = 0; i < chars.length; i++) {
      var pair = chars.length === 1 ? chars[i] : chars[i] + (chars[i + 1] || "");
      if ((i + 1 < chars.length || chars.length === 1) && BIGRAM_ONE.test(chars[i]) && matches(pair)) {
        var end = at[Math.min(i + Array.from(pair).length, chars.length)];
        if (spans.length && spans[spans.length - 1][1] >= at[i]) spans[spans.length - 1][1] = end;
        else spans.push([at[i], end]);
      }
    }
  }
  function marked(text, matches, window) {
    var spans = [], first = -1, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (keys.length > 1 || keys[0] !== "en" ? BIGRAM_ONE.test(m[0]) : false) {
        var before = spans.length;
        wordSpans(text, m.index, m[0], matches, spans);
        if (spans.length > before && first < 0) first = spans[before][0];
      } else if (matches(m[0])) { spans.push([m.index, m.index + m[0].length]); if (first < 0) first = m.index; }
    }
    var start = 0, end = text.length;
    if (window && text.length > window) {
      start = Math.max(0, first - 80);
      if (start > 0) { var space = text.indexOf(" ", start); start = space >= 0 && space < first ? space + 1 : start; }
      end = Math.min(text.length, start + window);
    }
    var out = start > 0 ? "…" : "", at = start;
    spans.forEach(function (s) {
      if (s[0] < end && s[1] > end) end = s[1];  // a match at the edge is shown whole
      if (s[0] < start || s[1] > end) return;
      out += escape(text.slice(at, s[0])) + "<mark>" + escape(text.slice(s[0], s[1])) + "</mark>";
      at = s[1];
    });
    return out + escape(text.slice(at, end)) + (end < text.length ? "…" : "");
  }

  function changedResult() {
    return { items: [[{ location: "#", title: "The search index has changed: reload the page to search it",
      text: "<p>The site was rebuilt since this page was opened. Reload the page to search it.</p>", score: 1, terms: {} }]] };
  }

  function unavailableResult() {
    return { items: [[{ location: "#", title: "Search is unavailable",
      text: "<p>A part of the search index could not be loaded. Reload the page to try again.</p>", score: 1, terms: {} }]] };
  }

  function rank(lists) {  // [page, score, Map doc -> score] of the pages that hold every required word of ``lists``
    var required = lists.filter(function (l) { return !l.optional; });  // cut lists and stop words: scored, not required
    var byPage = new Map();  // page -> Map doc -> score, and the words each page has
    var base = required.length ? required : lists;
    base.forEach(function (list) {
      list.docs.forEach(function (impact, doc) {
        var page = pageOf(doc);
        if (!byPage.has(page)) byPage.set(page, { docs: new Map(), words: new Set() });
      });
    });
    lists.forEach(function (list, index) {
      list.docs.forEach(function (impact, doc) {
        var entry = byPage.get(pageOf(doc));
        if (!entry) return;
        entry.docs.set(doc, (entry.docs.get(doc) || 0) + impact);
        entry.words.add(index);
      });
    });
    var ranked = [];
    byPage.forEach(function (entry, page) {
      if (required.some(function (list) { return !entry.words.has(lists.indexOf(list)); })) return;  // every word, somewhere on the page
      var score = 0;
      lists.forEach(function (list) {
        var top = 0;
        entry.docs.forEach(function (s, doc) { var v = list.docs.get(doc) || 0; if (v > top) top = v; });
        score += top;
      });
      ranked.push([page, score, entry.docs]);
    });
    return ranked;
  }

  async function search(query, id) {
    // Let queries already sent arrive first: while the reader types fast, only the last one is worked on.
    await new Promise(function (resolve) { setTimeout(resolve, 0); });
    if (id !== latest) return null;
    if (unavailable || !manifest) return unavailableResult();
    var parsedAll = parseAll(query);
    if (!parsedAll.length) return { items: [] };
    var needed = new Set();
    parsedAll.forEach(function (parsed) { neededShards(parsed).forEach(function (s) { needed.add(s); }); });
    try { await load(Array.from(needed).sort(function (a, b) { return a - b; }).map(function (s) { return BASE + "shard-" + s + ".js"; })); }
    catch (error) { return unavailableResult(); }
    if (id !== latest) return null;
    if (changed) return changedResult();
    // Each analyser's reading of the query ranks the pages holding all its words; a page keeps its best score.
    var best = new Map(), matched = [];
    parsedAll.forEach(function (parsed) {
      var lists = parsed.map(postingsOf);
      lists.forEach(function (l) { matched = matched.concat(l.matched); });
      rank(lists).forEach(function (r) {
        var had = best.get(r[0]);
        if (!had || had[1] < r[1]) best.set(r[0], r);
      });
    });
    var ranked = Array.from(best.values());
    ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var total = ranked.length;
    var listed = ranked.slice(MAX_PAGES, MAX_LISTED);
    ranked = ranked.slice(0, MAX_PAGES);
    var block = manifest.titleBlock || 32;
    var wanted = ranked.filter(function (r) { return !pages.has(r[0]); }).map(function (r) { return BASE + "page-" + r[0] + ".js"; });
    Array.from(new Set(listed.map(function (r) { return Math.floor(r[0] / block); })))
      .filter(function (b) { return !titles.has(b); })
      .forEach(function (b) { wanted.push(BASE + "titles-" + b + ".js"); });
    try { await load(wanted); }
    catch (error) { return unavailableResult(); }
    if (id !== latest) return null;
    if (changed) return changedResult();
    var matches = matcher(parsedAll, matched);
    var seen = {};
    parsedAll.forEach(function (parsed) { parsed.forEach(function (q) { seen[q.word] = true; }); });
    var items = ranked.map(function (r) {
      var page = r[0], docs = pages.get(page), first = starts[page], group = [];
      var sections = [];
      r[2].forEach(function (score, doc) { if (doc !== first) sections.push([doc, score]); });
      sections.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      var head = docs[0];
      var item = { location: head[0], title: marked(head[1], matches, 0), text: r[2].has(first) ? marked(head[2], matches, 320) : "",
        score: r[2].get(first) || 0, terms: seen };
      if (head[3] && head[3].length) item.tags = head[3].map(escape);
      group.push(item);
      sections.slice(0, MAX_SECTIONS).forEach(function (s) {
        var d = docs[s[0] - first];
        if (d) group.push({ location: d[0], title: marked(d[1], matches, 0), text: marked(d[2], matches, 320), score: s[1], terms: seen });
      });
      return group;
    });
    listed.forEach(function (r) {
      var entry = (titles.get(Math.floor(r[0] / block)) || [])[r[0] % block];
      if (entry) items.push([{ location: entry[0], title: marked(entry[1], matches, 0), text: "", score: r[1], terms: seen }]);
    });
    if (total > MAX_LISTED)
      items.push([{ location: "#", title: (total - MAX_LISTED) + " more pages match: add a word to narrow the search", text: "",
        score: 0, terms: {} }]);
    return { items: items };
  }

  addEventListener("message", async function (event) {
    var message = event.data || {};
    if (message.type === 0) {
      try {
        await load([BASE + "manifest.js"]);
        if (manifest && manifest.languages) {  // a collection in other languages: their stemmers, then their analysers
          var scripts = stemmerScripts(manifest.languages);
          for (var i = 0; i < scripts.length; i++) await load(scripts[i]);
          configure(manifest.languages);
        }
        var total = 0;
        starts = manifest.starts ? manifest.starts.split(".").map(function (v) { total += parseInt(v, 36); return total; }) : [];
      } catch (error) { unavailable = true; }
      postMessage({ type: 1 });
    } else if (message.type === 2) {
      var id = ++latest;
      var result = await search(String(message.data || ""), id);
      if (result && id === latest) postMessage({ type: 3, data: result });
    }
  });
})();
