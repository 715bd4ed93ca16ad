"""`showroom deploy` against a real S3 server on this machine (moto's server mode on
127.0.0.1): what goes up, with which headers, in which order, what a second run does, and
what a run that fails part way leaves for the next one."""

from __future__ import annotations

import hashlib
import shutil
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from showroom.build import BuildOptions, build
from showroom.cli import main
from showroom.deploy import DeployError, DeployOptions, DeployResult, deploy, parse_target
from showroom.deploy.files import IMMUTABLE, SHORT, cache_control, content_type
from showroom.errors import UsageError
from showroom.output import MARKER
from tests.conftest import SAMPLE_DATE
from tests.projects import Project

boto3 = pytest.importorskip("boto3")
pytest.importorskip("boto3.s3.transfer")
moto_server = pytest.importorskip("moto.server")
exceptions = pytest.importorskip("botocore.exceptions")

#: A boto3 client.
Client = Any  # Any: boto3 ships no type hints


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """A local S3 (and CloudFront) server, for this module's tests."""
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def aws(endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Fake credentials in the environment and empty AWS files, so that no profile of the
    user's is read; CloudFront's calls go to the local server. The local server's address."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "aws-config").write_text("", encoding="utf-8")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing-secret")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing-token")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", endpoint)
    return endpoint


@pytest.fixture
def s3(aws: str) -> Client:
    return boto3.session.Session().client("s3", endpoint_url=aws)


@pytest.fixture
def bucket(s3: Client) -> str:
    name = f"showroom-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


def _build(project: Project) -> None:
    build(BuildOptions(project.config_file, date=SAMPLE_DATE, pdf=False))


@pytest.fixture
def built(project: Project) -> Project:
    _build(project)
    return project


def _local(folder: Path) -> dict[str, str]:
    """Each file of the built site (but the marker) and its MD5."""
    return {
        path.relative_to(folder).as_posix(): hashlib.md5(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and path.name != MARKER
    }


def _bucket(s3: Client, bucket: str, prefix: str = "") -> dict[str, str]:
    """Each object under the prefix (the prefix taken off) and its ETag."""
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", ()):
            found[item["Key"][len(prefix) :]] = item["ETag"].strip('"')
    return found


def _deploy(project: Project, bucket: str, endpoint: str, client: Client = None) -> DeployResult:
    target = parse_target(f"s3://{bucket}")
    return deploy(DeployOptions(project.out, target, endpoint), client=client)


def _calls(client: Client) -> list[str]:
    """The operations the client makes from now on, with each PutObject's key."""
    calls: list[str] = []

    def record(model: Any, params: dict[str, Any], **_: Any) -> None:  # Any: botocore's
        calls.append(f"{model.name} {params.get('Key', '')}".strip())

    client.meta.events.register("before-parameter-build.s3", record)
    return calls


def _change(project: Project) -> None:
    """An edit of one product, a product removed; then a build."""
    index = project.root / "content/products/lathe/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n더 자세한 설명.\n", encoding="utf-8")
    shutil.rmtree(project.root / "content/products/rice-cake")
    _build(project)


def test_first_deploy_uploads_every_file_with_its_type_and_caching(
    built: Project, bucket: str, s3: Client, aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["deploy", "-f", str(built.config_file), f"s3://{bucket}", "--endpoint-url", aws])
    assert code == 0
    local = _local(built.out)
    assert _bucket(s3, bucket) == local  # every file, its ETag its MD5; not the marker
    out, err = capsys.readouterr()
    assert f"Deployed to s3://{bucket}/: {len(local)} files uploaded ({len(local)} new" in out
    assert f"upload: {len(local)}/{len(local)}" in err.splitlines()  # plain lines off a terminal
    assert "testing-secret" not in out and "testing" not in out.replace(bucket, "")

    def head(key: str) -> tuple[str, str]:
        answer = s3.head_object(Bucket=bucket, Key=key)
        return answer["ContentType"], answer["CacheControl"]

    photo = next(k for k in local if k.startswith("products/lathe/photo-") and k.endswith(".webp"))
    fragment = next(k for k in local if k.startswith("pagefind/fragment/"))
    vocabulary = next(k for k in local if k.startswith("search/vocab-"))
    meta = next(k for k in local if k.endswith(".pf_meta"))
    assert head("index.html") == ("text/html; charset=utf-8", SHORT)
    assert head("products/lathe/index.html") == ("text/html; charset=utf-8", SHORT)
    assert head(photo) == ("image/webp", IMMUTABLE)
    assert head(photo.replace(".webp", ".jpg")) == ("image/jpeg", IMMUTABLE)
    assert head(fragment) == ("application/octet-stream", IMMUTABLE)
    assert head(meta) == ("application/octet-stream", IMMUTABLE)
    assert head(vocabulary) == ("application/json; charset=utf-8", IMMUTABLE)
    assert head("pagefind/pagefind-entry.json") == ("application/json; charset=utf-8", SHORT)
    assert head("static/css/site.css") == ("text/css; charset=utf-8", SHORT)
    assert head("static/js/search.js") == ("text/javascript; charset=utf-8", SHORT)
    assert head("sitemap.xml") == ("application/xml; charset=utf-8", SHORT)
    assert head("products.csv") == ("text/csv; charset=utf-8", SHORT)
    assert head("robots.txt") == ("text/plain; charset=utf-8", SHORT)
    sha = hashlib.sha256((built.out / "index.html").read_bytes()).hexdigest()
    assert s3.head_object(Bucket=bucket, Key="index.html")["Metadata"] == {"sha256": sha}


def test_a_second_deploy_of_the_same_site_uploads_nothing(
    built: Project, bucket: str, s3: Client, aws: str
) -> None:
    _deploy(built, bucket, aws)
    calls = _calls(s3)
    again = _deploy(built, bucket, aws, client=s3)
    assert (again.uploaded, again.deleted, again.plan.uploads) == (0, 0, ())
    assert again.plan.unchanged == len(_local(built.out))
    assert calls == ["ListObjectsV2"]  # one listing, no HEAD, no upload


def test_an_edit_uploads_the_changed_files_then_deletes_the_removed_ones(
    built: Project, bucket: str, s3: Client, aws: str
) -> None:
    _deploy(built, bucket, aws)
    before = _local(built.out)
    _change(built)
    after = _local(built.out)
    changed = {k for k in after if k in before and before[k] != after[k]}
    new = set(after) - set(before)
    removed = set(before) - set(after)
    assert "products/lathe/index.html" in changed and "products/rice-cake/index.html" in removed
    calls = _calls(s3)
    result = _deploy(built, bucket, aws, client=s3)
    assert {u.file.key for u in result.plan.uploads if u.reason == "changed"} == changed
    assert {u.file.key for u in result.plan.uploads if u.reason == "new"} == new
    assert set(result.plan.deletes) == removed and result.deleted == len(removed)
    assert _bucket(s3, bucket) == after
    puts = [call.split(" ", 1)[1] for call in calls if call.startswith("PutObject")]
    assert set(puts) == changed | new
    # deletes only after the last upload; pages after every other file
    assert calls.index("DeleteObjects") > max(i for i, c in enumerate(calls) if "PutObject" in c)
    pages = [i for i, key in enumerate(puts) if key.endswith(".html")]
    assert pages and min(pages) > max(i for i, key in enumerate(puts) if not key.endswith(".html"))


def test_an_etag_that_is_no_md5_is_checked_against_the_sha256_in_the_metadata(
    built: Project, bucket: str, s3: Client, aws: str
) -> None:
    """Uploaded in parts (as SSE-KMS, the ETag is then no MD5 of the bytes): the same bytes
    with the file's SHA-256 in the metadata are unchanged; without it, uploaded again."""
    _deploy(built, bucket, aws)
    s3.put_object(Bucket=bucket, Key="folder/", Body=b"")  # a console's "folder"
    parts = boto3.s3.transfer.TransferConfig(multipart_threshold=1, multipart_chunksize=5 << 20)
    for name, metadata in (("index.html", True), ("404.html", False)):
        path = built.out / name
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        extra = {"Metadata": {"sha256": sha}} if metadata else {}
        s3.upload_file(str(path), bucket, name, ExtraArgs=extra, Config=parts)
        assert s3.head_object(Bucket=bucket, Key=name)["ETag"].endswith('-1"')
    calls = _calls(s3)
    result = _deploy(built, bucket, aws, client=s3)
    assert [(u.file.key, u.reason) for u in result.plan.uploads] == [("404.html", "changed")]
    assert sorted(c for c in calls if c.startswith("HeadObject")) == [
        "HeadObject 404.html",
        "HeadObject index.html",
    ]
    assert result.plan.deletes == ()  # nor the "folder"


def test_a_dry_run_lists_what_would_change_and_changes_nothing(
    built: Project, bucket: str, s3: Client, aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _deploy(built, bucket, aws)
    _change(built)
    before = _bucket(s3, bucket)
    capsys.readouterr()
    args = ["deploy", "-f", str(built.config_file), f"s3://{bucket}", "--endpoint-url", aws]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "upload (changed)   products/lathe/index.html" in out
    assert "delete             products/rice-cake/index.html" in out
    assert "Dry run:" in out and "nothing was changed" in out
    assert _bucket(s3, bucket) == before


def test_more_deletes_than_max_deletes_are_refused_without_force(
    built: Project, bucket: str, s3: Client, aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _deploy(built, bucket, aws)
    _change(built)
    before = _bucket(s3, bucket)
    removed = len(set(before) - set(_local(built.out)))
    args = ["deploy", "-f", str(built.config_file), f"s3://{bucket}", "--endpoint-url", aws]
    assert main([*args, "--max-deletes", "2"]) == 1
    err = capsys.readouterr().err
    assert f"refusing to delete {removed} objects" in err and "nothing was changed" in err
    assert _bucket(s3, bucket) == before  # not even the uploads
    assert main([*args, "--max-deletes", "2", "--force"]) == 0
    assert _bucket(s3, bucket) == _local(built.out)


def test_an_interrupted_deploy_is_completed_by_the_next_run(
    built: Project, bucket: str, s3: Client, aws: str
) -> None:
    _deploy(built, bucket, aws)
    old = _bucket(s3, bucket)
    _change(built)
    puts: list[str] = []
    lock = threading.Lock()

    def fail_after_three(params: dict[str, Any], **_: Any) -> None:  # Any: botocore's
        with lock:  # uploads run in threads
            if len(puts) >= 3:
                raise exceptions.EndpointConnectionError(endpoint_url=aws)
            puts.append(params["Key"])

    s3.meta.events.register("before-parameter-build.s3.PutObject", fail_after_three)
    with pytest.raises(DeployError, match=r"3 of .* files were uploaded and nothing was deleted"):
        _deploy(built, bucket, aws, client=s3)
    s3.meta.events.unregister("before-parameter-build.s3.PutObject", fail_after_three)
    halfway = _bucket(s3, bucket)
    assert set(old) <= set(halfway)  # nothing deleted by the failed run
    assert len(puts) == 3
    result = _deploy(built, bucket, aws)
    assert not {u.file.key for u in result.plan.uploads} & set(puts)  # those are up already
    assert result.deleted == len(result.plan.deletes) > 0
    assert _bucket(s3, bucket) == _local(built.out)


def test_ctrl_c_during_the_uploads_says_what_went_up_and_deletes_nothing(
    built: Project, bucket: str, s3: Client, aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _deploy(built, bucket, aws)
    old = _bucket(s3, bucket)
    _change(built)

    def interrupt(**_: Any) -> None:  # Any: botocore's
        raise KeyboardInterrupt

    s3.meta.events.register("before-parameter-build.s3.PutObject", interrupt)
    with pytest.raises(DeployError) as raised:
        _deploy(built, bucket, aws, client=s3)
    assert raised.value.exit_code == 130
    assert raised.value.format_message().startswith("Interrupted: 0 of ")
    assert _bucket(s3, bucket) == old


def test_a_prefix_holds_the_site_and_the_rest_of_the_bucket_is_left_alone(
    built: Project, bucket: str, s3: Client, aws: str
) -> None:
    s3.put_object(Bucket=bucket, Key="other/keep.txt", Body=b"x")
    s3.put_object(Bucket=bucket, Key="site/2027-old/keep.txt", Body=b"x")
    target = parse_target(f"s3://{bucket}/site/2027/")
    result = deploy(DeployOptions(built.out, target, aws))
    assert result.plan.deletes == ()
    assert _bucket(s3, bucket, "site/2027/") == _local(built.out)
    assert {"other/keep.txt", "site/2027-old/keep.txt"} <= set(_bucket(s3, bucket))


def test_an_invalidation_asks_cloudfront_to_forget_the_changed_pages(
    built: Project, bucket: str, aws: str
) -> None:
    cloudfront = boto3.session.Session().client("cloudfront")
    origin = {"Id": "s3", "DomainName": f"{bucket}.s3.amazonaws.com"}
    config = {
        "CallerReference": bucket,
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [{**origin, "S3OriginConfig": {"OriginAccessIdentity": ""}}],
        },
        "DefaultCacheBehavior": {"TargetOriginId": "s3", "ViewerProtocolPolicy": "allow-all"},
    }
    distribution = cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]
    first = deploy(
        DeployOptions(built.out, parse_target(f"s3://{bucket}"), aws, invalidate=distribution)
    )
    assert first.invalidated == ()  # all new: nothing a CDN could have kept
    _change(built)
    target = parse_target(f"s3://{bucket}")
    result = deploy(DeployOptions(built.out, target, aws, invalidate=distribution))
    assert "/products/lathe/" in result.invalidated and "/" in result.invalidated
    assert "/products/rice-cake/" in result.invalidated  # deleted: forgotten too
    assert not any("photo-" in path or "/fragment/" in path for path in result.invalidated)
    listed = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"]
    asked = cloudfront.get_invalidation(DistributionId=distribution, Id=listed["Items"][0]["Id"])
    paths = asked["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]
    assert sorted(paths) == sorted(result.invalidated)


def test_a_folder_showroom_did_not_build_is_refused(
    tmp_path: Path, bucket: str, aws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/index.html").write_text("x", encoding="utf-8")
    args = ["deploy", "-d", str(tmp_path / "mine"), f"s3://{bucket}", "--endpoint-url", aws]
    assert main(args) == 1  # no showroom.yml says otherwise: in Korean, the default language
    assert (
        f"mine은(는) Showroom이 빌드한 사이트가 아닙니다({MARKER} 파일이 없음)"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("text", "bucket", "prefix"),
    [
        ("s3://my-showroom", "my-showroom", ""),
        ("s3://my-showroom/", "my-showroom", ""),
        ("s3://my-showroom/site/2027", "my-showroom", "site/2027/"),
        ("s3://my-showroom//site/", "my-showroom", "site/"),
    ],
)
def test_targets(text: str, bucket: str, prefix: str) -> None:
    target = parse_target(text)
    assert (target.bucket, target.prefix) == (bucket, prefix)


@pytest.mark.parametrize("text", ["my-showroom", "https://x/y", "s3://A_B", "s3://b/../x"])
def test_bad_targets(text: str) -> None:
    with pytest.raises(UsageError):
        parse_target(text)


@pytest.mark.parametrize(
    ("name", "kind", "caching"),
    [
        ("index.html", "text/html; charset=utf-8", SHORT),
        ("products/a/photo-0123abcd-web960.webp", "image/webp", IMMUTABLE),
        ("products/a/photo-0123abcd-card360.jpg", "image/jpeg", IMMUTABLE),
        ("products/a/photo.avif", "image/avif", SHORT),
        ("pagefind/index/ko_2a72b22.pf_index", "application/octet-stream", IMMUTABLE),
        ("pagefind/filter/en_2a72b22.pf_filter", "application/octet-stream", IMMUTABLE),
        ("pagefind/pagefind.ko_fc0a506af8.pf_meta", "application/octet-stream", IMMUTABLE),
        ("pagefind/wasm.unknown.pagefind", "application/octet-stream", SHORT),
        ("pagefind/pagefind.js", "text/javascript; charset=utf-8", SHORT),
        ("search/vocab-790938ee60b97024.json", "application/json; charset=utf-8", IMMUTABLE),
        ("x.wasm", "application/wasm", SHORT),
        ("catalogue.pdf", "application/pdf", SHORT),
        ("products.csv", "text/csv; charset=utf-8", SHORT),
        ("feed.xml", "application/xml; charset=utf-8", SHORT),
        ("static/favicon.svg", "image/svg+xml; charset=utf-8", SHORT),
        ("admin/config.yml", "application/yaml; charset=utf-8", SHORT),
        ("admin/fonts/x.woff2", "font/woff2", SHORT),
        ("unknown.zzz", "application/octet-stream", SHORT),
    ],
)
def test_types_and_caching(name: str, kind: str, caching: str) -> None:
    assert (content_type(name), cache_control(name)) == (kind, caching)
