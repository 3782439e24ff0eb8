from __future__ import annotations

import multiprocessing
import sys

from desktop_app.cli.run import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # evidence derivatives run in worker processes
    sys.exit(main())
