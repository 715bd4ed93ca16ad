// The comparison (/compare/?p=slug1,slug2,…): 2 to 4 products side by side in one table, a
// row per item; the specifications aligned by label (the same label on one row, whatever
// product has it), numbers in different units converted to one unit before they are
// compared (the record's `amount` and `unit`: 0.2 kW and 200 W are the same); a row whose
// values differ is marked with a text label, not colour alone. A product is removed with its
// column's button (by keyboard too); the address keeps the products compared.

import { element, format, fromAddress, markDefaultLanguage, record } from "./shortlist.js";

const MAX = 4;
const app = document.querySelector("[data-compare-app]");
const configElement = document.getElementById("buyers-config");
if (app && configElement) start(app, JSON.parse(configElement.textContent));

function start(app, config) {
  const S = config.strings;
  const status = app.querySelector(".compare-status");
  const holder = app.querySelector(".compare-scroll");
  app.hidden = false;
  app.querySelector(".compare-print").addEventListener("click", () => window.print());
  let slugs = fromAddress(location.search) || [];
  let note = slugs.length > MAX ? S.compare_too_many : "";
  slugs = slugs.slice(0, MAX);

  async function render(focusAfter) {
    const found = await Promise.all(slugs.map((slug) => record(config, slug)));
    const products = found.filter(Boolean);
    const missing = slugs.filter((slug, n) => !found[n]);
    const notes = [note];
    if (missing.length) notes.push(format(S.shortlist_missing, { slugs: missing.join(", ") }));
    if (products.length < 2) notes.push(S.compare_need);
    status.textContent = notes.filter(Boolean).join(" ");
    holder.replaceChildren(products.length ? table(products) : "");
    markDefaultLanguage(app, config.default_lang);
    app.dataset.ready = "true";
    if (focusAfter !== undefined) {
      const buttons = holder.querySelectorAll(".compare-remove");
      const target = buttons[Math.min(focusAfter, buttons.length - 1)];
      (target || status).focus();
    }
  }

  function remove(slug, index, name) {
    slugs = slugs.filter((s) => s !== slug);
    note = format(S.compare_removed, { name });
    const url = new URL(location.href);
    url.search = slugs.length ? `?p=${slugs.join(",")}` : "";
    history.replaceState(null, "", url.pathname + url.search);
    render(index);
  }

  function price(p) {
    if (p.price === null || p.price === undefined) return S.price_on_request;
    const amount = format(S.price_won, { amount: p.price.toLocaleString("ko-KR") });
    return p.unit ? `${amount} (${format(S.per_unit, { unit: p.unit })})` : amount;
  }

  function designation(p, kind) {
    const d = p.designations.find((x) => x.kind === kind);
    if (!d) return null;
    const state = d.current ? S.status_valid : S.status_expired;
    return { text: `${d.number} · ${d.from} ~ ${d.until} · ${state}`, key: `${d.number}|${d.current}` };
  }

  function certifications(p) {
    if (!p.certifications.length) return null;
    const parts = p.certifications.map((c) => {
      const base = c.number ? `${c.type} (${c.number})` : c.type;
      return c.current ? base : `${base} · ${S.certification_expired}`;
    });
    return { lines: parts, key: parts.join("|") };
  }

  function contact(p) {
    const c = p.company;
    const lines = [];
    if (c.contact) {
      const who = [c.contact.department, c.contact.name].filter(Boolean).join(" ");
      if (who) lines.push(who);
      if (c.contact.phone) lines.push(`${S.company_phone} ${c.contact.phone}`);
      if (c.contact.email) lines.push(`${S.company_email} ${c.contact.email}`);
    }
    if (!lines.length) {
      lines.push(`${S.company_phone} ${c.phone}`);
      if (c.email) lines.push(`${S.company_email} ${c.email}`);
    }
    return { lines, key: lines.join("|") };
  }

  function text(value) {
    return value ? { text: value, key: value.trim() } : null;
  }

  function specCell(p, label, mixed) {
    const spec = p.specs.find((s) => s.label === label);
    if (!spec) return null;
    const cell = { text: spec.value, key: spec.value.trim() };
    if (typeof spec.amount === "number") {
      cell.key = `${spec.amount} ${spec.unit}`;
      if (mixed && spec.written_unit !== spec.unit) {
        cell.normalised = `${S.compare_normalised} ${spec.amount.toLocaleString("ko-KR")} ${spec.unit}`;
      }
    }
    return cell;
  }

  function specRows(products) {
    const labels = [];
    for (const p of products) for (const s of p.specs) if (!labels.includes(s.label)) labels.push(s.label);
    return labels.map((label) => {
      const specs = products.map((p) => p.specs.find((s) => s.label === label)).filter(Boolean);
      const units = new Set(specs.map((s) => s.written_unit || ""));
      return [label, products.map((p) => specCell(p, label, units.size > 1))];
    });
  }

  function table(products) {
    const groups = [
      ["", [
        [S.company, products.map((p) => text(p.company.name))],
        [S.model, products.map((p) => text(p.model))],
        [S.spec, products.map((p) => text(p.spec))],
        [S.price, products.map((p) => ({ text: price(p), key: `${p.price}|${p.unit}` }))],
      ]],
      [S.specs, specRows(products)],
      [S.designations, [
        [S.designation_excellent, products.map((p) => designation(p, "excellent"))],
        [S.designation_innovation, products.map((p) => designation(p, "innovation"))],
        [S.certifications, products.map(certifications)],
      ]],
      [S.procurement, [
        [S.classification_number, products.map((p) => text(p.procurement.classification_number))],
        [S.detailed_number, products.map((p) => text(p.procurement.detailed_number))],
        [S.item_id, products.map((p) => text(p.procurement.item_id))],
      ]],
      [S.company_info, [[S.contact_heading, products.map(contact)]]],
    ];
    const tableElement = element("table", "compare-table");
    tableElement.append(element("caption", "", format(S.compare_caption, {
      count: products.length, date: app.dataset.date,
    })));
    tableElement.append(head(products));
    for (const [title, rows] of groups) {
      const body = element("tbody");
      if (title) {
        const tr = element("tr", "compare-group");
        const th = element("th", "", title);
        th.scope = "rowgroup";
        th.colSpan = products.length + 1;
        tr.append(th);
        body.append(tr);
      }
      // A row no product has a value in says nothing: left out.
      for (const [label, cells] of rows) if (cells.some(Boolean)) body.append(row(label, cells));
      if (body.children.length > (title ? 1 : 0)) tableElement.append(body);
    }
    return tableElement;
  }

  function head(products) {
    const thead = element("thead");
    const tr = element("tr");
    const corner = element("th", "", S.compare_item);
    corner.scope = "col";
    tr.append(corner);
    products.forEach((p, index) => {
      const th = element("th", "compare-product");
      th.scope = "col";
      if (p.photo) {
        const image = element("img", "compare-photo");
        image.src = p.photo;
        image.alt = "";
        image.width = 120;
        image.height = 90;
        th.append(image);
      }
      const link = element("a", "compare-name", p.name);
      link.href = p.url;
      if (p.fallback.includes("name")) link.lang = config.default_lang;
      th.append(link);
      const button = element("button", "button-link compare-remove");
      button.type = "button";
      button.append(element("span", "", "×"));
      button.firstChild.setAttribute("aria-hidden", "true");
      button.append(element("span", "visually-hidden", format(S.compare_remove, { name: p.name })));
      button.addEventListener("click", () => remove(p.slug, index, p.name));
      th.append(" ", button);
      tr.append(th);
    });
    thead.append(tr);
    return thead;
  }

  function row(label, cells) {
    const keys = cells.map((c) => (c ? c.key : ""));
    const differs = new Set(keys).size > 1;
    const tr = element("tr", differs ? "compare-row differs" : "compare-row");
    const th = element("th", "", label);
    th.scope = "row";
    const mark = element("span", differs ? "compare-mark differs-mark" : "compare-mark same-mark");
    const icon = element("span", "compare-icon", differs ? "≠" : "=");
    icon.setAttribute("aria-hidden", "true");
    mark.append(icon, " ", differs ? S.compare_differs : S.compare_same);
    th.append(" ", mark);
    tr.append(th);
    for (const cell of cells) {
      const td = element("td");
      if (!cell) td.textContent = S.not_given;
      else if (cell.lines) {
        for (const line of cell.lines) td.append(element("span", "compare-line", line));
      } else {
        td.append(cell.text);
        if (cell.normalised) td.append(" ", element("span", "compare-normalised", `(${cell.normalised})`));
      }
      tr.append(td);
    }
    return tr;
  }

  render();
}
