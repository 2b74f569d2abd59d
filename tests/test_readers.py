import os
import sys

import pytest

from newsfacts.errors import InputError
from newsfacts.readers import Input, decode, expand_inputs, html_to_text, read_input

from .conftest import SAMPLES

RUSSIAN = "Компания \"Яндекс\" открыла дата-центр в Можайске. Ёмкость - 100 стоек.\n"


@pytest.mark.parametrize(
    "data",
    [
        RUSSIAN.encode("utf-8"),
        b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"),
        RUSSIAN.encode("cp1251"),
        RUSSIAN.encode("koi8_r"),
        RUSSIAN.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1251", "koi8-r", "utf16-bom"],
)
def test_decode_common_encodings(data):
    assert decode(data, "x.txt") == RUSSIAN


def test_decode_whole_article_in_cp1251_and_koi8(sample_text):
    assert decode(sample_text.encode("cp1251"), "a.txt") == sample_text
    plain = sample_text.replace("«", '"').replace("»", '"')
    assert decode(plain.encode("koi8_r"), "a.txt") == plain


def test_decode_crlf_normalised():
    assert decode("строка\r\nвторая\r\n".encode(), "a.txt") == "строка\nвторая\n"


def test_explicit_encoding():
    assert decode(RUSSIAN.encode("cp866"), "a.txt", encoding="cp866") == RUSSIAN


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, b"%PDF-1.7\n\x00\x01", b"abc\x00def"],
    ids=["png", "pdf", "nul"],
)
def test_binary_is_not_text(data):
    with pytest.raises(InputError, match="not a text file"):
        decode(data, "image.txt")


def test_undecodable_text():
    # random high bytes with control characters: no Cyrillic encoding makes prose of it
    data = bytes([0x81, 0x8D, 0x8F, 0x90, 0x98, 0x01, 0x02, 0x03]) * 50
    with pytest.raises(InputError, match="cannot decode"):
        decode(data, "noise.txt")


def test_empty_is_valid():
    assert decode(b"", "empty.txt") == ""


def test_folder_walk_sorted_recursive_and_filtered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("<p>x</p>")
    (tmp_path / "b" / "1.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "c.htm").write_text("x")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("x")
    names = [os.path.relpath(i.name, tmp_path) for i in expand_inputs([str(tmp_path)])]
    assert names == ["a.txt", os.path.join("b", "1.md"), os.path.join("b", "2.html"), "c.htm"]


def test_missing_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(expand_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert [type(i) for i in items] == [InputError, InputError]
    assert items[0].reason == "no such file or folder"
    assert items[1].reason.startswith("no article files")


def test_dash_is_stdin():
    assert list(expand_inputs(["-"])) == [Input("<stdin>")]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("x")
    p.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_input(Input(str(p), p))


def test_html_page_reduced_to_article_text(sample_text):
    text = read_input(Input("p.html", SAMPLES / "twitter-gpus.html")).text
    # the article paragraphs survive, the page furniture does not
    assert "Сообщается, что социальная сеть приобрела около 10 000 графических процессоров" in text
    for furniture in ("Сбербанк", "Казань", "Ростелеком", "Читайте также", "Магдебург", "Павел Дуров"):
        assert furniture not in text


def test_html_empty_page():
    assert html_to_text("<html><body></body></html>") == ""


def test_permission_denied_reported_even_as_root(tmp_path, monkeypatch):
    # CI runs as root, where chmod 0 does not stop reading: simulate the OS error
    p = tmp_path / "secret.txt"
    p.write_text("x")

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(p), "read_bytes", deny)
    with pytest.raises(InputError, match="permission denied"):
        read_input(Input(str(p), p))


def test_html_by_suffix_or_by_content(tmp_path):
    page = "<!DOCTYPE html><html><body><nav>Меню</nav><article><p>" + "Компания Яндекс открыла офис. " * 5
    page += "</p></article></body></html>"
    for name, reduced in (("page", True), ("page.htm", True), ("page.txt", False)):
        p = tmp_path / name
        p.write_text(page, encoding="utf-8")
        text = read_input(Input(str(p), p)).text
        assert ("<p>" not in text) is reduced, name
