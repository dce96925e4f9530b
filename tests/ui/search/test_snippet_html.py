"""A search result from a private section says whose it is, escaped like everything else."""

from __future__ import annotations

from ui.search.snippet_html import hit_html, hit_text
from vault.search.engine import ClientRef, SearchHit
from vault.search.snippets import SnippetSegment


def _hit(private_to: ClientRef | None) -> SearchHit:
    clients = (ClientRef(1, "Demo Avery"), ClientRef(2, "Demo <b>Blake</b>"))
    return SearchHit(
        1,
        "2026-03-02T14:00",
        "soap",
        "SOAP",
        False,
        None,
        clients,
        (SnippetSegment("Demo kestrel", True),),
        0.0,
        private_to,
    )


def test_a_private_snippet_names_its_owner() -> None:
    assert "Private to Demo Avery: Demo kestrel" in hit_text(_hit(ClientRef(1, "Demo Avery")))


def test_the_owners_name_is_escaped() -> None:
    html = hit_html(_hit(ClientRef(2, "Demo <b>Blake</b>")))
    assert "Private to Demo &lt;b&gt;Blake&lt;/b&gt;" in html


def test_a_shared_snippet_has_no_private_mark() -> None:
    assert "Private" not in hit_html(_hit(None))
