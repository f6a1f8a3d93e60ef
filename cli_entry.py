"""The `resdiff` console script: answers `--version` before loading click.

Editors and scripts call `resdiff --version` to probe for the tool, and importing
click with every command definition costs more than the interpreter's own start-up.
Everything else goes to the click group in `cli`, unchanged.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from diffcore import __version__

        # The line click's version_option prints (`resdiff --help` still lists the option).
        prog = os.path.basename(sys.argv[0]) or "resdiff"
        sys.stdout.write(f"{prog}, version {__version__}\n")
        return
    from cli import main as run

    run()


if __name__ == "__main__":
    main()
