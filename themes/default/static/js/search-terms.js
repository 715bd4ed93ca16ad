// Query terms for the search index: the same rules as showroom/search/terms.py, which
// describes them; `rules` is that module's RULES, handed over by the page as JSON.
// tests/test_search_terms.py runs both on the same inputs.

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
const WORD = /[0-9a-z\uac00-\ud7a3]+(?:-[0-9a-z\uac00-\ud7a3]+)*/g;
const RUN = /[0-9a-z]+|[\uac00-\ud7a3]+/g;

const legalPatterns = new WeakMap();

function legalPattern(rules) {
  let pattern = legalPatterns.get(rules);
  if (!pattern) {
    const escaped = rules.legalForms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    pattern = new RegExp(escaped.join("|"), "g");
    legalPatterns.set(rules, pattern);
  }
  return pattern;
}

export function normalise(text, rules) {
  const lower = text.normalize("NFKC").toLowerCase();
  const folded = lower.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
  return folded.replace(DASHES, "-").replace(legalPattern(rules), " ");
}

export function isHangul(part) {
  const code = part.charCodeAt(0);
  return code >= HANGUL_FIRST && code <= HANGUL_LAST;
}

export function encode(part, rules) {
  let out = "";
  for (const char of part) {
    const code = char.charCodeAt(0);
    const latin = rules.latin.indexOf(char);
    if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
      out += String.fromCharCode(rules.codeFirst + code - HANGUL_FIRST);
    } else if (latin >= 0) {
      out += String.fromCharCode(rules.latinFirst + latin);
    } else {
      out += char;
    }
  }
  return out;
}

export function stripEnding(part, rules) {
  for (const ending of rules.endings) {
    if (part.endsWith(ending) && part.length - ending.length >= rules.minStem) {
      return part.slice(0, -ending.length);
    }
  }
  return part;
}

export function words(text, rules) {
  const found = [];
  for (const match of normalise(text, rules).matchAll(WORD)) {
    found.push(match[0].split("-").flatMap((piece) => piece.match(RUN) || []));
  }
  return found;
}

// The encoded terms Pagefind is asked for; every one must match (as a prefix).
export function queryTerms(query, rules) {
  return queryWords(query, rules).map(([term]) => term);
}

// (encoded term, the word as typed) for each term Pagefind is asked for, in order; the terms
// of a synonym phrase (rules.phrases, longest first) become its one term, glued together.
export function queryWords(query, rules) {
  const found = new Map();
  for (const parts of words(query, rules)) {
    if (parts.length > 1 && !parts.some(isHangul)) {
      const joined = parts.join("");
      const term = encode(joined, rules);
      if (!found.has(term)) found.set(term, joined);
      continue;
    }
    for (const part of parts) {
      const term = encode(isHangul(part) ? stripEnding(part, rules) : part, rules);
      if (!found.has(term)) found.set(term, part);
    }
  }
  return rules.phrases && rules.phrases.length ? glued([...found], rules.phrases) : [...found];
}

function glued(pairs, phrases) {
  const found = new Map();
  let at = 0;
  while (at < pairs.length) {
    const phrase = phrases.find((terms) => terms.every((t, i) => pairs[at + i]?.[0] === t));
    if (phrase) {
      const key = phrase.join("");
      const text = pairs.slice(at, at + phrase.length).map(([, word]) => word).join(" ");
      if (!found.has(key)) found.set(key, text);
      at += phrase.length;
    } else {
      if (!found.has(pairs[at][0])) found.set(pairs[at][0], pairs[at][1]);
      at += 1;
    }
  }
  return [...found];
}

// The query's words without stop words and narrowing endings, and what was left out; a
// phrase is kept as it is (showroom/search/terms.py, `widened`).
export function widened(query, rules) {
  const kept = [];
  const left = [];
  for (const [term, text] of queryWords(query, rules)) {
    if (text.includes(" ")) {
      kept.push([term, text]);
      continue;
    }
    const stem = isHangul(text) ? stripEnding(text, rules) : text;
    if (rules.stopWords.includes(text) || rules.stopWords.includes(stem)) {
      left.push(text);
      continue;
    }
    const ending = rules.widenEndings.find(
      (e) => isHangul(stem) && stem.endsWith(e) && stem.length - e.length >= rules.minStem,
    );
    if (ending === undefined) {
      kept.push([term, text]);
    } else {
      const shorter = stem.slice(0, -ending.length);
      kept.push([encode(shorter, rules), shorter]);
      left.push("-" + ending);
    }
  }
  return [kept, left];
}
