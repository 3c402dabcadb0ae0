"""Web pages by URL, fetched with httpx: bounded in time, size and redirects.

Only http and https are fetched, and every redirect is checked again (a page may not send us to
`file://`). The download is streamed and stopped at the size cap, whatever the server declared;
the whole fetch must finish within the timeout, so a server that drips one byte a second cannot
hold the command. Every failure is one line naming the URL. The article's source is the URL as
given (without a `#fragment`), so generating from the same URL again updates the same article.

What comes back is read by its content: HTML through the HTML reader, and a PDF, EPUB, Word or
text file served from a URL through its own reader.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from question_bank.errors import ArticleError
from question_bank.models import Article
from question_bank.readers.raw import RawDocument, ReadOptions

USER_AGENT = "quizapp/0.1 (article reader; +https://pypi.org/project/quizapp/)"
_READABLE_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "application/pdf",
    "application/epub+zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",  # servers label anything so: the bytes decide
    "",
)


def read_url(url: str, options: ReadOptions) -> list[Article]:
    """The article(s) at a URL."""
    from question_bank.readers import read_bytes

    source = urldefrag(url)[0]
    data, content_type, charset = fetch(source, options)
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind not in _READABLE_TYPES and not kind.startswith("text/"):
        raise ArticleError(f"{url}: not an article (the server sent {kind})")
    if not data.strip():
        raise ArticleError(f"{url}: the server sent an empty page")
    path = urlsplit(source).path
    name = unquote(path.rstrip("/").rsplit("/", 1)[-1]) or urlsplit(source).hostname or "page"
    stem, _, suffix = name.rpartition(".") if "." in name else (name, "", "")
    document = RawDocument(
        data=data,
        source=source,
        name=url,
        fallback_title=(stem or name).replace("-", " ").replace("_", " ").capitalize(),
        options=options,
        charset=charset,
        suffix=f".{suffix}" if suffix else ("" if kind != "text/html" else ".html"),
    )
    return read_bytes(document)


def fetch(url: str, options: ReadOptions) -> tuple[bytes, str, str]:
    """(body, content type, charset) of a URL, or an ArticleError saying what went wrong."""
    import httpx

    deadline = time.monotonic() + options.timeout_seconds
    current = url
    try:
        with httpx.Client(
            timeout=httpx.Timeout(options.timeout_seconds),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"},
            trust_env=False,  # proxies from the environment are not ours to follow silently
        ) as client:
            for _hop in range(options.max_redirects + 1):
                _check_scheme(url, current)
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        if not location:
                            raise ArticleError(f"{url}: a redirect with no Location")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        phrase = response.reason_phrase or "error"
                        raise ArticleError(f"{url}: HTTP {response.status_code} {phrase}")
                    body = _bounded_body(url, response, options, deadline)
                    content_type = response.headers.get("content-type", "")
                    return body, content_type, response.charset_encoding or ""
            raise ArticleError(f"{url}: more than {options.max_redirects} redirects")
    except ArticleError:
        raise
    except httpx.TimeoutException:
        raise ArticleError(f"{url}: timed out after {options.timeout_seconds:g} s") from None
    except httpx.HTTPError as error:
        raise ArticleError(f"{url}: {_network_reason(error)}") from None
    except (OSError, ValueError) as error:  # a malformed URL, a socket error httpx let through
        raise ArticleError(f"{url}: cannot fetch ({error})") from None


def _check_scheme(url: str, current: str) -> None:
    parts = urlsplit(current)
    if parts.scheme.lower() not in ("http", "https"):
        via = "" if current == url else f" (redirected to {current})"
        raise ArticleError(f"{url}: only http and https URLs are read{via}")
    if not parts.hostname:
        raise ArticleError(f"{url}: a URL with no host")


def _bounded_body(url: str, response: Any, options: ReadOptions, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise options.too_large(url, int(declared))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise options.too_large(url)
        if time.monotonic() > deadline:
            raise ArticleError(f"{url}: timed out after {options.timeout_seconds:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _network_reason(error: Exception) -> str:
    """A network error in a few words: what a person can act on."""
    import httpx

    text = str(error) or type(error).__name__
    lowered = text.lower()
    if isinstance(error, httpx.ConnectError):
        if (
            "name or service not known" in lowered
            or "nodename nor servname" in lowered
            or ("temporary failure in name resolution" in lowered)
        ):
            return "cannot find the host (no DNS answer; are you online?)"
        if "refused" in lowered:
            return "connection refused (nothing answers at that address)"
        if "certificate" in lowered or "ssl" in lowered:
            return f"TLS error ({text.splitlines()[0][:100]})"
        return f"cannot connect ({text.splitlines()[0][:100]})"
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server closed the connection or broke the HTTP protocol"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "only http and https URLs are read"
    if isinstance(error, httpx.DecodingError):
        return "the server sent a body that does not decompress"
    return f"cannot fetch ({text.splitlines()[0][:100]})"
