"""The exit codes of every command (`nianbao --help` states them): scripts and CI test them."""

from __future__ import annotations

EXIT_OK = 0  # done, no error-level finding
EXIT_ERRORS = 1  # an error-level finding (or a refused render)
EXIT_UNREADABLE = 2  # a usage error, or an input that could not be read
