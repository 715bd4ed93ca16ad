"""`python build.py` is `showroom build`: extra arguments are passed on."""

import sys

from showroom.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["build", *sys.argv[1:]]))
