// Queries the index cannot answer as typed: 초성 (ㄱㄹㄷ), the wrong keyboard layout (rkfhemd
// for 가로등, ㅊㅊㅅㅍ for cctv) and one typo (가로듬). showroom/search/fuzzy.py describes the
// vocabulary this reads and holds the same conversions (a test runs both on the same inputs).
// search.js imports this module, and the vocabulary, only when a query found nothing.

import { isHangul, queryTerms, stripEnding, words } from "./search-terms.js";

const HANGUL_FIRST = 0xac00;
const SYLLABLES = 11172;
const MAX_SUGGESTIONS = 3;
// A conjoining initial consonant (U+1100-U+1112, what NFKC makes of ㄱ) as compatibility jamo.
const CONJOINING = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";

function syllable(char) {
  const n = char.charCodeAt(0) - HANGUL_FIRST;
  return n >= 0 && n < SYLLABLES ? n : -1;
}

// The initial consonants of a word's Hangul syllables (others are left out).
export function initials(word, rules) {
  let out = "";
  for (const char of word) {
    const n = syllable(char);
    if (n >= 0) out += rules.initials[Math.floor(n / 588)];
  }
  return out;
}

// The 두벌식 keys that type `text`; characters that are not Hangul stay as they are.
export function toKeys(text, rules) {
  let out = "";
  for (const char of text) {
    const n = syllable(char);
    const finals = ["", ...rules.finals];
    const jamo =
      n < 0
        ? char
        : rules.initials[Math.floor(n / 588)] +
          rules.vowels[Math.floor(n / 28) % 21] +
          finals[n % 28];
    for (const c of jamo) for (const j of rules.pairs[c] || c) out += rules.keys[j] || j;
  }
  return out;
}

function jamoOfKey(rules) {
  if (!rules.jamoOfKey) {
    rules.jamoOfKey = {};
    rules.joined = {};
    for (const [jamo, key] of Object.entries(rules.keys)) rules.jamoOfKey[key] = jamo;
    for (const [jamo, pair] of Object.entries(rules.pairs)) rules.joined[pair] = jamo;
  }
  return rules.jamoOfKey;
}

// What the 두벌식 keys type, composed as an input method composes them (fuzzy.py, to_hangul).
export function toHangul(keys, rules) {
  const table = jamoOfKey(rules);
  const joined = rules.joined;
  const out = [];
  let initial = "";
  let vowel = "";
  let final = "";
  const flush = () => {
    if (initial && vowel) {
      const code =
        rules.initials.indexOf(initial) * 588 +
        rules.vowels.indexOf(vowel) * 28 +
        (final ? rules.finals.indexOf(final) + 1 : 0);
      out.push(String.fromCharCode(HANGUL_FIRST + code));
    } else {
      out.push(initial + vowel);
    }
    initial = vowel = final = "";
  };
  for (const key of keys) {
    const jamo = table[key] || table[key.toLowerCase()];
    if (jamo === undefined) {
      flush();
      out.push(key);
    } else if (rules.vowels.includes(jamo)) {
      if (final) {
        const pair = rules.pairs[final];
        const moved = pair ? pair[1] : final;
        final = pair ? pair[0] : "";
        flush();
        initial = moved;
      } else if (joined[vowel + jamo]) {
        vowel = joined[vowel + jamo];
        continue;
      } else if (vowel || !initial) {
        flush();
      }
      vowel = jamo;
    } else if (initial && vowel && !final && rules.finals.includes(jamo)) {
      final = jamo;
    } else if (joined[final + jamo] && final) {
      final = joined[final + jamo];
    } else {
      flush();
      initial = jamo;
    }
  }
  flush();
  return out.join("");
}

// Edits between two strings (optimal string alignment), as fuzzy.py's `distance`.
export function distance(a, b) {
  const x = [...a];
  const y = [...b];
  let before = [];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      let cost = Math.min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x[i - 1] !== y[j - 1]));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        cost = Math.min(cost, before[j - 2] + 1);
      }
      current.push(cost);
    }
    before = row;
    row = current;
  }
  return row[y.length];
}

// -- the vocabulary ---------------------------------------------------------------------
const isSyllables = (text) => text.length > 0 && [...text].every((c) => syllable(c) >= 0);
const isLetters = (text) => /^[a-z]+$/.test(text);

// The vocabulary file, read for look-ups: each name's parts, every word and how many names
// and keyword lists hold it (a word of hyphenated Latin parts joined, as a query is read:
// wi-fi as wifi, shown as written), and each Hangul word's keys (for typos).
export function readVocabulary(data, rules) {
  const names = data.names.map((name) => name.split(" "));
  const count = new Map();
  const shown = new Map();
  const counted = (word) => count.set(word, (count.get(word) || 0) + 1);
  for (const parts of names) new Set(parts).forEach(counted);
  for (const word of data.words) {
    const joined = word.replaceAll("-", "");
    if (joined !== word) shown.set(joined, word);
    counted(joined);
  }
  const keys = [];
  for (const word of count.keys()) if (isSyllables(word)) keys.push([word, toKeys(word, rules)]);
  return { names, count, shown, keys };
}

function add(found, word, score, vocabulary) {
  const text = vocabulary.shown.get(word) || word;
  const known = found.get(text);
  if (!known || known.score < score) {
    found.set(text, { text, score, count: rank(word, vocabulary) });
  }
}

function rank(text, vocabulary) {
  return Math.min(...text.split(" ").map((word) => vocabulary.count.get(word) || 1));
}

// Words of names whose initial consonants are `wanted` (3: whole words, from a word's start
// over one or more words), begin with it (2: the last word's start) or hold it (1: inside a
// word). Two consonants must be a whole word's; three or more may be a part.
function byInitials(wanted, vocabulary, rules, found) {
  const short = wanted.length < 3;
  for (const parts of vocabulary.names) {
    const marks = parts.map((part) => initials(part, rules));
    for (let start = 0; start < parts.length; start++) {
      if (!marks[start]) continue;
      let typed = "";
      for (let end = start; end < parts.length && typed.length < wanted.length; end++) {
        typed += marks[end];
        const common = Math.min(typed.length, wanted.length);
        if (typed.slice(0, common) !== wanted.slice(0, common)) break;
        if (typed.length >= wanted.length && !(short && typed !== wanted)) {
          const text = parts.slice(start, end + 1).join(" ");
          add(found, text, typed === wanted ? 3 : 2, vocabulary);
        }
      }
      if (!short && marks[start].indexOf(wanted) > 0) {
        add(found, parts[start], 1, vocabulary);
      }
    }
  }
  for (const word of vocabulary.count.keys()) {
    const marks = initials(word, rules);
    if (marks.length !== word.length) continue;
    if (marks === wanted) add(found, word, 3, vocabulary);
    else if (!short && marks.startsWith(wanted)) add(found, word, 2, vocabulary);
  }
}

// The typed word in the other layout: Latin letters typed for Hangul (rkfhemd → 가로등), or
// Hangul typed for Latin letters and digits (ㅊㅊㅅㅍ → cctv, ㅗㅐ-ㅣㄴ200 → ho-ls200). Only a
// word of the vocabulary counts, or the start of one (two syllables, three letters or more),
// or letters with digits (a model number: the vocabulary has none; the index is asked).
// Hangul counts as mistyped Latin when it holds a jamo that makes no syllable (English typed
// with the Korean layout on mostly does: ㅣㄷㅇ), or as a word of the vocabulary (below).
function byLayout(token, vocabulary, rules, found) {
  if (/^[A-Za-z]+$/.test(token)) {
    for (const typed of new Set([token, token.toLowerCase()])) {
      const hangul = toHangul(typed, rules);
      if (!isSyllables(hangul)) continue;
      const stem = stripEnding(hangul, rules.terms); // 가로등을 → 가로등, but 지하차도 stays
      const word = vocabulary.count.has(hangul) ? hangul : stem;
      if (vocabulary.count.has(word)) add(found, word, 3.5, vocabulary);
      else if (word.length >= 2) byPrefix(word, word, vocabulary, found);
    }
  } else if ([...token].some((c) => syllable(c) >= 0 || /[\u3131-\u318e]/.test(c))) {
    const typed = toKeys(token, rules).toLowerCase();
    const parts = words(typed, rules.terms).flat();
    const word = parts.join("");
    if (!parts.length || !parts.every((p) => !isHangul(p))) return;
    if (/[a-z]/.test(word) && /[0-9]/.test(word)) {
      add(found, parts.join("-"), 3, vocabulary);
    } else if (!/[\u3131-\u318e]/.test(token)) {
      // Syllables alone (팿 for voc) are taken only for a Latin word of three letters or
      // more from the vocabulary: 소 (th) and 메 (ap) are Korean words.
      if (word.length >= 3 && vocabulary.count.has(word)) add(found, word, 3, vocabulary);
    } else if (vocabulary.count.has(word)) {
      add(found, word, 3.5, vocabulary);
    } else if (word.length >= 3 && isLetters(word)) {
      byPrefix(word, null, vocabulary, found);
    }
  }
}

// Words of the vocabulary that start with `word`: the query `text`, or each such word.
function byPrefix(word, text, vocabulary, found) {
  for (const known of vocabulary.count.keys()) {
    if (known.startsWith(word)) add(found, text || known, 2, vocabulary);
  }
}

// Words of the vocabulary one typing slip away: one key (두벌식) from Hangul words of three
// syllables or more (저류저 or 저륮 → 저류조), one letter between Latin words of four letters or
// more (ccvt → cctv, not lead → led). Two syllables are too close to other words: 반지 is one
// key from 방지, 우산 from 울산.
function byTypo(token, vocabulary, rules, found) {
  const parts = words(token, rules.terms).flat();
  if (parts.length !== 1) return;
  const [word] = parts;
  if (isSyllables(word) && word.length >= 2) {
    // As typed, and without an ending (심젖이 is 심정지 with two keys swapped, not 심젖 + 이).
    const forms = new Set([word, stripEnding(word, rules.terms)]);
    for (const typed of [...forms].map((form) => toKeys(form, rules))) {
      for (const [known, keys] of vocabulary.keys) {
        const near = known.length >= 3 && Math.abs(keys.length - typed.length) <= 1;
        if (near && distance(keys, typed) === 1) add(found, known, 1, vocabulary);
      }
    }
  } else if (isLetters(word) && word.length >= 4) {
    for (const known of vocabulary.count.keys()) {
      const near = known.length >= 4 && Math.abs(known.length - word.length) <= 1;
      if (near && isLetters(known) && distance(known, word) === 1) add(found, known, 1, vocabulary);
    }
  }
}

function candidates(token, vocabulary, rules) {
  const found = new Map();
  const jamo = [...token].map((c) => {
    const code = c.charCodeAt(0);
    return code >= 0x1100 && code <= 0x1112 ? CONJOINING[code - 0x1100] : c;
  });
  const chat = rules.chat.includes(jamo.join("")) || new Set(jamo).size === 1;
  // 초성 and the other keyboard layout are Korean typing's: not on the pages in English
  // (rules.typosOnly; showroom/search/fuzzy.py, rules_for).
  if (!rules.typosOnly) {
    if (jamo.length >= 2 && !chat && jamo.every((c) => rules.initials.includes(c))) {
      byInitials(jamo.join(""), vocabulary, rules, found);
    }
    byLayout(token.normalize("NFC"), vocabulary, rules, found);
  }
  if (!found.size) byTypo(token, vocabulary, rules, found);
  return [...found.values()].sort(
    (a, b) => b.score - a.score || b.count - a.count || a.text.length - b.text.length,
  );
}

// Queries made of vocabulary words for a query that found nothing, best first (at most
// three): each word the index answers stays, each other word is replaced by its candidates;
// a word with none means no suggestion, unless it is a stop word (제품, 업체 …: then asked
// again without the stop words). `hits(term)` says whether the index holds a term.
export async function suggest(query, vocabulary, rules, hits) {
  const tokens = query.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  const found = await suggestFor(tokens, vocabulary, rules, hits);
  if (found.length) return found;
  const stop = (token) => rules.terms.stopWords.includes(stripEnding(token, rules.terms));
  const kept = tokens.filter((token) => !stop(token));
  return kept.length && kept.length < tokens.length
    ? suggestFor(kept, vocabulary, rules, hits)
    : [];
}

async function suggestFor(tokens, vocabulary, rules, hits) {
  let partial = [{ words: [], score: 0 }];
  let changed = false;
  for (const token of tokens) {
    const terms = /[\u1100-\u11ff\u3131-\u318e]/.test(token) ? [] : queryTerms(token, rules.terms);
    let found = null;
    if (terms.length && (await Promise.all(terms.map(hits))).every(Boolean)) {
      found = [{ text: token, score: 4 }];
    } else {
      found = candidates(token, vocabulary, rules).slice(0, MAX_SUGGESTIONS);
      if (!found.length) return [];
      changed = true;
    }
    const next = [];
    for (const head of partial) {
      for (const c of found) {
        next.push({ words: [...head.words, c.text], score: head.score + c.score });
      }
    }
    next.sort((a, b) => b.score - a.score);
    partial = next.slice(0, MAX_SUGGESTIONS);
  }
  return changed ? partial.map((p) => p.words.join(" ")) : [];
}
