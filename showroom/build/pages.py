"""Which pages to redo: a page is rendered again only when its inputs changed."""

from __future__ import annotations

import logging
import operator
from collections import Counter
from typing import Any

from showroom.build.fingerprints import Fingerprints
from showroom.build.prepare import Prepared, settings_digest
from showroom.build.state import PageRecord
from showroom.content.model import same_objects
from showroom.hashing import text_digest
from showroom.output import OutputPlan, Planned
from showroom.render.pages import PRODUCT_TEMPLATE, Renderer
from showroom.render.template_deps import TemplateDigests
from showroom.site import urls
from showroom.state.files import FileDigests
from showroom.state.reads import Access, read_value

log = logging.getLogger(__name__)

#: What a page was made from, as the last build of a process saw it: the setting (template
#: and settings), the context's values (`PageJob.deps`) and their fingerprint.
PageInputs = tuple[str, tuple[object, ...], str]


def plan_pages(
    prepared: Prepared,
    files: FileDigests,
    plan: OutputPlan,
    previous: dict[str, PageRecord],
    template_references: dict[str, tuple[str | None, ...]],
    parse_keys: dict[int, str],
    memory: dict[str, Any],
) -> tuple[dict[str, int], int, dict[str, PageRecord]]:
    """Render the pages whose inputs changed; the others are planned as unchanged.

    A page's inputs are fingerprinted; a long-running process skips even that for a page
    whose context holds the very objects it held last time (`memory`)."""
    renderer, site = prepared.renderer, prepared.checked.site
    config = site.config
    templates = TemplateDigests(renderer.env, template_references)
    settings = text_digest(
        settings_digest(config, site.build_date, prepared.theme, files),
        sorted(renderer.catalogue.files),
        sorted(renderer.catalogue.pages.items()),
    )
    earlier = memory.get("fingerprints")
    fingerprints = Fingerprints(
        renderer.photos,
        renderer.catalogue.pages,
        parse_keys,
        prepared.photos.keys,
        earlier[1] if earlier is not None and earlier[0] == settings else None,
    )
    memory["fingerprints"] = (settings, fingerprints.memo)  # pruned at the end
    last_inputs: dict[str, PageInputs] = memory.get("pages", {})
    inputs: dict[str, PageInputs] = {}
    memory["pages"] = inputs
    pages: Counter[str] = Counter()
    records: dict[str, PageRecord] = {}
    rendered = 0
    read_memo: dict[Access, str] = {}
    everything = (site.products, site.halls)

    def read(access: Access) -> str:
        if access not in read_memo:
            read_memo[access] = fingerprints.of(read_value(site, access, everything))
        return read_memo[access]

    # After a build in this process, every record's reads were fingerprinted as that build
    # saw them: a page's reads are unchanged unless one of the reads that changed is its.
    last_reads: dict[Access, str] | None = memory.get("reads")
    accesses: dict[str, frozenset[Access]] = memory.get("accesses", {})
    changed_reads = (
        set() if last_reads is None else {a for a, fp in last_reads.items() if read(a) != fp}
    )

    def reads_unchanged(path: str, old: PageRecord) -> bool:
        known = accesses.get(path) if last_reads is not None else None
        if known is not None:
            return known.isdisjoint(changed_reads)
        return all(read(a) == fp for a, fp in old.reads)

    page_accesses: dict[str, frozenset[Access]] = {}
    per_template: dict[str, str] = {}

    # Product pages whose context is made of the very objects it was made of last time, in
    # a process that built before: carried over in bulk (a rebuild after one edit at 5,000
    # products would otherwise spend most of its time looking at unchanged pages).
    product_setting = text_digest(settings, templates.of(PRODUCT_TEMPLATE))
    per_template[PRODUCT_TEMPLATE] = product_setting
    carried = _unchanged_product_pages(
        renderer,
        fingerprints,
        memory,
        product_setting,
        last_inputs,
        previous,
        accesses if last_reads is not None else {},
        changed_reads,
    )
    if carried:
        olds = {path: previous[path] for path, _ in carried.values()}
        records.update(olds)
        inputs.update(carried.values())
        page_accesses.update({path: accesses[path] for path in olds})
        unchanged = {path: Planned(old.output) for path, old in olds.items()}
        digests = {path: old.output for path, old in olds.items()}
        origins = dict.fromkeys(unchanged, "the product page")
        # Present in the folder: a record's pages are what the folder holds (see write_site).
        if not plan.add_known(unchanged, origins, digests, present=True):
            for path, planned in unchanged.items():
                plan.unchanged(path, planned.digest, "the product page")
        pages["product"] += len(carried)

    for job in renderer.jobs(skip_products=carried):
        pages[job.kind] += 1
        origin = f"the {job.kind} page"
        setting = per_template.get(job.template)
        if setting is None:
            setting = per_template[job.template] = text_digest(settings, templates.of(job.template))
        last = last_inputs.get(job.path)
        if last is not None and last[0] == setting and _same(last[1], job.deps, fingerprints):
            base = last[2]
        else:
            base = text_digest(setting, job.kind, job.path, fingerprints.of_all(job.deps))
        inputs[job.path] = (setting, job.deps, base)
        old = previous.get(job.path)
        if old is not None and old.base == base and reads_unchanged(job.path, old):
            plan.unchanged(job.path, old.output, origin)
            records[job.path] = old
            page_accesses[job.path] = accesses.get(job.path) or frozenset(a for a, _ in old.reads)
            continue
        reads: set[Access] = set()
        renderer.access_log.current = reads
        try:
            page = job.render()
        finally:
            renderer.access_log.current = None
        digest = plan.data(page.path, page.data, origin)
        fingerprinted = tuple((a, read(a)) for a in sorted(reads))
        records[job.path] = PageRecord(base, fingerprinted, digest)
        page_accesses[job.path] = frozenset(reads)
        rendered += 1
    # For the next build of this process, once this one is published (see write_site).
    memory["next reads"] = (read_memo, page_accesses)
    # The model's objects, a few times over: the builds of a day of editing.
    limit = 4 * (len(site.products) + len(site.companies) + len(records)) + 10_000
    memory["fingerprints"] = (settings, fingerprints.pruned(limit))
    return dict(pages), rendered, records


def _unchanged_product_pages(
    renderer: Renderer,
    fingerprints: Fingerprints,
    memory: dict[str, Any],
    setting: str,
    last_inputs: dict[str, PageInputs],
    previous: dict[str, PageRecord],
    accesses: dict[str, frozenset[Access]],
    changed_reads: set[Access],
) -> dict[str, tuple[str, PageInputs]]:
    """slug -> (output path, inputs) of the product pages known unchanged without rendering
    or fingerprinting them, in a process that built before: the page's record is the last
    build's, with the same template and settings, nothing it read through `site` changed,
    and its context (`Renderer.product_deps`) is the very objects of last time (the product,
    company, category and hall; or the hall is a new one with the same products in the same
    order and the products the page shows are the very same)."""
    site = renderer.site
    last = memory.get("product contexts")
    references = (site.companies, site.categories)
    # The companies and categories all the very same objects: a product's are then too.
    same_references = last is not None and all(map(same_objects, last[0], references))
    before_all: dict[str, tuple[Any, ...]] = {} if last is None else last[1]
    made: dict[str, tuple[Any, ...]] = {}
    memory["product contexts"] = (references, made)
    paths: dict[str, str] = memory.setdefault("product page paths", {})
    halls = site.hall_by_category
    found: dict[str, tuple[str, PageInputs]] = {}
    for p in site.products:
        slug = p.slug
        hall = halls[p.category]
        path = paths.get(slug)
        if path is None:
            path = paths[slug] = urls.output_file(urls.product(slug))
        made[slug] = (p, hall)
        before = before_all.get(slug)
        if before is None or before[0] is not p or not same_references or not accesses:
            continue
        inputs, old = last_inputs.get(path), previous.get(path)
        if inputs is None or old is None or inputs[0] != setting or old.base != inputs[2]:
            continue
        if changed_reads:
            known = accesses.get(path)
            if known is None or not known.isdisjoint(changed_reads):
                continue
        elif path not in accesses:
            continue
        if before[1] is not hall:  # a new hall object: look closer
            deps = renderer.product_deps(p)
            if not _same(inputs[1], deps, fingerprints):
                continue
            inputs = (setting, deps, inputs[2])
        found[slug] = (path, inputs)
    return found


def _same(a: tuple[object, ...], b: tuple[object, ...], fingerprints: Fingerprints) -> bool:
    """Whether two page contexts are the same: the very same objects, or values with the same
    fingerprints (kept from build to build; what the page's base is made of)."""
    if len(a) != len(b):
        return False
    if all(map(operator.is_, a, b)):
        return True
    of = fingerprints.of
    return all(x is y or of(x) == of(y) for x, y in zip(a, b, strict=True))
