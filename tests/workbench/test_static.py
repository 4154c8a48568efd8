from pathlib import Path

import onewindow

STATIC = Path(onewindow.__file__).parent / "static"


def test_htmx_is_vendored_with_its_licence():
    htmx = STATIC / "vendor" / "htmx.min.js"
    assert htmx.stat().st_size > 30_000
    assert htmx.read_text(encoding="utf-8").startswith("var htmx=")
    assert "Zero-Clause BSD" in (STATIC / "vendor" / "htmx.LICENSE").read_text(encoding="utf-8")


def test_pages_load_the_static_files(client, clerk):
    client.force_login(clerk.user)
    page = client.get("/workbench/").content.decode()
    for name in ("vendor/htmx.min.js", "onewindow/js/large-text.js", "onewindow/css/base.css"):
        assert name in page
        assert (STATIC / name).exists()


def test_large_text_toggle_has_no_inline_script(client, clerk):
    client.force_login(clerk.user)
    page = client.get("/workbench/").content.decode()
    assert "data-large-text-toggle" in page
    assert "<script>" not in page  # scripts come from static files (a CSP comes later)
    assert "localStorage" in (STATIC / "onewindow" / "js" / "large-text.js").read_text(encoding="utf-8")
