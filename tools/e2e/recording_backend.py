#!/usr/bin/env python3
"""A recording stand-in backend: saves each POST body to DIR/NNNN.json and answers 200 success."""
import sys, os, http.server, socketserver, itertools
d = sys.argv[2]; os.makedirs(d, exist_ok=True); c = itertools.count(1)
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a): pass
    def do_POST(self):
        n = int(self.headers.get('content-length') or 0); raw = self.rfile.read(n)
        open(os.path.join(d, f"{next(c):04d}.json"), 'wb').write(raw)
        body = b'{"success":true}'
        self.send_response(200); self.send_header('content-type', 'application/json'); self.send_header('content-length', str(len(body))); self.end_headers(); self.wfile.write(body)
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True; allow_reuse_address = True
S(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
