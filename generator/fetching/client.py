"""One page from the web: a well-behaved HTTP GET that returns the body and how it was got, or one located problem.

urllib3 makes the connection; everything a fetch must refuse is decided here:
only http and https, at most ``MAX_REDIRECTS`` redirects (followed by hand, so
each hop's scheme is checked and the chain recorded), connect and read
timeouts (between two reads, and 4 × that for the whole address, so a server
trickling bytes is cut off), a size cap on the body as received *and* as inflated (a gzip or
deflate body is inflated in bounded steps, so a compression bomb is stopped at
the cap, not after it has filled memory), and content types the importers can
read. Nothing here writes a file.

Every hop (the address asked for and each redirect) is resolved once; every address DNS gives must be public
(``address_refusal``: no loopback, private, link-local, shared, multicast, unspecified or reserved range, IPv4 inside
IPv6 judged as IPv4), and the connection goes to the address that was checked (``_PinnedHTTPConnection``: urllib3
connects to it while the Host header and the TLS name stay the host's), so a second DNS answer cannot swap in an
internal address. ``FetchOptions.allow_private`` lifts the policy (a server on this machine, on purpose).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import socket
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationParseError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from generator import __version__
from generator.errors import Problem, error
from generator.importers.record import CaptureRecord, Redirect
from generator.project import TOOL_URL

MAX_REDIRECTS = 10
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0  # seconds: to connect, and between two reads
CHUNK = 64 * 1024
USER_AGENT = f"AnnotatedReadings/{__version__} (readings fetch; +{TOOL_URL})"
# What the importers read, and the file extension a capture of each gets.
TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md"}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchOptions:
    max_bytes: int = DEFAULT_MAX_BYTES  #: the largest body accepted, received or inflated
    timeout: float = DEFAULT_TIMEOUT  #: seconds to connect, and to wait between two reads
    allow_private: bool = False  #: fetch from loopback, private and other non-public addresses too (--allow-private)

    @property
    def total(self) -> float:
        """Seconds one address may take in all (redirects, headers and body): a trickling server is cut off."""
        return 4 * self.timeout


@dataclass(frozen=True)
class Download:
    """A page as received: the body (``Content-Encoding`` undone) and its record."""

    body: bytes
    record: CaptureRecord
    extension: str  # ".html", ".txt" or ".md", from the content type


class _FetchRefusedError(Exception):
    """Why a fetch stops; becomes a ``Problem`` located at the address asked for."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def _media_type(content_type: str) -> str:
    message = Message()
    message["content-type"] = content_type
    return message.get_content_type() if content_type else ""


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise _FetchRefusedError(f"not a valid address: {exc}", "bad-url") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise _FetchRefusedError("only http and https addresses can be fetched", "bad-url")


# IPv6 ranges that carry an IPv4 address, judged by that address: NAT64 (RFC 6052). IPv4-mapped and 6to4 are
# read by ``ipaddress`` itself (``ipv4_mapped``, ``sixtofour``).
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# Not globally reachable (IANA special-purpose registry) but not flagged by every Python's ``ipaddress``: the IETF
# protocol assignments, except the two anycast services in them that are global.
NOT_PUBLIC = (ipaddress.IPv4Network("192.0.0.0/24"),)
PUBLIC_EXCEPTIONS = {ipaddress.IPv4Address("192.0.0.9"), ipaddress.IPv4Address("192.0.0.10")}


def address_refusal(address: str) -> str | None:
    """Why a connection to ``address`` (an IP address as text) is refused, or None for a public address.

    Refused: loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud metadata service,
    fe80::/10), shared (100.64/10, carrier-grade NAT), multicast, unspecified (0.0.0.0, ::), reserved and
    documentation ranges, site-local; an IPv4 address inside IPv6 (mapped, NAT64, 6to4) is judged as that address.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "it is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64 else None)
        if embedded is not None:
            return address_refusal(str(embedded))
        if ip.is_site_local:
            return "a site-local address"
    kinds = (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified), ("link-local", ip.is_link_local),
             ("multicast", ip.is_multicast), ("private", ip.is_private), ("reserved", ip.is_reserved))
    found = next((name for name, flag in kinds if flag), None)
    if found is None and (not ip.is_global or (any(ip in n for n in NOT_PUBLIC if n.version == ip.version)
                                               and ip not in PUBLIC_EXCEPTIONS)):
        found = "shared (carrier-grade NAT) or otherwise not public"
    return f"a {found} address" if found else None


def _checked_address(url: str, options: FetchOptions) -> str:
    """The address to connect to for ``url``: resolved once, every answer checked, the first one used."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise _FetchRefusedError("the host name could not be resolved (DNS): check the address and the network", "dns-error") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in answers))
    if not addresses:
        raise _FetchRefusedError("the host name could not be resolved (DNS): check the address and the network", "dns-error")
    if not options.allow_private:
        for address in addresses:
            why = address_refusal(address)
            if why:
                said = host if host == address else f"{host} resolves to {address}"
                raise _FetchRefusedError(f"{said}, {why}: a fetch may reach public web servers only, never a service"
                                         " inside this network (pass --allow-private to fetch from one on purpose)",
                                         "private-address")
    return addresses[0]


class _PinnedHTTPConnection(HTTPConnection):
    """A connection to an address checked beforehand: the socket goes to ``pinned_address``; the Host header (and,
    over TLS, the server name and certificate check) stay the host's name."""

    def __init__(self, *args: object, pinned_address: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.pinned_address = pinned_address

    def _new_conn(self) -> socket.socket:
        name = self._dns_host
        self._dns_host = self.pinned_address  # what urllib3 hands to create_connection: no second DNS lookup
        try:
            return super()._new_conn()
        finally:
            self._dns_host = name


class _PinnedHTTPSConnection(_PinnedHTTPConnection, HTTPSConnection):
    pass


class _PinnedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PinnedHTTPConnection


class _PinnedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PinnedHTTPSConnection


class Connections:
    """How a fetch connects: one small pool per hop, pinned to the address checked for it (``_checked_address``)."""

    @contextmanager
    def open(self, url: str, address: str, options: FetchOptions) -> Iterator[urllib3.BaseHTTPResponse]:
        parts = urlsplit(url)
        kind = _PinnedHTTPSPool if parts.scheme.lower() == "https" else _PinnedHTTPPool
        connections = kind(parts.hostname or "", parts.port, maxsize=1, pinned_address=address)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            response = connections.urlopen(
                "GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                                        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"},
                redirect=False, retries=False, preload_content=False, decode_content=False, assert_same_host=False,
                timeout=urllib3.Timeout(connect=options.timeout, read=options.timeout))
            try:
                yield response
            finally:
                # Never hand back a connection whose response was not read to the end.
                response.close()
                response.release_conn()
        finally:
            connections.close()


class _Inflater:
    """Undoes ``Content-Encoding`` in bounded steps, never holding more than ``limit`` inflated bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1 or any(c not in ("gzip", "x-gzip", "deflate") for c in codings):
            raise _FetchRefusedError(f"the server sent the body with a content encoding this client did not ask for ({encoding})",
                           "bad-encoding")
        self.coding = codings[0] if codings else ""
        # gzip: a gzip header; deflate: a zlib stream (what servers send), or raw deflate (what some old ones send).
        self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS)
        self.raw_deflate_tried = False

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise _FetchRefusedError(f"the page is larger than {self.limit // (1024 * 1024)} MB once decompressed (--max-size)", "too-large")
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if not self.coding:
            self._keep(chunk)
            return
        data = chunk
        try:
            while data or (self.inflater.eof and self.inflater.unused_data):
                if self.inflater.eof:
                    # A gzip body may hold several members (browsers show them all); anything else after the end is damage.
                    rest = self.inflater.unused_data + data
                    if self.coding == "deflate" or not rest.startswith(b"\x1f\x8b"):
                        raise _FetchRefusedError("the compressed body has data after its end: it is damaged", "bad-encoding")
                    self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    data = rest
                # At most one chunk's worth of output per step: a bomb is caught at the cap.
                self._keep(self.inflater.decompress(data, CHUNK))
                data = self.inflater.unconsumed_tail
        except zlib.error as exc:
            if self.coding == "deflate" and not self.raw_deflate_tried and self.size == 0:
                self.raw_deflate_tried = True
                self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                self.feed(chunk)
                return
            raise _FetchRefusedError(f"the compressed body is damaged: {exc}", "bad-encoding") from exc

    def finish(self) -> bytes:
        if self.coding:
            self._keep(self.inflater.flush())
            if not self.inflater.eof:
                raise _FetchRefusedError("the compressed body ends early: the page arrived truncated", "bad-encoding")
        return b"".join(self.parts)


def _body(response: urllib3.BaseHTTPResponse, options: FetchOptions, deadline: float) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > options.max_bytes:
        raise _FetchRefusedError(f"the page is {int(length) / (1024 * 1024):.1f} MB, over the {options.max_bytes // (1024 * 1024)} MB"
                       " limit (--max-size)", "too-large")
    inflater = _Inflater(response.headers.get("Content-Encoding", ""), options.max_bytes)
    received = 0
    while chunk := response.read1(CHUNK):  # whatever has arrived: a trickle is measured against the deadline
        received += len(chunk)
        if received > options.max_bytes:
            raise _FetchRefusedError(f"the page is over the {options.max_bytes // (1024 * 1024)} MB limit (--max-size)", "too-large")
        if time.monotonic() > deadline:
            raise _FetchRefusedError(f"the page did not arrive in full within {options.total:g} s (4 × --timeout)", "timeout")
        inflater.feed(chunk)
    return inflater.finish()


def _content_type(response: urllib3.BaseHTTPResponse) -> str:
    values = response.headers.getlist("Content-Type")
    if len({_media_type(v) for v in values}) > 1:
        raise _FetchRefusedError(f"the server sent conflicting Content-Type headers ({', '.join(values)})", "unsupported-type")
    return values[0] if values else ""


def _refuse_type(media: str, content_type: str, body_start: bytes) -> None:
    if media == "application/pdf" or body_start.lstrip().startswith(b"%PDF-"):
        raise _FetchRefusedError("the address gives a PDF: readings are made from web pages (HTML) and text; PDF support may"
                                 " come later, so save the article's text as a .txt or .md seed for now", "unsupported-type")
    if media not in TYPES and content_type:
        raise _FetchRefusedError(f"the address gives {media}, not a web page (HTML) or text", "unsupported-type")


def _fetch(pool: Connections, url: str, options: FetchOptions) -> Download:
    _check_url(url)
    deadline = time.monotonic() + options.total
    chain: list[Redirect] = []
    current = url
    while True:
        with pool.open(current, _checked_address(current, options), options) as response:
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("Location")
                if not location:
                    raise _FetchRefusedError(f"HTTP {response.status} without a Location to go to", "http-error")
                chain.append(Redirect(status=response.status, url=current))
                if len(chain) > MAX_REDIRECTS:
                    raise _FetchRefusedError(f"more than {MAX_REDIRECTS} redirects", "too-many-redirects")
                try:
                    current = urljoin(current, location.strip())
                except ValueError as exc:
                    raise _FetchRefusedError(f"the server redirected to an address that is not valid ({exc})", "bad-url") from exc
                _check_url(current)
                continue
            if response.status != 200:
                reason = f" {response.reason}" if response.reason else ""
                raise _FetchRefusedError(f"the server answered HTTP {response.status}{reason}"
                                         + (f" (at {current})" if current != url else ""), "http-error")
            content_type = _content_type(response)
            media = _media_type(content_type)
            _refuse_type(media, content_type, b"")
            body = _body(response, options, deadline)
            _refuse_type(media, content_type, body[:1024])
        if time.monotonic() > deadline:
            raise _FetchRefusedError(f"the page did not arrive in full within {options.total:g} s (4 × --timeout)", "timeout")
        retrieved = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        record = CaptureRecord(requested_url=url, final_url=current, redirects=tuple(chain), retrieved=retrieved,
                               status=response.status, content_type=content_type, date=response.headers.get("Date", ""),
                               last_modified=response.headers.get("Last-Modified", ""), etag=response.headers.get("ETag", ""),
                               sha256=hashlib.sha256(body).hexdigest(), user_agent=USER_AGENT,
                               content_language=response.headers.get("Content-Language", ""))
        return Download(body, record, TYPES.get(media, ".html"))


def _why(exc: Exception) -> tuple[str, str]:
    """A one-line reason for a transport failure."""
    reason = getattr(exc, "reason", None)
    if isinstance(exc, NameResolutionError) or isinstance(reason, NameResolutionError):
        return "the host name could not be resolved (DNS): check the address and the network", "dns-error"
    # urllib3 makes NewConnectionError a kind of ConnectTimeoutError: a refused connection is asked about first.
    if isinstance(exc, NewConnectionError) or isinstance(reason, NewConnectionError):
        return "the connection was refused or failed", "connection-error"
    if isinstance(exc, ConnectTimeoutError) or isinstance(reason, ConnectTimeoutError):
        return "the server did not accept a connection in time (timeout)", "timeout"
    if isinstance(exc, ReadTimeoutError) or isinstance(reason, ReadTimeoutError):
        return "the server stopped sending (read timeout)", "timeout"
    if isinstance(exc, SSLError) or isinstance(reason, SSLError):
        return f"the secure connection failed (TLS): {reason or exc}".split("\n")[0], "tls-error"
    if isinstance(exc, ProtocolError):
        return "the connection broke while receiving the page", "connection-error"
    return f"the fetch failed: {exc}".split("\n")[0], "connection-error"


def fetch(pool: Connections, url: str, options: FetchOptions) -> Download | Problem:
    """The page at ``url``, or the one problem that stopped it (located at the address)."""
    try:
        return _fetch(pool, url, options)
    except _FetchRefusedError as exc:
        return error(url, 1, 1, str(exc), exc.code)
    except (LocationParseError, ValueError) as exc:
        return error(url, 1, 1, f"not a valid address: {exc}", "bad-url")
    except (HTTPError, OSError) as exc:
        message, code = _why(exc)
        return error(url, 1, 1, message, code)


def pool(workers: int) -> Connections:
    """How the fetches of one run connect (certificates checked against the system's store); ``workers`` fetches may
    share it, each hop on its own pinned connection."""
    del workers  # one pool per hop: nothing to size
    return Connections()
