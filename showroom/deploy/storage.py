"""The S3 calls of a deploy, through boto3 and nothing else but standard S3 (so AWS S3,
Cloudflare R2 and NCloud Object Storage alike): list, head, put, delete; and CloudFront's
invalidation. Credentials and region come from boto3's default chain (environment, shared
files, the instance's role); nothing here takes or shows a key."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from showroom.deploy.files import LocalFile
from showroom.deploy.plan import Remote, Target
from showroom.errors import ShowroomError
from showroom.messages import N_

#: The metadata key of a file's SHA-256 (sent as the header x-amz-meta-sha256).
SHA256 = "sha256"
_DELETE_BATCH = 1000  # DeleteObjects' limit
#: Uploads at once (as hugo deploy's default workers): a site's many small files take the
#: time of their round trips, not of their bytes.
WORKERS = 10


class DeployError(ShowroomError):
    """Object storage refused or failed (no credentials, no such bucket, a network error)."""


class DeployInterrupted(DeployError):
    """Ctrl+C during the uploads: what went up stays, nothing was deleted."""

    exit_code = 130

    def format_message(self) -> str:
        return N_("Interrupted: {state}").format(state=str(self))


def missing_boto3() -> DeployError:
    return DeployError(N_("showroom deploy needs boto3: pip install 'showroom[deploy]'"))


def s3_client(endpoint_url: str | None) -> Any:  # Any: boto3 ships no type hints
    """An S3 client from boto3's default session (the standard credentials and region);
    `endpoint_url` for storage other than AWS (R2, NCloud, a local server)."""
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        raise missing_boto3() from None
    # Other storage than AWS may not know the CRC checksums boto3 adds by default since 1.36;
    # every upload carries Content-MD5, which all of them check.
    checksums = "when_required" if endpoint_url else "when_supported"
    config = Config(
        retries={"mode": "standard"},
        max_pool_connections=WORKERS,
        request_checksum_calculation=checksums,
        response_checksum_validation=checksums,
    )
    return boto3.session.Session().client("s3", endpoint_url=endpoint_url, config=config)


def cloudfront_client() -> Any:  # Any: boto3 ships no type hints
    import boto3

    return boto3.session.Session().client("cloudfront")


def list_objects(client: Any, target: Target) -> dict[str, Remote]:  # Any: a boto3 client
    """Every object under the target's prefix (every page of the listing)."""
    found: dict[str, Remote] = {}
    paginator = client.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=target.bucket, Prefix=target.prefix):
        for item in page.get("Contents", ()):
            key = item["Key"]
            if key.endswith("/"):
                continue  # a storage console's empty "folder": no file of a site, never deleted
            found[key] = Remote(key, int(item["Size"]), str(item.get("ETag", "")).strip('"'))
    return found


def stored_sha256(client: Any, target: Target, key: str) -> str | None:  # Any: a boto3 client
    """The SHA-256 an object was uploaded with (its metadata), or None."""
    head = client.head_object(Bucket=target.bucket, Key=key)
    value = head.get("Metadata", {}).get(SHA256)
    return str(value) if value else None


def put(client: Any, target: Target, file: LocalFile) -> None:  # Any: a boto3 client
    """One single-part upload (its ETag is then the file's MD5), with its type, caching and
    SHA-256; S3 checks the bytes against Content-MD5."""
    import base64

    md5 = base64.b64encode(bytes.fromhex(file.md5)).decode("ascii")
    with file.path.open("rb") as body:
        client.put_object(
            Bucket=target.bucket,
            Key=file.key,
            Body=body,
            ContentType=file.content_type,
            CacheControl=file.cache_control,
            ContentMD5=md5,
            Metadata={SHA256: file.sha256},
        )


def delete(client: Any, target: Target, keys: list[str]) -> Iterator[int]:  # Any: a boto3 client
    """Delete the objects, a thousand a call; yield how many are gone after each call."""
    done = 0
    for start in range(0, len(keys), _DELETE_BATCH):
        batch = keys[start : start + _DELETE_BATCH]
        answer = client.delete_objects(
            Bucket=target.bucket,
            Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True},
        )
        errors = answer.get("Errors", [])
        if errors:
            first = errors[0]
            raise DeployError(
                N_("could not delete {key}: {error}").format(
                    key=first.get("Key", "?"), error=first.get("Message", first.get("Code", "?"))
                )
            )
        done += len(batch)
        yield done


def invalidate(client: Any, distribution: str, paths: list[str]) -> str:  # Any: a boto3 client
    """Ask CloudFront to forget `paths`; the invalidation's id."""
    answer = client.create_invalidation(
        DistributionId=distribution,
        InvalidationBatch={
            "Paths": {"Quantity": len(paths), "Items": paths},
            "CallerReference": f"showroom-{time.time_ns()}",
        },
    )
    return str(answer["Invalidation"]["Id"])
