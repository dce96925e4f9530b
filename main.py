"""Confidant: ``python main.py`` opens the window; ``python main.py COMMAND …`` is the CLI.

Any argument (``--version``, ``--help`` or a command) goes to the CLI, so asking the version
never starts Qt.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)  # every file Confidant creates (vault, backups) is its owner's alone
    args = sys.argv[1:] if argv is None else argv
    if args:
        from cli.app import run_cli

        return run_cli(args)
    try:
        from ui.shell.app import run_gui
    except ImportError as exc:  # Qt's own libraries: say which packages, not a traceback
        from ui.shell.qt_startup import import_failure_line

        line = import_failure_line(exc)
        if line is None:
            raise
        print(line, file=sys.stderr)
        return 1
    return run_gui([sys.argv[0]])


if __name__ == "__main__":
    sys.exit(main())
