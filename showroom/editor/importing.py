"""`showroom import FILE.csv|FILE.xlsx`: the rows of a spreadsheet as draft products
(content/products/<slug>/index.md, `draft: true`, a placeholder photo) and the companies
they name that have no file yet (content/companies/<slug>.yml). Every file is checked with
the declarations `showroom check` uses before anything is written; any error, and nothing
is written. An existing product is changed only with `update`, in the keys the spreadsheet
has columns for (see `editor.front_matter.edited`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from showroom.config import Config
from showroom.content import declarations
from showroom.content.loader import load_references
from showroom.content.model import Category, Company
from showroom.content.text import read_text
from showroom.editor.columns import COMPANY_COLUMNS
from showroom.editor.front_matter import dump, edited, plain, problems_of
from showroom.editor.rows import Row, column_of, headings, merged, product_values, read_row
from showroom.editor.scaffold import placeholder_photo
from showroom.editor.schemas import SCHEMA_DIR, file_name, modeline
from showroom.editor.sheets import read_sheet
from showroom.errors import SheetError
from showroom.fields import formats
from showroom.fields.nodes import FrontMatterMissing, split_front_matter
from showroom.fields.records import Record
from showroom.messages import N_
from showroom.problems import Problem, Problems, display_path

PHOTO = "photo.jpg"
NO_DESIGNATION = N_(
    "Y, but no designation is imported without its number and dates (excellent_number, "
    "excellent_from, excellent_until)"
)
MISSING_PHOTO = N_("no photo: {photo} is a placeholder picture; replace it before publishing")


@dataclass(frozen=True)
class ImportOptions:
    update: bool = False  # change existing products' imported fields
    dry_run: bool = False  # check and report, write nothing
    category: str | None = None  # the category of rows without one


@dataclass(frozen=True)
class Planned:
    path: Path
    text: str
    kind: str  # "product", "update" or "company"


@dataclass(frozen=True)
class ImportResult:
    files: tuple[Planned, ...]  # written (with dry_run: to be written)
    unchanged: tuple[Path, ...]  # products the update found as the spreadsheet has them
    warnings: tuple[Problem, ...]

    def of(self, kind: str) -> list[Path]:
        return [p.path for p in self.files if p.kind == kind]


def import_sheet(config: Config, path: Path, day: dt.date, options: ImportOptions) -> ImportResult:
    """Import the spreadsheet; raises SheetError with every problem when any is an error."""
    sheet = read_sheet(path, display_path(path.resolve(), Path.cwd().resolve()))
    problems = Problems()
    heads = headings(sheet, problems)
    categories, companies = load_references(config, Problems())
    run = _Import(config, day, options, problems, categories, companies)
    run.columns = {h.column.name for h in heads}
    for number, cells in sheet.rows:
        run.product(read_row(sheet, number, cells, heads, problems))
    if problems.errors:
        raise SheetError(problems.sorted())
    if not options.dry_run:
        _write(run.planned)
    return ImportResult(tuple(run.planned), tuple(run.unchanged), tuple(problems.warnings))


def _write(planned: list[Planned]) -> None:
    for item in planned:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        item.path.write_text(item.text, encoding="utf-8")
        photo = item.path.parent / PHOTO
        if item.kind == "product" and not photo.exists():  # a photo there stays
            placeholder_photo(photo)


@dataclass
class _Import:
    config: Config
    day: dt.date
    options: ImportOptions
    problems: Problems
    categories: list[Category]
    companies: list[Company]
    columns: set[str] = field(default_factory=set)  # the columns the spreadsheet has
    planned: list[Planned] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    slugs: dict[str, int] = field(default_factory=dict)  # product slug → its row
    new_companies: dict[str, str] = field(default_factory=dict)  # slug → business number

    @property
    def content(self) -> Path:
        return self.config.content_dir

    def product(self, row: Row) -> None:
        slug = self._slug(row)
        category = self._category(row)
        company = self._company(row)
        values, where = product_values(row)
        if category:
            values["category"] = category
        if company:
            values["company"] = company
        if row.values.get("exclncPrcrmntPrdctYn") is True and not row.text("excellent_number"):
            row.warn(self.problems, "exclncPrcrmntPrdctYn", NO_DESIGNATION)
        if slug is None:
            return
        index = self.content / "products" / slug / "index.md"
        if index.exists():
            self._update(row, index, values, where)
        else:
            self._new(row, index, values, where)

    def _slug(self, row: Row) -> str | None:
        item_id = formats.strip_separators(row.text("prdctIdntNo"))
        slug = row.text("slug") or (f"item-{item_id}" if item_id.isdigit() else "")
        if not slug:
            row.error(self.problems, "slug", N_("no slug: add a slug or 물품식별번호 column"))
            return None
        problem = formats.slug(slug)
        if problem is not None:
            row.error(self.problems, "slug", problem)
            return None
        if slug in self.slugs:
            message = N_("{slug} is on row {row} already").format(slug=slug, row=self.slugs[slug])
            row.error(self.problems, "slug", message)
            return None
        self.slugs[slug] = row.number
        return slug

    def _category(self, row: Row) -> str | None:
        given = row.text("category") or ("" if "category" in self.columns else None)
        if given is None and self.options.category is None:
            return None  # not imported (an update keeps the product's)
        given = given or self.options.category or ""
        for category in self.categories:
            if given in (category.slug, category.name):
                return category.slug
        choices = ", ".join(c.slug for c in self.categories)
        message = (
            N_("unknown category {name!r}: one of {choices}").format(name=given, choices=choices)
            if given
            else N_("no category: fill in the cell or give --category")
        )
        row.error(self.problems, "category", message)
        return None

    def _company(self, row: Row) -> str | None:
        slug, name = row.text("company"), row.text("cntrctCorpNm")
        number = formats.strip_separators(row.text("cntrctCorpBizno"))
        if not ({"company", *COMPANY_COLUMNS} & self.columns):
            return None  # not imported
        found = self._known_company(slug, number, name)
        if found is not None:
            return found
        if not number:
            message = N_(
                "no company {name!r} yet: give its business number (cntrctCorpBizno), "
                "address and phone to make its file, or add the file first"
            ).format(name=slug or name)
            row.error(self.problems, "cntrctCorpBizno", message)
            return None
        return self._new_company(row, slug or f"company-{number}", number)

    def _known_company(self, slug: str, number: str, name: str) -> str | None:
        """The company of that slug; without one, of that business number (a file, or one
        made for an earlier row), else of that name."""
        if slug:
            known = slug in self.new_companies or any(slug == c.slug for c in self.companies)
            return slug if known else None
        by_number = {c.business_number: c.slug for c in self.companies}
        by_number.update({n: s for s, n in self.new_companies.items()})  # made for earlier rows
        if number:
            return by_number.get(number)
        return next((c.slug for c in self.companies if name == c.name), None)

    def _new_company(self, row: Row, slug: str, number: str) -> str | None:
        values = {key: row.text(name) for name, key in COMPANY_COLUMNS.items()}
        values["business_number"] = number
        values["district"] = values["district"] or self._district(values["address"])
        values = {k: v for k, v in values.items() if v}
        path = self.content / "companies" / f"{slug}.yml"
        if path.exists():
            message = N_("{file} has problems: fix them first (showroom check)").format(
                file=display_path(path, self.config.root)
            )
            row.error(self.problems, "company", message)
            return None
        fields = declarations.company_fields(self.config.districts, self.config.languages)
        where = {key: row.header(name) for name, key in COMPANY_COLUMNS.items()}
        self._report(row, dump(values), fields, where)
        head = modeline(path, self.config.root / SCHEMA_DIR / file_name("company"))
        text = (
            f"{head}\n# showroom import: {Path(row.shown).name}, row {row.number}\n{dump(values)}"
        )
        self.planned.append(Planned(path, text, "company"))
        self.new_companies[slug] = number
        return slug

    def _district(self, address: str) -> str:
        words = address.split()
        return next((d for d in self.config.districts if d in words), "")

    def _report(
        self, row: Row, text: str, fields: Record, where: dict[str, str]
    ) -> dict[str, object] | None:
        """The values of `text` as `showroom check` reads them; its problems at the row."""
        values, found = problems_of(text, fields, row.shown)
        for p in found:
            self.problems.extend(
                [Problem(row.shown, row.number, column_of(p.field, where), p.message, p.level)]
            )
        return values

    def _fields(self) -> Record:
        return declarations.product_fields(self.config.languages)

    def _new(self, row: Row, index: Path, values: dict[str, object], where: dict[str, str]) -> None:
        order = self._fields().fields
        values = merged({}, values)  # no empty cell, no empty block
        values.setdefault("date", self.day)
        if not values.get("summary") and values.get("name"):
            values["summary"] = values["name"]
            row.warn(self.problems, "summary", N_("no summary: the name stands for it; write one"))
        name = str(values.get("name", ""))
        values["images"] = [{"src": PHOTO, "alt": f"{name} 사진 (자리표시 그림)"}]
        values["draft"] = True
        front = {k: values[k] for k in order if k in values}
        self._report(row, dump(front), self._fields(), where)
        row.warn(self.problems, "", MISSING_PHOTO.format(photo=PHOTO))
        head = modeline(index, self.config.root / SCHEMA_DIR / file_name("product"))
        note = (
            f"# showroom import: {Path(row.shown).name}, row {row.number} "
            "(a draft: remove draft: true to publish)"
        )
        text = f"---\n{head}\n{note}\n{dump(front)}---\n"
        self.planned.append(Planned(index, text, "product"))

    def _update(
        self, row: Row, index: Path, values: dict[str, object], where: dict[str, str]
    ) -> None:
        """The product changed in the imported keys; without `update` an error, after the
        row's cells are checked all the same."""
        shown = display_path(index, self.config.root)
        found = Problems()
        text = read_text(index, shown, found)
        try:
            front = split_front_matter(text or "")
        except FrontMatterMissing:
            front = None
        existing = None if front is None else problems_of(front.yaml_text, self._fields(), shown)[0]
        if text is None or front is None or existing is None:
            message = N_("{file} has problems: fix them first (showroom check)").format(file=shown)
            row.error(self.problems, "slug", message)
            return
        before = {k: plain(v) for k, v in existing.items()}
        after = merged(before, values)
        self._report(row, dump(after), self._fields(), where)
        changes = {k: after.get(k) for k in values if after.get(k) != before.get(k)}
        if not self.options.update:
            message = N_("{file} exists: --update changes its imported fields").format(file=shown)
            row.error(self.problems, "slug", message)
            return
        if not changes:
            self.unchanged.append(index)
            return
        opening = text[: text.index("\n") + 1]
        closing = text[len(opening) + len(front.yaml_text) : len(text) - len(front.body)]
        new = opening + edited(front, changes) + closing + front.body
        self.planned.append(Planned(index, new, "update"))
