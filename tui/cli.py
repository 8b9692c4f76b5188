"""Placeholder command line: replaced by the full CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from tui.app import make_app

    args = sys.argv[1:] if argv is None else argv
    db = args[args.index("--db") + 1] if "--db" in args else None
    app = make_app(db)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
