"""`dostyq serve --cms`: Decap's local backend (decap-server, installed by
`make setup` into admin/node_modules), so the form at /admin/ reads and writes
the files of this repository, on this machine only."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from .config import repository_root

ADMIN = Path(__file__).resolve().parents[2] / "admin"
DECAP_SERVER = ADMIN / "node_modules" / "decap-server" / "dist" / "index.js"


def _end_with_parent() -> None:
    """In the child, before node starts: on Linux, end it when `dostyq serve` ends,
    however that ends (even killed), so no server is left writing into the repository."""
    try:
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: `serve` still stops it when it ends normally
        pass


class NotInstalled(RuntimeError):
    pass


def start_decap_server(content: Path, port: int, bind: str = "127.0.0.1") -> subprocess.Popen:
    """decap-server on `bind`:`port`, writing into the repository that holds `content`;
    returns once it answers."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        raise NotInstalled("the local backend of the web form is not installed: run `make setup` "
                           "(it needs node and npm)")
    root = repository_root(content)
    env = {**os.environ, "PORT": str(port), "BIND_HOST": bind, "MODE": "fs", "GIT_REPO_DIRECTORY": str(root),
           "LOG_LEVEL": "warn"}
    process = subprocess.Popen([node, str(DECAP_SERVER)], cwd=root, env=env, stdin=subprocess.DEVNULL,
                               preexec_fn=_end_with_parent)
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise NotInstalled(f"decap-server stopped at start (is port {port} taken?)")
        try:
            request = urllib.request.Request(f"http://{bind}:{port}/api/v1", data=b'{"action":"info"}',
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2):
                return process
        except OSError:
            if time.monotonic() > deadline:
                process.terminate()
                raise NotInstalled(f"decap-server did not answer on {bind}:{port}") from None
            time.sleep(0.1)
