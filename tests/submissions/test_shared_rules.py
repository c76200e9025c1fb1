import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings
from PIL import Image

from campaign.submissions import antispam, tokens
from campaign.submissions.uploads import clean_uploaded_image


def _image_bytes(fmt="JPEG", size=(64, 48), mode="RGB", exif=True):
    image = Image.new(mode, size, "teal")
    out = io.BytesIO()
    kwargs = {}
    if exif and fmt == "JPEG":
        ex = Image.Exif()
        ex[0x010F] = "CameraMaker"
        ex[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}
        kwargs["exif"] = ex
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def test_image_is_reencoded_without_metadata():
    upload = SimpleUploadedFile("holiday.jpg", _image_bytes(size=(3000, 1000)), content_type="image/jpeg")
    cleaned = clean_uploaded_image(upload, max_side=1200)
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 400)
        assert not image.getexif()
    assert cleaned.name.endswith(".jpg") and "holiday" not in cleaned.name


def test_transparent_png_stays_png():
    upload = SimpleUploadedFile("logo.png", _image_bytes("PNG", mode="RGBA"))
    assert clean_uploaded_image(upload).name.endswith(".png")


@pytest.mark.parametrize(
    "content,code",
    [
        (b"not an image at all", "not_an_image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not_an_image"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "not_an_image"),
    ],
)
def test_non_images_are_refused(content, code):
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(SimpleUploadedFile("x.jpg", content))
    assert error.value.code == code


def test_too_large_and_bombs_and_formats_are_refused():
    big = SimpleUploadedFile("big.jpg", _image_bytes(), content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(big, max_bytes=100)
    assert error.value.code == "too_large"
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(SimpleUploadedFile("wide.png", _image_bytes("PNG", size=(4000, 4000))), max_pixels=1_000_000)
    assert error.value.code == "too_many_pixels"
    # A tiny file that claims an enormous canvas: refused before any decoding.
    bomb = Image.new("1", (20000, 20000))
    out = io.BytesIO()
    bomb.save(out, "PNG")
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(SimpleUploadedFile("bomb.png", out.getvalue()))
    assert error.value.code in {"too_many_pixels", "decompression_bomb"}
    tiff = io.BytesIO()
    Image.new("RGB", (10, 10)).save(tiff, "TIFF")
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(SimpleUploadedFile("x.tiff", tiff.getvalue()))
    assert error.value.code == "unsupported"


def test_tokens_round_trip_and_refuse_tampering():
    token = tokens.make_token("event", 42, "s3cret")
    assert tokens.read_token("event", token) == (42, "s3cret")
    assert tokens.read_token("story", token) is None
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]  # a signature character changed
    assert tampered != token and tokens.read_token("event", tampered) is None
    assert tokens.read_token("event", "garbage") is None
    assert tokens.secret_matches("s3cret", "s3cret") and not tokens.secret_matches("s3cret", "other")
    assert not tokens.secret_matches("", "")


def test_tokens_expire(monkeypatch):
    token = tokens.make_token("event", 1, "x")
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 3600)
    assert tokens.read_token("event", token, max_age=60) is None


class DemoForm(antispam.SpamProtectionMixin):
    pass


def test_honeypot_and_fill_time():
    ok = DemoForm(data={"form_started": antispam.signed_form_start(seconds_ago=30)})
    assert ok.is_valid()
    filled = DemoForm(data={"form_started": antispam.signed_form_start(30), "website_address": "http://spam"})
    assert not filled.is_valid() and "could not accept" in str(filled.non_field_errors())
    fast = DemoForm(data={"form_started": antispam.signed_form_start(0)})
    assert not fast.is_valid() and "very quick" in str(fast.non_field_errors())
    forged = DemoForm(data={"form_started": "12345"})
    assert not forged.is_valid()


def test_count_links():
    assert antispam.count_links("see https://a.org and www.b.org and http://c") == 3
    assert antispam.count_links("no links") == 0


def test_rate_limit_counts_per_client(settings):
    from django.core.cache import cache

    cache.clear()
    factory = RequestFactory()
    a = factory.post("/", REMOTE_ADDR="203.0.113.1")
    b = factory.post("/", REMOTE_ADDR="203.0.113.2")
    results = [antispam.hit_rate_limit(a, "test", limit=3, window=3600) for _ in range(4)]
    assert results == [False, False, False, True]
    assert antispam.hit_rate_limit(b, "test", limit=3, window=3600) is False
    assert "203.0.113.1" not in antispam.client_key(a)


def test_rate_limit_survives_a_broken_cache(monkeypatch):
    from django.core import cache as cache_module

    class Broken:
        def add(self, *a, **k):
            raise ConnectionError("down")

        incr = add

    monkeypatch.setattr(antispam, "cache", Broken())
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    results = [antispam.hit_rate_limit(request, "broken", limit=2, window=60) for _ in range(3)]
    assert results == [False, False, True]
    assert cache_module  # the real cache is untouched


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_client_ip_behind_a_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert antispam.client_ip(request) == "203.0.113.9"
