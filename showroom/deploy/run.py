"""`showroom deploy`: the built site into object storage, as `hugo deploy` does it. New and
changed files go up first (content-addressed files, then the others, pages last), removed
files are deleted only once every upload succeeded, and a CDN forgets the changed pages.
A run that fails part way leaves the old files in place and nothing deleted; the next run
uploads only what is still missing or different, since files are compared by digest."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showroom.deploy import storage
from showroom.deploy.files import local_files
from showroom.deploy.plan import Plan, Target, invalidation_paths, make_plan
from showroom.deploy.storage import WORKERS, DeployError, DeployInterrupted
from showroom.messages import N_
from showroom.output import MARKER
from showroom.output_folder import is_marked
from showroom.problems import display_path

Progress = Callable[[str, int, int], None]

#: The most objects a deploy deletes unless told otherwise (`--max-deletes`, `--force`): a
#: wrong prefix or folder must not empty a bucket.
MAX_DELETES = 256


@dataclass(frozen=True)
class DeployOptions:
    folder: Path  # the built site (carries Showroom's marker)
    target: Target
    endpoint_url: str | None = None
    dry_run: bool = False
    invalidate: str | None = None  # a CloudFront distribution's id
    max_deletes: int = MAX_DELETES  # -1: no limit
    force: bool = False  # delete more than max_deletes


@dataclass(frozen=True)
class DeployResult:
    target: Target
    plan: Plan
    dry_run: bool
    uploaded: int
    deleted: int
    invalidated: tuple[str, ...]  # the paths a CDN was asked to forget
    skipped_links: tuple[str, ...]  # symbolic links in the folder, never uploaded
    seconds: float


def deploy(
    options: DeployOptions,
    progress: Progress | None = None,
    client: Any = None,  # Any: a boto3 S3 client (a test's, with its hooks); default: made here
) -> DeployResult:
    started = time.perf_counter()
    folder = _site_folder(options.folder)
    target = options.target
    files, links = local_files(folder, target.prefix)
    with _storage_errors():
        s3 = client if client is not None else storage.s3_client(options.endpoint_url)
        remote = storage.list_objects(s3, target)
        plan = make_plan(files, remote, lambda key: storage.stored_sha256(s3, target, key))
    _check_deletes(plan, options)
    if options.dry_run:
        return DeployResult(target, plan, True, 0, 0, (), tuple(links), _since(started))
    uploaded = _upload(s3, plan, target, progress)
    deleted = 0
    with _storage_errors(N_("every file is uploaded; not every removed file was deleted.")):
        for deleted in storage.delete(s3, target, list(plan.deletes)):
            _report(progress, "delete", deleted, len(plan.deletes))
    paths = invalidation_paths(plan, target.prefix) if options.invalidate else []
    if paths and options.invalidate:
        with _storage_errors(N_("the site is deployed; the CDN was not told of the change.")):
            storage.invalidate(storage.cloudfront_client(), options.invalidate, paths)
    elapsed = _since(started)
    return DeployResult(target, plan, False, uploaded, deleted, tuple(paths), tuple(links), elapsed)


def _site_folder(folder: Path) -> Path:
    """The output folder, if Showroom built it (its marker is there)."""
    resolved = folder.resolve()
    if not resolved.is_dir() or not is_marked(resolved):
        raise DeployError(
            N_(
                "{folder} is not a site Showroom built (no {marker} in it): run showroom build "
                "first, or name the output folder with --out"
            ).format(folder=display_path(resolved, Path.cwd().resolve()), marker=MARKER)
        )
    return resolved


def _check_deletes(plan: Plan, options: DeployOptions) -> None:
    limit = options.max_deletes
    if limit < 0 or options.force or len(plan.deletes) <= limit:
        return
    raise DeployError(
        N_(
            "refusing to delete {count} objects from {target} (more than --max-deletes "
            "{limit}): check the bucket and prefix, then run again with --force or a higher "
            "--max-deletes; nothing was changed"
        ).format(count=len(plan.deletes), target=str(options.target), limit=limit)
    )


def _upload(s3: Any, plan: Plan, target: Target, progress: Progress | None) -> int:  # Any: boto3
    """Every upload of the plan, WORKERS at a time, a rank after the other (content-addressed
    files, other files, pages): no page goes up before all it may link to is up. A failure
    stops the rest and says how many went up."""
    total = len(plan.uploads)
    done = 0
    for rank in sorted({upload.file.rank for upload in plan.uploads}):
        files = [upload.file for upload in plan.uploads if upload.file.rank == rank]
        before = done
        with ThreadPoolExecutor(WORKERS, thread_name_prefix="showroom-deploy") as pool:
            futures = [pool.submit(storage.put, s3, target, file) for file in files]
            try:
                for future in as_completed(futures):
                    future.result()
                    done += 1
                    _report(progress, "upload", done, total)
            except BaseException as exc:
                for future in futures:
                    future.cancel()
                wait(futures)
                up = before + sum(_succeeded(future) for future in futures)
                if isinstance(exc, KeyboardInterrupt):
                    raise DeployInterrupted(_partial(up, total)) from None
                with _storage_errors(_partial(up, total)):
                    raise
    return done


def _succeeded(future: Future[None]) -> bool:
    return not future.cancelled() and future.exception() is None


def _partial(done: int, total: int) -> str:
    return N_(
        "{done} of {total} files were uploaded and nothing was deleted; run the same "
        "command again to finish (only what is missing or different is uploaded)."
    ).format(done=done, total=total)


def _report(progress: Progress | None, step: str, done: int, total: int) -> None:
    if progress is not None:
        progress(step, done, total)


def _since(started: float) -> float:
    return time.perf_counter() - started


@contextmanager
def _storage_errors(state: str | None = None) -> Iterator[None]:
    """Storage's failures as a DeployError that says what they left behind."""
    try:
        import botocore.exceptions as failures
    except ImportError:
        raise storage.missing_boto3() from None
    try:
        yield
    except (failures.BotoCoreError, failures.ClientError) as exc:
        if state is None:
            message = N_("object storage: {error}").format(error=str(exc))
        else:
            message = N_("object storage: {error}; {state}").format(error=str(exc), state=state)
        raise DeployError(message) from exc
