"""What pyproject.toml cannot say: the packages are found automatically, and the default theme,
kept at the top of the repository (themes/, where theme authors look), is installed inside the
package as showroom/themes/ (`showroom.theme.folders` finds it there, or in a source checkout
at the top). Every other file metadata of the distribution is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["showroom", "showroom.*"]), "showroom.themes"],
    package_dir={"showroom.themes": "themes"},
    package_data={
        "showroom.themes": ["**/*"],
        "showroom.editor": ["site_files/*"],  # the files of `showroom new site`
        "showroom": ["locale/*.pot", "locale/*/LC_MESSAGES/*"],  # messages (tools/messages.py)
    },
    include_package_data=False,  # only the files named here (there is no MANIFEST.in)
)
