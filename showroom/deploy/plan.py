"""What a deploy changes: the target (`s3://BUCKET/PREFIX`), the objects there, and the plan
that compares them with the built site by content digest (pure: no storage is called here)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from showroom.deploy.files import LocalFile, is_content_addressed
from showroom.errors import UsageError
from showroom.messages import N_

#: A bucket's name as S3 (and R2, NCloud) allow it.
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


@dataclass(frozen=True)
class Target:
    bucket: str
    prefix: str  # "" or a path ending in "/"

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


def parse_target(text: str) -> Target:
    """`s3://BUCKET` or `s3://BUCKET/PREFIX` (a trailing slash or none)."""
    if not text.startswith("s3://"):
        raise UsageError(N_("{target}: not an s3://BUCKET[/PREFIX] address").format(target=text))
    bucket, _, prefix = text[len("s3://") :].partition("/")
    prefix = "/".join(part for part in prefix.split("/") if part)
    if not _BUCKET.fullmatch(bucket) or any(p in (".", "..") for p in prefix.split("/")):
        raise UsageError(N_("{target}: not an s3://BUCKET[/PREFIX] address").format(target=text))
    return Target(bucket, f"{prefix}/" if prefix else "")


@dataclass(frozen=True)
class Remote:
    """An object as the bucket's listing shows it."""

    key: str
    size: int
    etag: str  # without quotes


@dataclass(frozen=True)
class Upload:
    file: LocalFile
    reason: str  # "new" or "changed"


@dataclass(frozen=True)
class Plan:
    uploads: tuple[Upload, ...]  # in upload order: content-addressed, other files, pages
    deletes: tuple[str, ...]  # keys, deleted only once every upload succeeded
    unchanged: int

    @property
    def new(self) -> int:
        return sum(upload.reason == "new" for upload in self.uploads)

    @property
    def changed(self) -> int:
        return sum(upload.reason == "changed" for upload in self.uploads)

    @property
    def upload_bytes(self) -> int:
        return sum(upload.file.size for upload in self.uploads)


#: Asked for an object whose ETag is not the file's MD5: the SHA-256 in its metadata (None
#: when it has none). An ETag is an MD5 only for a single-part upload without SSE-KMS.
StoredDigest = Callable[[str], str | None]


def make_plan(
    local: Sequence[LocalFile], remote: Mapping[str, Remote], stored_sha256: StoredDigest
) -> Plan:
    """Upload what is not there or differs; delete what the site no longer has.

    An object is unchanged when its size and ETag are the file's size and MD5 (a single-part
    upload, which is how every file is uploaded); when the ETag differs, it may still be the
    same bytes (uploaded in parts by another tool, or encrypted with SSE-KMS, whose ETag is not
    an MD5): then the SHA-256 kept in its metadata decides."""
    uploads: list[Upload] = []
    unchanged = 0
    for file in local:
        found = remote.get(file.key)
        if found is None:
            uploads.append(Upload(file, "new"))
        elif found.size == file.size and (
            found.etag == file.md5 or stored_sha256(file.key) == file.sha256
        ):
            unchanged += 1
        else:
            uploads.append(Upload(file, "changed"))
    keys = {file.key for file in local}
    deletes = tuple(sorted(key for key in remote if key not in keys))
    ordered = sorted(uploads, key=lambda upload: (upload.file.rank, upload.file.key))
    return Plan(tuple(ordered), deletes, unchanged)


#: More paths than this in one invalidation: the whole prefix instead (CloudFront charges per
#: path beyond a free allowance, and a wildcard counts as one).
MAX_PATHS = 100


def invalidation_paths(plan: Plan, prefix: str) -> list[str]:
    """The paths a CDN must forget: each changed or deleted file whose name stays the same
    when it changes (a content-addressed file is a new name), a page as its folder (`/x/`
    for x/index.html, `/` for the home page); beyond MAX_PATHS, `/PREFIX*`."""
    keys = [u.file.key for u in plan.uploads if u.reason == "changed"] + list(plan.deletes)
    paths = sorted({_path(key) for key in keys if not is_content_addressed(key[len(prefix) :])})
    if len(paths) > MAX_PATHS:
        return [f"/{prefix}*"]
    return paths


def _path(key: str) -> str:
    if key == "index.html" or key.endswith("/index.html"):
        return "/" + key[: -len("index.html")]
    return "/" + key
