"""A local HTTP receiver for the webhook tests (on one of this branch's ports, 8850-8859)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTS = range(8850, 8860)


class Receiver:
    def __init__(self):
        self.received = []  # (path, headers, body)
        self.status = 200
        self.location = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.received.append((self.path, dict(self.headers), body))
                self.send_response(receiver.status)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def do_GET(self):  # a followed redirect would land here
                receiver.received.append((self.path, dict(self.headers), b"GET"))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        for port in PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no free port in 8850-8859")
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/fangxin"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
