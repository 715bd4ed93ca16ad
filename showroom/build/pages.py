"""Which pages to redo: a page is rendered again only when its inputs changed.

Every page is a `PageJob` that declares its inputs: its template, the values its context is
made of (`deps`), and, found while it renders, what its templates read through `site`. A page
is unchanged when all three are: its template and the settings by their digests, its context
by fingerprints (or, in a long-running process, by being the very same objects as last time,
which costs nothing to check), and its reads by the fingerprints of exactly those values.
Nothing here knows one kind of page from another: a new page kind is a new job of the
renderer, and is reused like every other."""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from showroom.build.fingerprints import Fingerprinted, Fingerprints
from showroom.build.options import Progress
from showroom.build.prepare import Prepared, settings_digest
from showroom.build.state import PageRecord
from showroom.hashing import text_digest
from showroom.output import OutputPlan, Planned
from showroom.render.jobs import PageJob
from showroom.render.pages import Renderer
from showroom.render.site_jobs import page_job_groups
from showroom.render.template_deps import TemplateDigests
from showroom.state.files import FileDigests
from showroom.state.reads import Access, read_value
from showroom.state.reuse import Memory, Slot


class PageInputs(NamedTuple):
    """What a page was made from, as the last build of a process saw it."""

    setting: str  # digest of the template (and what it includes) and the settings
    deps: tuple[object, ...]  # the context's values (`PageJob.deps`)
    base: str  # their fingerprint, with the setting: a page record's `base`


class Reads(NamedTuple):
    """What the pages of a build read through `site`: each read's fingerprint as that build
    saw it, and the reads of each page."""

    values: dict[Access, str]
    pages: dict[str, frozenset[Access]]


class KeptFingerprints(NamedTuple):
    """The fingerprints of a build, for the next one with the same settings."""

    settings: str
    memo: dict[int, Fingerprinted]


#: The last build's fingerprints, page inputs and reads, kept by a long-running process.
FINGERPRINTS: Slot[KeptFingerprints] = Slot("page fingerprints")
PAGE_INPUTS: Slot[dict[str, PageInputs]] = Slot("page inputs", dict)
#: The reads of the last build whose pages are in the output folder (see write_site).
READS: Slot[Reads] = Slot("page reads")
#: The reads of the build being published, until its pages are in place.
NEXT_READS: Slot[Reads] = Slot("page reads to publish")


Job = PageJob[Renderer]


class PageGroup(NamedTuple):
    """What a build decided about a group of jobs (a block of `page_job_groups`), and all it
    added to the plan for them: what the next build adds at once while the group is the very
    same jobs and holds (see `_Planner._current`)."""

    jobs: tuple[Job, ...]
    settings: tuple[tuple[str, str], ...]  # (template, setting) of each template used
    inputs: dict[str, PageInputs]
    records: dict[str, PageRecord]
    page_reads: dict[str, frozenset[Access]]
    reads: frozenset[Access]  # what any of its pages read
    planned: dict[str, Planned]
    origins: dict[str, str]
    counts: Counter[str]  # pages by kind


class KeptGroups(NamedTuple):
    """The groups of the pages in `records` (a build's page records)."""

    records: dict[str, PageRecord]
    groups: dict[str, PageGroup]  # by the path of the first page


#: What the last build of a process decided about each group of pages.
GROUPS: Slot[KeptGroups] = Slot("page groups")


@dataclass(frozen=True)
class PlannedPages:
    counts: dict[str, int]  # pages by kind
    rendered: int  # pages rendered by this build (the others were unchanged)
    records: dict[str, PageRecord]  # output path -> record, for the folder's record


def plan_pages(
    prepared: Prepared,
    files: FileDigests,
    plan: OutputPlan,
    previous: dict[str, PageRecord],
    template_references: dict[str, tuple[str | None, ...]],
    parse_keys: dict[int, str],
    memory: Memory,
    progress: Progress | None = None,
    renderer: Renderer | None = None,
    records: dict[str, PageRecord] | None = None,
) -> PlannedPages:
    """Render the pages whose inputs changed; the others are planned as unchanged. A site of
    many pages reports its progress (`pages`, see `PROGRESS_FROM`). `renderer` is the one of
    the pages of a language after the default one (`memory` then that language's), and
    `records` the page records this build planned so far (in other languages), which the
    result's then holds too."""
    planner = _Planner(
        prepared,
        renderer or prepared.renderer,
        files,
        plan,
        previous,
        template_references,
        parse_keys,
        memory,
        {} if records is None else records,
    )
    return planner.run(progress)


#: From how many pages on page rendering reports progress (a smaller site renders in about a
#: second), and every how many pages.
PROGRESS_FROM = 500
PROGRESS_EVERY = 25


class _Steps:
    """The progress of planning the pages, reported for a site of PROGRESS_FROM pages or more."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress if total >= PROGRESS_FROM else None
        self.total = total
        self.done = 0
        self.reported = 0

    def advance(self, count: int) -> None:
        self.done += count
        due = self.done - self.reported >= PROGRESS_EVERY or self.done == self.total
        if self.progress is not None and due:
            self.reported = self.done
            self.progress("pages", self.done, self.total)


class _Planner:
    def __init__(
        self,
        prepared: Prepared,
        renderer: Renderer,
        files: FileDigests,
        plan: OutputPlan,
        previous: dict[str, PageRecord],
        template_references: dict[str, tuple[str | None, ...]],
        parse_keys: dict[int, str],
        memory: Memory,
        records: dict[str, PageRecord],
    ) -> None:
        site = renderer.site
        self.renderer, self.site, self.plan, self.previous = renderer, site, plan, previous
        self.memory = memory
        self.templates = TemplateDigests(renderer.env, template_references)
        self.settings = text_digest(
            settings_digest(site.config, site.build_date, prepared.theme, files),
            sorted(renderer.catalogue.files),
            sorted(renderer.catalogue.pages.items()),
        )
        earlier = memory.get(FINGERPRINTS)
        self.fingerprints = Fingerprints(
            renderer.photos,
            renderer.catalogue.pages,
            parse_keys,
            prepared.photos.keys,
            earlier.memo if earlier is not None and earlier.settings == self.settings else None,
        )
        self.last_inputs = memory.of(PAGE_INPUTS)
        self.inputs: dict[str, PageInputs] = {}
        self.per_template: dict[str, str] = {}
        self.read_memo: dict[Access, str] = {}
        self.everything = (site.products, site.halls)
        # After a build in this process, every page's reads were fingerprinted as that build
        # saw them: a page's reads are unchanged unless one of the reads that changed is its.
        self.last_reads = memory.get(READS)
        self.changed_reads = (
            set()
            if self.last_reads is None
            else {a for a, fp in self.last_reads.values.items() if self.read(a) != fp}
        )
        self.page_reads: dict[str, frozenset[Access]] = {}
        self.records = records
        self.origins: dict[str, str] = {}

    def run(self, progress: Progress | None = None) -> PlannedPages:
        counts: Counter[str] = Counter()
        rendered = 0
        # The pages not rendered again and what they are, planned at the end.
        kept: dict[str, Planned] = {}
        origins: dict[str, str] = {}
        last = self.memory.get(GROUPS)
        # The last build's groups describe the pages of `previous` (the build published).
        current = self.last_reads is not None and last is not None and last.records is self.previous
        usable = last.groups if last is not None and current else {}
        groups: dict[str, PageGroup] = {}
        redone: list[tuple[Job, ...]] = []
        every = [group for group in page_job_groups(self.renderer) if group]
        steps = _Steps(progress, sum(map(len, every)))
        for group in every:
            found = usable.get(group[0].path)
            if found is not None and found.jobs is group and self._current(found):
                self._reuse(found, kept, origins, counts)
                groups[group[0].path] = found
            else:
                redone.append(group)
                rendered += self._plan_each(group, kept, origins, counts)
            steps.advance(len(group))
        self._plan_kept(kept, origins)
        groups.update((group[0].path, self._group(group)) for group in redone)
        self.memory.put(GROUPS, KeptGroups(self.records, groups))
        self.memory.put(PAGE_INPUTS, self.inputs)
        # For the next build of this process, once this one is published (see write_site).
        self.memory.put(NEXT_READS, Reads(self.read_memo, self.page_reads))
        # The model's objects, a few times over: the builds of a day of editing.
        site = self.site
        limit = 4 * (len(site.products) + len(site.companies) + len(self.records)) + 10_000
        pruned = self.fingerprints.pruned(limit)
        self.memory.put(FINGERPRINTS, KeptFingerprints(self.settings, pruned))
        return PlannedPages(dict(counts), rendered, self.records)

    def _plan_each(
        self,
        group: tuple[Job, ...],
        kept: dict[str, Planned],
        origins: dict[str, str],
        counts: Counter[str],
    ) -> int:
        """Each page of a group: kept if its inputs are unchanged, else rendered (how many)."""
        rendered = 0
        for job in group:
            counts[job.kind] += 1
            base = self._base(job)
            old = self.previous.get(job.path)
            if old is not None and old.base == base and self._reads_unchanged(job.path, old):
                self._keep(job, old, kept)
                origins[job.path] = self._origin(job.kind)
            else:
                self._render(job, base)
                rendered += 1
        return rendered

    def _current(self, group: PageGroup) -> bool:
        """Whether what was decided about a group of the very same jobs holds: the same
        settings and templates, none of its pages' reads changed, none of its paths planned
        already in this build."""
        return (
            all(self._setting(t) == setting for t, setting in group.settings)
            and group.reads.isdisjoint(self.changed_reads)
            and self.records.keys().isdisjoint(group.records)
        )

    def _reuse(
        self,
        group: PageGroup,
        kept: dict[str, Planned],
        origins: dict[str, str],
        counts: Counter[str],
    ) -> None:
        """A group of pages all unchanged, as `_keep` of each (a few dict updates)."""
        self.inputs.update(group.inputs)
        self.records.update(group.records)
        self.page_reads.update(group.page_reads)
        kept.update(group.planned)
        origins.update(group.origins)
        counts.update(group.counts)

    def _group(self, jobs: tuple[Job, ...]) -> PageGroup:
        """What this build decided about a group of jobs, for the next build of the process."""
        paths = [job.path for job in jobs]
        records = {path: self.records[path] for path in paths}
        page_reads = {path: self.page_reads[path] for path in paths}
        return PageGroup(
            jobs,
            tuple((t, self._setting(t)) for t in sorted({job.template for job in jobs})),
            {path: self.inputs[path] for path in paths},
            records,
            page_reads,
            frozenset().union(*page_reads.values()),
            {path: Planned(record.output) for path, record in records.items()},
            {job.path: self._origin(job.kind) for job in jobs},
            Counter(job.kind for job in jobs),
        )

    def read(self, access: Access) -> str:
        """The fingerprint of what `access` reads in this build's site."""
        found = self.read_memo.get(access)
        if found is None:
            value = read_value(self.site, access, self.everything)
            found = self.read_memo[access] = self.fingerprints.of(value)
        return found

    def _setting(self, template: str) -> str:
        setting = self.per_template.get(template)
        if setting is None:
            setting = text_digest(self.settings, self.templates.of(template))
            self.per_template[template] = setting
        return setting

    def _base(self, job: Job) -> str:
        """The fingerprint of the page's template, settings and context (the very same
        context objects as last time give last time's without fingerprinting them)."""
        setting = self._setting(job.template)
        last = self.last_inputs.get(job.path)
        if (
            last is not None
            and last.setting == setting
            and (last.deps is job.deps or _same(last.deps, job.deps, self))
        ):
            self.inputs[job.path] = last
            return last.base
        of_deps = self.fingerprints.of_all(job.deps)
        base = text_digest(setting, job.kind, job.path, of_deps)
        self.inputs[job.path] = PageInputs(setting, job.deps, base)
        return base

    def _reads_unchanged(self, path: str, old: PageRecord) -> bool:
        known = None if self.last_reads is None else self.last_reads.pages.get(path)
        if known is not None:
            return known.isdisjoint(self.changed_reads)
        return all(self.read(a) == fp for a, fp in old.reads)

    def _keep(self, job: Job, old: PageRecord, kept: dict[str, Planned]) -> None:
        if job.path in kept:  # a path twice: planned now, so that the plan names it
            self.plan.unchanged(job.path, old.output, self._origin(job.kind))
        kept[job.path] = Planned(old.output)
        self.records[job.path] = old
        known = None if self.last_reads is None else self.last_reads.pages.get(job.path)
        self.page_reads[job.path] = known or frozenset(a for a, _ in old.reads)

    def _origin(self, kind: str) -> str:
        """What a page of this kind is called in an error (one string per kind)."""
        found = self.origins.get(kind)
        if found is None:
            found = self.origins[kind] = f"the {kind} page"
        return found

    def _plan_kept(self, kept: dict[str, Planned], origins: dict[str, str]) -> None:
        """The pages not rendered again, as files the output folder holds: at once when
        their paths are known to be fine, else one by one (which names what is wrong)."""
        if not self.plan.add_known(kept, origins):
            for path, planned in kept.items():
                self.plan.unchanged(path, planned.digest, origins[path])

    def _render(self, job: Job, base: str) -> None:
        reads: set[Access] = set()
        log = self.renderer.access_log
        log.current = reads
        try:
            page = job.render(self.renderer)
        finally:
            log.current = None
        digest = self.plan.data(page.path, page.data, self._origin(job.kind))
        fingerprinted = tuple((a, self.read(a)) for a in sorted(reads))
        self.records[job.path] = PageRecord(base, fingerprinted, digest)
        self.page_reads[job.path] = frozenset(reads)


def _same(a: tuple[object, ...], b: tuple[object, ...], planner: _Planner) -> bool:
    """Whether two page contexts are the same: the very same objects, or values with the same
    fingerprints (kept from build to build; what the page's base is made of)."""
    if len(a) != len(b):
        return False
    if all(map(operator.is_, a, b)):
        return True
    of = planner.fingerprints.of
    return all(x is y or of(x) == of(y) for x, y in zip(a, b, strict=True))
