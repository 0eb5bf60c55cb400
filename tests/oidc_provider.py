"""A small OpenID Connect provider on loopback, for the single sign-on tests.

It speaks the real authorization-code flow over HTTP: /authorize hands out a one-time
code for the user the test signed in (`provider.sign_in(...)`), /token checks the client's
secret, the redirect URI and the PKCE verifier and returns an id_token signed with a fresh
RSA key, /userinfo answers for the access token, and /jwks publishes the public key."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "raadsvolg-test"
CLIENT_SECRET = "not-so-secret"
KEY_ID = "loopback-1"


class LoopbackProvider:
    """An OpenID provider serving on 127.0.0.1 in a thread until `stop()`."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims = None  # what the signed-in user's provider account says
        self.audience = CLIENT_ID  # whom the id_token is issued to
        self.token_requests = 0
        self.userinfo_extra = {}  # claims the user info answers on top of the id_token's
        self.codes = {}
        self.tokens = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def sign_in(self, email, *, sub="user-1", **extra):
        """The account the next authorization request is granted for."""
        self.claims = {"sub": sub, "email": email, **extra}

    def settings(self, **overrides):
        """The Raadsvolg settings that point at this provider."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.base}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.base}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.base}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.base}/jwks",
            **overrides,
        }

    def jwks(self):
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query):
        """The redirect back to the client, with a code or an OAuth error."""
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return None
        redirect = query["redirect_uri"]
        if self.claims is None:
            return f"{redirect}?{urlencode({'error': 'access_denied', 'state': query['state']})}"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {**query, "claims": self.claims}
        return f"{redirect}?{urlencode({'code': code, 'state': query['state']})}"

    def token(self, form):
        """The token response, or None when anything about the request is wrong."""
        self.token_requests += 1
        grant = self.codes.pop(form.get("code"), None)  # a code is good for one use
        if grant is None or form.get("client_secret") != CLIENT_SECRET:
            return None
        if form.get("client_id") != CLIENT_ID or form.get("redirect_uri") != grant["redirect_uri"]:
            return None
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        if challenge.decode() != grant.get("code_challenge"):
            return None
        access_token = secrets.token_urlsafe(16)
        self.tokens[access_token] = {**grant["claims"], **self.userinfo_extra}
        now = int(time.time())
        id_claims = {
            "iss": self.base,
            "aud": self.audience,
            "sub": grant["claims"]["sub"],
            "iat": now,
            "exp": now + 300,
            "nonce": grant.get("nonce"),
        }
        id_token = jwt.encode(id_claims, self.key, algorithm="RS256", headers={"kid": KEY_ID})
        return {"access_token": access_token, "token_type": "Bearer", "id_token": id_token}


def _handler(provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet test output
            pass

        def _json(self, body, status=200):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/authorize":
                location = provider.authorize(query)
                if location is None:
                    return self._json({"error": "invalid_request"}, 400)
                self.send_response(302)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif url.path == "/jwks":
                self._json(provider.jwks())
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                claims = provider.tokens.get(token)
                self._json(claims or {"error": "invalid_token"}, 200 if claims else 401)
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlsplit(self.path).path != "/token":
                return self._json({"error": "not_found"}, 404)
            answer = provider.token(form)
            self._json(answer or {"error": "invalid_grant"}, 200 if answer else 400)

    return Handler
