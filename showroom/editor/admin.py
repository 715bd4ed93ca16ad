"""The web editor at `/admin/`: its page, its configuration and the CMS's own files, all served
from the site itself.

Sveltia CMS (`@sveltia/cms` from npm) is vendored, pinned, in the theme's `admin/` folder
(`themes/default/admin/SOURCE.txt` says which version, what was changed and how to update it),
so a build needs no npm and the editor loads nothing from a CDN: the script finds its chunk
beside itself, and `tools/vendor_sveltia.py` points its UI strings, version check and fonts at
the copies beside it. The page starts the UI in the site's language.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from urllib.parse import urlsplit

from showroom.config import Config
from showroom.editor.cms import cms_config, render_yaml
from showroom.theme.strings import Strings

#: The vendored Sveltia CMS (themes/default/admin/, made by tools/vendor_sveltia.py).
SVELTIA_VERSION = "0.221.1"
ADMIN_FOLDER = "admin"

#: The CMS picks its UI language from the browser's; the page starts it in the site's language
#: unless the editor chose another in the CMS's settings (which it keeps in these preferences).
_LANGUAGE = """\
try {
  var prefs = JSON.parse(localStorage.getItem("sveltia-cms.prefs") || "{}") || {};
  if (!prefs.locale) {
    prefs.locale = %s;
    localStorage.setItem("sveltia-cms.prefs", JSON.stringify(prefs));
  }
} catch (error) {}"""

_PAGE = """\
<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<script>
{language}
</script>
<script src="sveltia-cms.js"></script>
</head>
<body>
<noscript>{noscript}</noscript>
</body>
</html>
"""


def repository(config: Config) -> str:
    """The GitHub repository the editor saves to: the setting, else the one a GitHub Pages
    address names (`https://owner.github.io/name/` → owner/name); "" when neither says."""
    if config.admin.repository:
        return config.admin.repository
    parts = urlsplit(config.base_url)
    host = (parts.hostname or "").lower()
    if not host.endswith(".github.io"):
        return ""
    owner = host.removesuffix(".github.io")
    name = parts.path.strip("/").split("/")[0]
    return f"{owner}/{name or host}"


def admin_files(config: Config, strings: Strings) -> dict[str, bytes]:
    """`admin/index.html` and `admin/config.yml` by their path in the site; none when the
    editor is turned off or the repository is unknown."""
    repo = repository(config)
    if not config.admin.enabled or not repo:
        return {}
    language = _LANGUAGE % json.dumps(config.language.split("-")[0])
    page = _PAGE.format(
        lang=html.escape(config.language),
        title=html.escape(strings["cms_app_title"].format(site=config.title)),
        language=language,
        noscript=html.escape(strings["cms_noscript"]),
    )
    settings = render_yaml(cms_config(config, strings, repo))
    return {
        f"{ADMIN_FOLDER}/index.html": page.encode("utf-8"),
        f"{ADMIN_FOLDER}/config.yml": settings.encode("utf-8"),
    }


def cms_files(config: Config, theme_files: dict[str, Path]) -> dict[str, Path]:
    """The CMS's own files (the theme's admin/ folder) by their path in the site, when the
    editor is published."""
    if not config.admin.enabled or not repository(config):
        return {}
    return {f"{ADMIN_FOLDER}/{relative}": path for relative, path in theme_files.items()}
