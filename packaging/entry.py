"""The frozen app's entry (packaging/casebook.spec): worker processes first, then the launcher.

``multiprocessing.freeze_support()`` must run before anything else: a worker process started by
the OCR pool (spawn) re-runs this executable, and must become the worker, not a second app.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from ui.launcher import main

    main()
