// The shortlist page: the products kept (from the address's ?p= when it has one, else from
// this browser), which of them to compare, the address to share, and an inquiry per company
// prefilled with its products and the buyer's details (kept in this browser only). Text from
// the records is only ever set as text, never parsed as HTML.

import {
  counted,
  element,
  format,
  fromAddress,
  mailto,
  markDefaultLanguage,
  readBuyer,
  readList,
  record,
  writeBuyer,
  writeList,
} from "./shortlist.js";

const MAX_COMPARED = 4;

export function start(app, config) {
  const S = config.strings;
  const items = app.querySelector(".shortlist-items");
  const status = app.querySelector(".shortlist-status");
  const compare = app.querySelector(".shortlist-compare");
  const hint = app.querySelector(".shortlist-compare-hint");
  const address = app.querySelector(".shortlist-address");
  const form = app.querySelector(".inquiry-form");
  const companies = app.querySelector(".inquiry-companies");
  const chosen = new Set();
  let shown = [];
  let focusAfter = null;

  const given = fromAddress(location.search);
  if (given !== null) writeList(given);
  app.hidden = false;

  const buyer = readBuyer();
  for (const input of form.elements) {
    if (input.name && typeof buyer[input.name] === "string") input.value = buyer[input.name];
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", () => {
    const values = {};
    for (const input of form.elements) if (input.name) values[input.name] = input.value;
    writeBuyer(values);
    renderInquiries();
  });
  app.querySelector(".shortlist-clear").addEventListener("click", () => writeList([]));
  document.addEventListener("shortlist-change", render);

  function updateLinks() {
    const list = readList();
    const share = new URL(config.shortlist, location.href);
    if (list.length) share.search = `?p=${list.join(",")}`;
    address.value = share.href;
    history.replaceState(null, "", share.pathname + share.search);
    const picked = shown.filter((p) => chosen.has(p.slug)).map((p) => p.slug);
    const usable = picked.length >= 2 && picked.length <= MAX_COMPARED;
    compare.hidden = !usable;
    hint.hidden = usable;
    compare.href = `${config.compare}?p=${picked.join(",")}`;
  }

  async function render() {
    const list = readList();
    const found = await Promise.all(list.map((slug) => record(config, slug)));
    if (list.join(",") !== readList().join(",")) return; // changed meanwhile: a newer render
    shown = found.filter(Boolean);
    for (const slug of [...chosen]) if (!list.includes(slug)) chosen.delete(slug);
    for (const p of shown) if (chosen.size < MAX_COMPARED && !chosen.has(p.slug) && !p.seen) {
      chosen.add(p.slug);
      p.seen = true;
    }
    const missing = list.filter((slug, n) => !found[n]);
    status.textContent = list.length === 0
      ? S.shortlist_empty
      : missing.length
        ? format(S.shortlist_missing, { slugs: missing.join(", ") })
        : "";
    items.replaceChildren(...shown.map(item));
    if (focusAfter !== null) {
      const target = items.querySelector(`[data-slug="${focusAfter}"] .shortlist-remove`);
      (target || status).focus();
      focusAfter = null;
    }
    updateLinks();
    renderInquiries();
    markDefaultLanguage(app, config.default_lang);
    app.dataset.ready = "true";
  }

  function item(product) {
    const li = element("li", "shortlist-item");
    li.dataset.slug = product.slug;
    if (product.photo) {
      const image = element("img", "shortlist-photo");
      image.src = product.photo;
      image.alt = "";
      image.width = 96;
      image.height = 72;
      image.loading = "lazy";
      li.append(image);
    }
    const body = element("div", "shortlist-body");
    const name = element("a", "shortlist-name", product.name);
    name.href = product.url;
    if (product.fallback.includes("name")) name.lang = config.default_lang;
    body.append(name);
    const facts = [product.model && `${S.model} ${product.model}`, product.company.name];
    body.append(element("p", "shortlist-facts", facts.filter(Boolean).join(" · ")));
    li.append(body);
    const label = element("label", "shortlist-pick");
    const box = element("input");
    box.type = "checkbox";
    box.checked = chosen.has(product.slug);
    box.addEventListener("change", () => {
      if (box.checked) chosen.add(product.slug);
      else chosen.delete(product.slug);
      updateLinks();
    });
    label.append(box, element("span", "", format(S.shortlist_compare_pick, { name: product.name })));
    const remove = element("button", "button-link shortlist-remove");
    remove.type = "button";
    remove.textContent = format(S.shortlist_remove, { name: product.name });
    remove.addEventListener("click", () => {
      // The focus goes to the next product's remove button once the list is made again.
      const next = li.nextElementSibling || li.previousElementSibling;
      focusAfter = next ? next.dataset.slug : "";
      writeList(readList().filter((s) => s !== product.slug));
    });
    li.append(label, remove);
    return li;
  }

  function buyerValues() {
    const values = {};
    for (const input of form.elements) if (input.name) values[input.name] = input.value.trim();
    return values;
  }

  function inquiryText(company, products, buyer) {
    const lines = [format(S.inquiry_greeting, { company: company.name }), "", S.inquiry_body_intro, ""];
    products.forEach((p, n) => {
      lines.push(`${n + 1}. ${p.name}`);
      if (p.model) lines.push(`   ${S.model}: ${p.model}`);
      if (p.procurement.item_id) lines.push(`   ${S.item_id}: ${p.procurement.item_id}`);
      lines.push(`   ${new URL(p.url, location.href).href}`);
    });
    lines.push("", `${S.inquiry_body_buyer}:`);
    const fields = [
      [S.buyer_organisation, buyer.organisation],
      [S.buyer_name, buyer.name],
      [S.buyer_phone, buyer.phone],
      [S.buyer_email, buyer.email],
    ];
    for (const [label, value] of fields) lines.push(`   ${label}: ${value || ""}`);
    lines.push("", S.inquiry_body_closing);
    return lines.join("\n");
  }

  function renderInquiries() {
    const buyer = buyerValues();
    const groups = new Map();
    for (const p of shown) {
      if (!groups.has(p.company.slug)) groups.set(p.company.slug, []);
      groups.get(p.company.slug).push(p);
    }
    const blocks = [];
    for (const products of groups.values()) {
      const company = products[0].company;
      const block = element("section", "inquiry-company");
      block.dataset.company = company.slug;
      const id = `inquiry-${company.slug}`;
      const heading = element("h3", "", format(counted(S, "inquiry_heading_company", products.length), {
        company: company.name, count: products.length,
      }));
      heading.id = `${id}-heading`;
      block.setAttribute("aria-labelledby", heading.id);
      const text = inquiryText(company, products, buyer);
      const label = element("label", "", format(S.inquiry_text_label, { company: company.name }));
      label.htmlFor = `${id}-text`;
      const area = element("textarea", "inquiry-text");
      area.id = `${id}-text`;
      area.readOnly = true;
      area.rows = Math.min(16, text.split("\n").length);
      area.value = text;
      block.append(heading, label, area);
      const target = (products.find((p) => p.company.inquiry) || products[0]).company.inquiry;
      const actions = element("p", "inquiry-actions");
      if (target.startsWith("mailto:")) {
        const subject = format(counted(S, "inquiry_subject", products.length), {
          organisation: buyer.organisation || "", company: company.name, count: products.length,
        });
        const link = element("a", "button inquiry-send", format(S.inquiry_send, { company: company.name }));
        const tidy = subject.replace(/\]\s+-\s+/, "] ").replace(/\s{2,}/g, " ").trim();
        link.href = mailto(target, tidy, text);
        actions.append(link);
      } else if (/^https?:\/\//.test(target)) {
        const link = element("a", "button inquiry-open", format(S.inquiry_open, { company: company.name }));
        link.href = target;
        link.rel = "noopener";
        actions.append(link);
      } else {
        actions.append(`${S.inquiry_no_address} ${S.company_phone}: ${company.phone}`);
      }
      block.append(actions);
      blocks.push(block);
    }
    companies.replaceChildren(...blocks);
    markDefaultLanguage(companies, config.default_lang);
  }

  render();
}
