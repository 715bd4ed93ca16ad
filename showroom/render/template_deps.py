"""Which template files a page's template uses (extends, includes, imports), and their hash."""

from __future__ import annotations

import jinja2
import jinja2.meta

from showroom.hashing import text_digest

#: The templates each source refers to, by the source's digest, for every build of this
#: process (a source that parsed once parses again: its errors were raised the first time).
_REFERENCES: dict[str, tuple[str | None, ...]] = {}


class TemplateDigests:
    """The digest of each template's closure, computed once per build. `references` keeps the
    templates a source refers to by the source's digest (parsing is the slow part)."""

    def __init__(
        self, env: jinja2.Environment, references: dict[str, tuple[str | None, ...]] | None = None
    ) -> None:
        self.env = env
        self.references = {} if references is None else references
        self._memo: dict[str, str] = {}

    def of(self, name: str) -> str:
        if name not in self._memo:
            self._memo[name] = text_digest(*sorted(self._closure(name).items()))
        return self._memo[name]

    def _closure(self, name: str) -> dict[str, tuple[str, str]]:
        loader = self.env.loader
        assert loader is not None
        found: dict[str, tuple[str, str]] = {}
        pending = [name]
        while pending:
            current = pending.pop()
            if current in found:
                continue
            try:
                source, filename, _ = loader.get_source(self.env, current)
            except jinja2.TemplateNotFound:
                if current == name:
                    raise
                # Rendering says where it is missing (or it is `ignore missing`, or unused);
                # the file that appears later changes the digest.
                found[current] = ("", "")
                continue
            found[current] = (filename or "", source)
            key = text_digest(source)
            refs = self.references.get(key)
            if refs is None:
                refs = _REFERENCES.get(key)
            if refs is None:
                parsed = self.env.parse(source, current, filename)  # errors at their place
                refs = tuple(jinja2.meta.find_referenced_templates(parsed))
            self.references[key] = _REFERENCES[key] = refs
            for ref in refs:
                # A computed name could be any template: then the page depends on all of them.
                pending.extend(self.env.list_templates() if ref is None else [ref])
        return found
