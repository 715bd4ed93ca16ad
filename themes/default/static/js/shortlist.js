// The shortlist (관심 제품): the toggles of the product cards and pages, the header's count,
// and the shortlist page with its inquiry per company. Progressive enhancement: the toggles
// and the header link are `hidden` in the HTML and shown here, so without JavaScript nothing
// of it is seen. The list lives in localStorage and in the shortlist page's address
// (?p=slug1,slug2). Only the site's own product records are fetched (same origin); nothing
// is sent anywhere: an inquiry is a mailto: link the buyer's own mail program opens.

const KEY = "showroom-shortlist";
const BUYER_KEY = "showroom-buyer";
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export function readList() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(value) ? unique(value.filter((s) => typeof s === "string")) : [];
  } catch {
    return [];
  }
}

export function writeList(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(unique(list)));
  } catch {
    // Storage refused (private mode, full): the list lives in this page alone.
  }
  document.dispatchEvent(new CustomEvent("shortlist-change"));
}

export function unique(slugs) {
  return [...new Set(slugs.filter((slug) => SLUG.test(slug)))];
}

// The slugs of an address's `p` parameter (?p=a,b), or null when it has none.
export function fromAddress(search) {
  const value = new URLSearchParams(search).get("p");
  return value === null ? null : unique(value.split(","));
}

export function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

// The words for a count: for exactly one, the singular where the language has one
// (`<key>_one`: "1 product"; showroom/render/buyers.py, script_config).
export function counted(strings, key, count) {
  return count === 1 && strings[key + "_one"] !== undefined ? strings[key + "_one"] : strings[key];
}

// A mailto: URL as RFC 6068 writes it: the subject and body percent-encoded as UTF-8
// (encodeURIComponent), line ends CRLF (%0D%0A), so Korean arrives intact.
export function mailto(href, subject, body) {
  const crlf = body.replace(/\r?\n/g, "\r\n");
  const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf)}`;
  return href + (href.includes("?") ? "&" : "?") + query;
}

// A product's record (compare/products/<slug>.json of the page's language), or null.
const records = new Map();
export function record(config, slug) {
  if (!records.has(slug)) {
    const url = new URL(`${config.data}${slug}.json`, location.href);
    const found = url.origin !== location.origin
      ? Promise.resolve(null)
      : fetch(url, { credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : null))
          .catch(() => null);
    records.set(slug, found);
  }
  return records.get(slug);
}

export function element(tag, className, text) {
  const found = document.createElement(tag);
  if (className) found.className = className;
  if (text !== undefined) found.textContent = text;
  return found;
}

function enhanceToggles() {
  const list = readList();
  for (const button of document.querySelectorAll("button[data-shortlist]")) {
    button.setAttribute("aria-pressed", String(list.includes(button.dataset.shortlist)));
    button.hidden = false;
  }
  const link = document.querySelector("[data-shortlist-link]");
  if (link) {
    link.hidden = false;
    link.querySelector(".shortlist-count").textContent = String(list.length);
  }
}

function toggle(button) {
  const slug = button.dataset.shortlist;
  const list = readList();
  writeList(list.includes(slug) ? list.filter((s) => s !== slug) : [...list, slug]);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-shortlist]");
  if (button) toggle(button);
});
document.addEventListener("shortlist-change", enhanceToggles);
window.addEventListener("storage", (event) => {
  if (event.key === KEY) document.dispatchEvent(new CustomEvent("shortlist-change"));
});
enhanceToggles();

// The cards the search script makes (search page, filtered halls) get their toggle here.
const PRODUCT_PATH = /\/products\/([a-z0-9][a-z0-9-]*)\/$/;
function addToggles(root) {
  const label = document.querySelector("[data-shortlist-link]")?.dataset.button;
  if (!label) return false;
  let added = false;
  for (const card of root.querySelectorAll(".card")) {
    const link = card.querySelector(".card-title a[href]");
    const found = link && PRODUCT_PATH.exec(new URL(link.href).pathname);
    if (!found || card.querySelector("button[data-shortlist]")) continue;
    const button = element("button", "shortlist-toggle");
    button.type = "button";
    button.dataset.shortlist = found[1];
    const icon = element("span", "shortlist-icon");
    icon.setAttribute("aria-hidden", "true");
    const name = element("span", "visually-hidden", `: ${link.textContent}`);
    button.append(icon, label, name);
    card.querySelector(".card-body").append(button);
    added = true;
  }
  return added;
}
for (const list of document.querySelectorAll(".results")) {
  new MutationObserver(() => addToggles(list) && enhanceToggles()).observe(list, { childList: true });
}

const app = document.querySelector("[data-shortlist-app]");
const configElement = document.getElementById("buyers-config");
if (app && configElement) {
  import("./shortlist-page.js").then((module) =>
    module.start(app, JSON.parse(configElement.textContent)),
  );
}

export function readBuyer() {
  try {
    const value = JSON.parse(localStorage.getItem(BUYER_KEY) || "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

export function writeBuyer(buyer) {
  try {
    localStorage.setItem(BUYER_KEY, JSON.stringify(buyer));
  } catch {
    // Kept in the form alone.
  }
}

// On the pages of another language, the text still in the default one (a product not
// translated, a unit written in Korean) is marked with its language, as the build marks the
// pages' own text (showroom/render/languages.py, mark_default_language): in each text node,
// the words from the first to the last that holds Hangul go in a <span lang>.
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;
export function markDefaultLanguage(root, tag) {
  if (!tag || document.documentElement.lang === tag) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!HANGUL.test(node.data) || parent.closest("script, style, textarea")) continue;
    const marked = parent.closest("[lang]");
    if (marked && marked.lang.split("-")[0].toLowerCase() === tag) continue;
    found.push(node);
  }
  for (const node of found) {
    const words = [...node.data.matchAll(/\S+/g)].filter((m) => HANGUL.test(m[0]));
    const start = words[0].index;
    const end = words[words.length - 1].index + words[words.length - 1][0].length;
    const span = element("span", "", node.data.slice(start, end));
    span.lang = tag;
    node.replaceWith(node.data.slice(0, start), span, node.data.slice(end));
  }
}
