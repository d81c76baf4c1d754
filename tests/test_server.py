"""`lexqa serve` through real HTTP (httpx) against a real subprocess on a loopback port, on a subset
of the real corpus with a fake-embedder index. The JSON of every route is the CLI's `--json`."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from lexqa.service import Session
from test_server_support import lexqa, needs, serve

needs("fastapi", "server")
needs("httpx", "server")
import httpx  # noqa: E402


@pytest.fixture(scope="module")
def base():
    with serve() as url:
        yield url


def get(base, path, **params):
    return httpx.get(base + path, params=params, timeout=60)


def post(base, path, **kw):
    return httpx.post(base + path, timeout=60, **kw)


def assert_error(r, status):
    assert r.status_code == status, (r.status_code, r.text)
    d = r.json()
    assert set(d) >= {"error", "detail"} and d["error"], d
    assert "Traceback" not in r.text
    return d


def test_health_and_status(base):
    assert get(base, "/healthz").json() == {"ok": True}
    d = get(base, "/status").json()
    assert d["index"]["exists"] and not d["index"]["stale"] and d["index"]["embedder"] == "fake"
    assert sorted(x["id"] for x in d["corpus"]["documents"]) == sorted(
        ["uu-6-2011", "uu-21-2007", "uu-63-2024", "palermo-protocol", "smuggling-protocol"])
    assert "not proof" in d["notice"] and d["server"]["auth"] is False


@pytest.mark.parametrize("route,params,cli", [
    ("/show", {"citation": "UU 6/2011 Pasal 16 ayat (1) huruf b"}, ["show", "UU 6/2011 Pasal 16 ayat (1) huruf b"]),
    ("/show", {"citation": "UU 6/2011 Pasal 16", "as_of": "2020-01-01"}, ["show", "UU 6/2011 Pasal 16", "--as-of", "2020-01-01"]),
    ("/history", {"citation": "UU 6/2011 Pasal 16"}, ["history", "UU 6/2011 Pasal 16"]),
    ("/diff", {"citation": "UU 6/2011 Pasal 16"}, ["diff", "UU 6/2011 Pasal 16"]),
    ("/search", {"q": "penundaan keberangkatan", "k": "5"}, ["search", "penundaan keberangkatan", "-k", "5"]),
])
def test_routes_return_the_cli_json(base, route, params, cli):
    r = get(base, route, **params)
    assert r.status_code == 200, r.text
    c = lexqa(*cli, "--json")
    assert c.returncode == 0, c.stderr
    assert r.json() == json.loads(c.stdout)


def test_show_on_a_date_reads_the_version_then_in_force(base):
    old = get(base, "/show", citation="UU 6/2011 Pasal 16", as_of="2020-01-01").json()
    now = get(base, "/show", citation="UU 6/2011 Pasal 16").json()
    assert old["as_of"] == "2020-01-01" and old["in_force_version"]["provision"] == "uu-6-2011/pasal-16"
    assert now["in_force_version"]["provision"].startswith("uu-63-2024/")
    assert "amended" in now["status"]["short"] and now["status"]["in_force"]


def test_trace_and_verify(base):
    t = get(base, "/trace", citation="UU 6/2011 Pasal 16").json()
    assert t["id"] == "uu-6-2011/pasal-16" and any(x["id"].startswith("uu-6-2011/pasal-133") for x in t["referred_by"])
    v = post(base, "/verify", json={"text": "Menurut Pasal 999 UU 6/2011, orang asing wajib lapor."}).json()
    assert v["ok"] is False and v["mentions"][0]["found"] is False
    ok = post(base, "/verify", json={"text": "Lihat Pasal 16 UU 6/2011.", "as_of": "2020-01-01"}).json()
    assert ok["as_of"] == "2020-01-01" and ok["mentions"][0]["found"] is True


def test_ask_one_and_a_batch(base):
    q = "Pasal 16 UU 6/2011"
    d = post(base, "/ask", json={"question": q}).json()
    assert not d["abstained"] and (d["citations"][0]["address"] or "").startswith("uu-6-2011/pasal-16")
    assert d["verification"]["ok"]
    b = post(base, "/ask", json={"questions": [q, "What is the income tax rate for individuals?"], "k": 5}).json()
    assert [a["question"] for a in b["answers"]] == [q, "What is the income tax rate for individuals?"]
    assert b["answers"][1]["abstained"]


def test_unresolved_citation_is_404_with_nearest(base):
    d = assert_error(get(base, "/show", citation="UU 6/2011 Pasal 999"), 404)
    assert d["unresolved"]["nearest"] and "999" in d["detail"]
    assert_error(get(base, "/trace", citation="UU 6/2011 Pasal 999"), 404)


@pytest.mark.parametrize("kw,status", [
    ({"json": {"question": ""}}, 400),
    ({"json": {"question": "x" * 2001}}, 400),
    ({"json": {"questions": ["a"] * 11}}, 400),
    ({"json": {"question": "a", "questions": ["b"]}}, 400),
    ({"json": {"question": "a", "k": 500}}, 400),
    ({"json": {"question": "a", "mode": "nope"}}, 400),
    ({"json": {"question": 5}}, 422),
    ({"json": ["not", "an", "object"]}, 422),
    ({"content": b'{"question": ', "headers": {"content-type": "application/json"}}, 400),
    ({"content": bytes(range(256)) * 8, "headers": {"content-type": "application/json"}}, 400),
    ({"content": b"a" * 1_000_000, "headers": {"content-type": "application/json"}}, 413),
])
def test_bad_ask_input_is_a_json_4xx(base, kw, status):
    assert_error(post(base, "/ask", **kw), status)


def test_other_bad_input(base):
    assert_error(get(base, "/search", q=""), 400)
    assert_error(get(base, "/search", q="x", k="abc"), 422)
    assert_error(get(base, "/show"), 422)
    assert_error(get(base, "/show", citation="UU 6/2011 Pasal 16", as_of="yesterday"), 400)
    assert_error(get(base, "/diff", citation="UU 6/2011 Pasal 16", to="1990-01-01"), 400)
    assert_error(post(base, "/verify", json={"text": "   "}), 400)
    assert_error(post(base, "/verify", json={"text": "Pasal 1", "default_doc": "nope"}), 400)
    assert_error(get(base, "/no-such-route"), 404)
    assert_error(httpx.delete(base + "/ask"), 405)


def test_a_chunked_body_over_the_limit_is_refused(base):
    def chunks():
        for _ in range(40):
            yield b"x" * 10_000

    assert_error(post(base, "/verify", content=chunks(), headers={"content-type": "application/json"}), 413)


def test_concurrent_requests_are_all_answered(base):
    calls = [("/show", {"citation": f"UU 6/2011 Pasal {n}"}) for n in (13, 16, 17, 86, 87, 88)] * 3
    with ThreadPoolExecutor(8) as ex:
        rs = list(ex.map(lambda c: get(base, c[0], **c[1]), calls))
    assert all(r.status_code == 200 for r in rs)
    assert [r.json()["id"] for r in rs] == [f"uu-6-2011/pasal-{c[1]['citation'].split()[-1]}" for c in calls]


def test_openapi_and_offline_docs(base):
    spec = get(base, "/openapi.json").json()
    for p in ("/ask", "/search", "/show", "/trace", "/history", "/diff", "/verify", "/guides", "/guides/{name}",
              "/status", "/healthz"):
        assert p in spec["paths"], p
    html = get(base, "/docs").text
    assert "cdn." not in html and "https://" not in html.split("<body>")[0]
    js = [a.split('"')[1] for a in html.split('src=')[1:]]
    assert js and all(get(base, u).status_code == 200 for u in js)


def test_the_page_and_its_files_are_served(base):
    html = get(base, "/").text
    assert "ask-form" in html and "https://" not in html
    for f in ("/static/app.js", "/static/style.css"):
        r = get(base, f)
        assert r.status_code == 200 and "https://" not in r.text


@pytest.mark.skipif(not hasattr(Session, "guides"), reason="guides not merged yet")
def test_guides(base):
    r = get(base, "/guides")
    assert r.status_code == 200, r.text
    c = lexqa("guide", "--json")
    assert c.returncode == 0 and r.json() == json.loads(c.stdout)


def test_token_timeout_and_limits_of_a_configured_server():
    with serve("--token", "s3cret", "--timeout", "0.01", "--max-batch", "2", "--max-question-chars", "50") as url:
        assert httpx.get(url + "/healthz").status_code == 200
        assert httpx.get(url + "/").status_code == 200           # the page asks for the token itself
        assert_error(httpx.get(url + "/status"), 401)
        assert_error(httpx.get(url + "/status", headers={"Authorization": "Bearer wrong"}), 401)
        auth = {"Authorization": "Bearer s3cret"}
        assert_error(httpx.post(url + "/ask", json={"questions": ["a", "b", "c"]}, headers=auth), 400)
        assert_error(httpx.post(url + "/ask", json={"question": "x" * 51}, headers=auth), 400)
        # two full answers cannot finish in 10 ms: a JSON 504, and the server stays up
        d = assert_error(httpx.post(url + "/ask", json={"questions": ["Pasal 16 UU 6/2011", "Pasal 17 UU 6/2011"]},
                                    headers=auth, timeout=60), 504)
        assert d["type"] == "Timeout"
        assert httpx.get(url + "/healthz").status_code == 200


def test_other_hosts_need_a_token_or_no_auth():
    r = lexqa("serve", "--host", "0.0.0.0", "--port", "1")
    assert r.returncode != 0 and r.stderr.count("\n") == 1 and "--token" in r.stderr and "Traceback" not in r.stderr
