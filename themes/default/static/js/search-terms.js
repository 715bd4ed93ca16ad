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

// English stems (showroom/search/english.py, which describes them): Porter2's steps 1a, 1b,
// 1c and 5, for the pages in a language whose words are stemmed (rules.stem).
const VOWEL = new Set("aeiouy");
const DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
const R1_PREFIXES = ["gener", "commun", "arsen"];
const ED_SUFFIXES = ["eedly", "ingly", "edly", "eed", "ing", "ed"];
const isVowel = (char) => VOWEL.has(char);
const endsWithAny = (word, suffixes) => suffixes.some((s) => word.endsWith(s));

function region(word, start = 0) {
  for (let n = Math.max(start, 1); n < word.length; n++) {
    if (isVowel(word[n - 1]) && !isVowel(word[n])) return n + 1;
  }
  return word.length;
}

function r1(word) {
  const prefix = R1_PREFIXES.find((p) => word.startsWith(p));
  return prefix === undefined ? region(word) : prefix.length;
}

function shortSyllable(word) {
  const n = word.length;
  if (n === 2) return isVowel(word[0]) && !isVowel(word[1]);
  return (
    n > 2 && !isVowel(word[n - 3]) && isVowel(word[n - 2]) && !isVowel(word[n - 1]) &&
    !"wxY".includes(word[n - 1])
  );
}

function step1a(word) {
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (endsWithAny(word, ["ied", "ies"])) return word.slice(0, -3) + (word.length > 4 ? "i" : "ie");
  if (endsWithAny(word, ["us", "ss"])) return word;
  if (word.endsWith("s") && [...word.slice(0, -2)].some(isVowel)) return word.slice(0, -1);
  return word;
}

function step1b(word) {
  const suffix = ED_SUFFIXES.find((s) => word.endsWith(s));
  if (suffix === undefined) return word;
  if (suffix.startsWith("eed")) {
    return word.length - suffix.length >= r1(word) ? word.slice(0, 2 - suffix.length) : word;
  }
  const stem = word.slice(0, -suffix.length);
  if (![...stem].some(isVowel)) return word;
  if (endsWithAny(stem, ["at", "bl", "iz"])) return stem + "e";
  if (endsWithAny(stem, DOUBLES)) return stem.slice(0, -1);
  if (r1(stem) >= stem.length && shortSyllable(stem)) return stem + "e";
  return stem;
}

function step1c(word) {
  const n = word.length;
  if (n > 2 && "yY".includes(word[n - 1]) && !isVowel(word[n - 2])) {
    return word.slice(0, -1) + "i";
  }
  return word;
}

function step5(word) {
  const start = r1(word);
  if (word.endsWith("e")) {
    const at = word.length - 1;
    if (at >= region(word, start + 1) || (at >= start && !shortSyllable(word.slice(0, -1)))) {
      return word.slice(0, -1);
    }
  } else if (word.endsWith("ll") && word.length - 1 >= region(word, start + 1)) {
    return word.slice(0, -1);
  }
  return word;
}

export function stem(word, rules) {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  if (Object.hasOwn(rules.stemExceptions, word)) return rules.stemExceptions[word];
  const chars = [...word];
  chars.forEach((char, n) => {
    if (char === "y" && (n === 0 || isVowel(chars[n - 1]))) chars[n] = "Y";
  });
  const marked = step1a(chars.join(""));
  if (rules.stemInvariant.includes(marked)) return marked;
  return step5(step1c(step1b(marked))).replaceAll("Y", "y");
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
      const asked = isHangul(part) ? stripEnding(part, rules) : rules.stem ? stem(part, rules) : part;
      const term = encode(asked, rules);
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
