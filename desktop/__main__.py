"""`python -m desktop` runs the same entry point as the `township` command."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
