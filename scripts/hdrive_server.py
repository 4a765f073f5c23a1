"""`hdrive serve` for the benchmark scripts: started on a free port, used once its first crawl
pass is over (so no scan runs while queries are timed), stopped afterwards."""
import contextlib
import http.client
import json
import os
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(hdrive, share, data):
    """Yields (an HTTP connection to the server, the server process)."""
    port = free_port()
    server = subprocess.Popen([hdrive, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", data, share],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "HDRIVE_RESCAN_INTERVAL": "off"})
    try:
        connection = None
        for _ in range(600):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", "/api/status")
                body = json.loads(connection.getresponse().read())
                if body.get("daemon", {}).get("passes") == "1":
                    break
            except (ConnectionError, OSError, ValueError):
                connection = None
            time.sleep(0.2)
        if connection is None:
            raise SystemExit(f"hdrive serve did not come up: {server.stderr.read() if server.poll() is not None else 'no answer'}")
        yield connection, server
    finally:
        server.terminate()
        server.wait(timeout=60)
