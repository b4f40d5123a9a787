"""`rso-qa`, the command line: the top layer, which may import every package below it.

Nothing imports `cli`; heavy libraries load inside the command that needs them.
"""

from cli.app import app, main

__all__ = ["app", "main"]
