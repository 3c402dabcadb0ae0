"""URLs: fetched from a local server on 127.0.0.1 that the test starts and stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from question_bank.errors import ArticleError
from question_bank.readers import ReadOptions, read
from tests.unit.question_bank.readers import http_server as http
from tests.unit.question_bank.readers.documents import STORM, news_page, write_pdf

# Generous for pages that answer (the machine is shared and loaded); short only where a test
# waits for the timeout itself.
FAST = ReadOptions(timeout_seconds=15.0, max_bytes=256 * 1024)
SHORT = ReadOptions(timeout_seconds=1.0, max_bytes=256 * 1024)


def paragraphs(url: str, options: ReadOptions = FAST) -> list[tuple[str, str]]:
    [article] = read([url], options)
    return article.paragraphs


def test_a_news_page_by_url_is_its_article_and_its_source_is_the_url() -> None:
    with http.serve({"/news/storm": http.page(news_page(STORM).encode())}) as base:
        [article] = read([f"{base}/news/storm#comments"], FAST)
    assert article.title == STORM.title
    assert article.paragraphs == STORM.paragraphs
    assert article.source == f"{base}/news/storm"  # the fragment is not part of the page


def test_redirects_are_followed_up_to_the_limit() -> None:
    routes = {
        "/old": http.redirect("/new"),
        "/new": http.redirect("/article", status=301),
        "/article": http.page(news_page(STORM).encode()),
        "/loop": http.redirect("/loop"),
    }
    with http.serve(routes) as base:
        assert paragraphs(f"{base}/old") == STORM.paragraphs
        with pytest.raises(ArticleError, match="more than 5 redirects"):
            read([f"{base}/loop"], FAST)


def test_a_redirect_may_not_leave_http() -> None:
    with (
        http.serve({"/sneaky": http.redirect("file:///etc/passwd")}) as base,
        pytest.raises(ArticleError, match=r"only http and https .*redirected to file:"),
    ):
        read([f"{base}/sneaky"], FAST)


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/hostname"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(ArticleError, match="only http and https"):
        read([url], FAST)


def test_a_server_that_does_not_answer_times_out() -> None:
    with (
        http.serve({"/slow": http.slow(3.0)}) as base,
        pytest.raises(ArticleError, match=r"timed out after 1 s"),
    ):
        read([f"{base}/slow"], SHORT)


def test_404_and_500_are_one_line_each() -> None:
    routes = {"/broken": http.page(b"oops", "text/plain", status=500)}
    with http.serve(routes) as base, pytest.raises(ArticleError, match="HTTP 404 Not Found"):
        read([f"{base}/missing"], FAST)
        with pytest.raises(ArticleError, match="HTTP 500"):
            read([f"{base}/broken"], FAST)


def test_oversized_answers_are_refused_whether_declared_or_not() -> None:
    routes = {"/declared": http.declared_huge(), "/endless": http.endless()}
    with (
        http.serve(routes) as base,
        pytest.raises(ArticleError, match=r"10 GB is over the 256 KB limit"),
    ):
        read([f"{base}/declared"], FAST)
        with pytest.raises(ArticleError, match=r"over the 256 KB limit"):
            read([f"{base}/endless"], FAST)


def test_the_size_error_says_how_to_raise_the_cap() -> None:
    options = ReadOptions(max_bytes=1024, timeout_seconds=15.0, limit_hint="set max_article_mb")
    with (
        http.serve({"/a": http.page(news_page(STORM).encode())}) as base,
        pytest.raises(ArticleError, match="limit for an article; set max_article_mb"),
    ):
        read([f"{base}/a"], options)


def test_non_html_answers() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    routes = {
        "/image": http.page(png, "image/png"),
        "/data": http.page(b'{"a": 1}', "application/json"),
        "/mislabelled": http.page(png, "application/octet-stream"),
        "/plain": http.page(b"A title\n\nThe plague reached Norway in 1349.\n", "text/plain"),
        "/empty": http.page(b"", "text/html"),
    }
    with (
        http.serve(routes) as base,
        pytest.raises(ArticleError, match=r"not an article \(the server sent image/png\)"),
    ):
        read([f"{base}/image"], FAST)
        with pytest.raises(ArticleError, match="application/json"):
            read([f"{base}/data"], FAST)
        with pytest.raises(ArticleError, match="a PNG image"):
            read([f"{base}/mislabelled"], FAST)
        with pytest.raises(ArticleError, match="empty page"):
            read([f"{base}/empty"], FAST)
        assert paragraphs(f"{base}/plain") == [("", "The plague reached Norway in 1349.")]


def test_a_pdf_served_by_url_is_read_as_a_pdf(tmp_path: Path) -> None:
    pdf = write_pdf(STORM, tmp_path / "storm.pdf").read_bytes()
    with http.serve({"/handout": http.page(pdf, "application/pdf")}) as base:
        assert paragraphs(f"{base}/handout", ReadOptions(timeout_seconds=5)) == STORM.paragraphs


def test_a_page_with_no_article() -> None:
    menu = b"<html><body><nav><a href='/'>Home</a> <a href='/b'>Blog</a></nav></body></html>"
    with (
        http.serve({"/menu": http.page(menu)}) as base,
        pytest.raises(ArticleError, match="no article found"),
    ):
        read([f"{base}/menu"], FAST)


def test_nothing_listening() -> None:
    with http.serve({}) as base:
        pass  # the server is gone: its port now refuses connections
    with pytest.raises(ArticleError, match="connection refused"):
        read([f"{base}/gone"], FAST)
